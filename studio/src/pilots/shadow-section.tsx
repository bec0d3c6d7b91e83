/**
 * Shadow runs on the pilot page: start one for a published version, stop it, and read what it
 * would have decided differently (the decision diff).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { shadowsApi, type Shadow, type ShadowChange } from '../api/shadows-client';
import { useLanguage } from '../i18n/use-label';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';
import { DecisionDiff } from './decision-diff';

export function ShadowSection({ versions, name, timeZone }: { versions: number[]; name: (kind: 'unit' | 'category', id: string | null) => string; timeZone: string }) {
  const { t } = useTranslation();
  const { api, me } = useSession();
  const language = useLanguage();
  const admin = me.role === 'county_admin';
  const [shadows, setShadows] = useState<Shadow[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [changes, setChanges] = useState<ShadowChange[]>([]);
  const [version, setVersion] = useState<number | undefined>();
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    shadowsApi.list(api, me.county).then(
      (r) => (setShadows(r.shadows), setError(null)),
      (e: Error) => setError(e.message),
    );
  }, [api, me.county]);
  useEffect(load, [load]);
  useEffect(() => {
    if (open === null) return;
    shadowsApi.changes(api, me.county, open).then((r) => setChanges(r.changes), (e: Error) => setError(e.message));
  }, [api, me.county, open]);

  const running = shadows?.some((s) => s.status === 'active');
  const opened = shadows?.find((s) => s.id === open);
  return (
    <section className="shadow-section" data-testid="shadow-section">
      <h2>{t('pilots.shadow.title')}</h2>
      <p className="muted">{t('pilots.shadow.intro')}</p>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {admin && !running && (
        <Space wrap className="shadow-start">
          <Select<number> data-testid="shadow-version" value={version} onChange={setVersion} placeholder={t('pilots.versionHint')} style={{ minWidth: 200 }} options={versions.map((v) => ({ value: v, label: `v${v}` }))} />
          <Input name="shadow-name" value={label} maxLength={200} placeholder={t('pilots.name')} onChange={(e) => setLabel(e.target.value)} style={{ width: 220 }} />
          <Button type="primary" data-action="start-shadow" disabled={version === undefined} onClick={() => version !== undefined && shadowsApi.start(api, me.county, { version, ...(label ? { name: label } : {}) }).then(load, (e: Error) => setError(e.message))}>
            {t('pilots.shadow.start')}
          </Button>
        </Space>
      )}
      {shadows && shadows.length === 0 && <p className="muted">{t('pilots.shadow.none')}</p>}
      <ul className="shadow-list">
        {shadows?.map((s) => (
          <li key={s.id} data-shadow={s.id}>
            <strong>{s.name ?? `#${s.id}`}</strong> v{s.version} <Tag color={s.status === 'active' ? 'processing' : 'default'} data-status={s.status}>{t(`pilots.shadow.status.${s.status}`)}</Tag>
            <span className="muted"> {t('pilots.shadow.decidedUntil', { at: formatDateTime(s.decidedUntil, timeZone, language) })} · </span>
            <span data-testid="shadow-counts">{t('pilots.shadow.counts', { events: s.totals.events, changed: s.totals.changed, failed: s.totals.failed })}</span>
            <Space size={4} style={{ marginLeft: 8 }}>
              <Button size="small" data-action="show-shadow" type={open === s.id ? 'primary' : 'default'} onClick={() => setOpen(s.id)}>{t('pilots.shadow.show')}</Button>
              {admin && s.status === 'active' && (
                <Popconfirm title={t('pilots.shadow.stopConfirm')} onConfirm={() => shadowsApi.stop(api, me.county, s.id).then(load, (e: Error) => setError(e.message))}>
                  <Button size="small" danger data-action="stop-shadow">{t('pilots.shadow.stop')}</Button>
                </Popconfirm>
              )}
            </Space>
          </li>
        ))}
      </ul>
      {opened && <DecisionDiff summary={opened.summary} changes={changes} name={name} timeZone={timeZone} />}
    </section>
  );
}
