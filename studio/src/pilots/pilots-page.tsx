/**
 * Pilots (试点): a published version deciding the events of some townships while the rest of the
 * county stays on the main version. County administrators start, widen, promote and end pilots;
 * every pilot shows its history and a comparison of its townships with the others.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ConfigVersionSummary } from '../api/types';
import { pilotsApi, type Pilot, type PilotOutcome } from '../api/pilots-client';
import { pilotsText } from '../i18n/pilots';
import { registerTexts } from '../i18n/register-texts';
import { useLabel, useLanguage } from '../i18n/use-label';
import { useCountyConfig } from '../ops/use-county-config';
import { useSession } from '../session/session-context';
import { formatDateTime } from '../util/zoned';
import { PilotComparisonView } from './pilot-comparison-view';
import { ShadowSection } from './shadow-section';

registerTexts('pilots', pilotsText);

const STATUS_COLOR = { active: 'processing', ended: 'default', promoted: 'success' } as const;

export function PilotsPage() {
  const { t } = useTranslation();
  const { api, me } = useSession();
  const { compiled } = useCountyConfig();
  const label = useLabel();
  const language = useLanguage();
  const [data, setData] = useState<{ mainVersion: number | null; pilots: Pilot[] } | null>(null);
  const [versions, setVersions] = useState<ConfigVersionSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [compared, setCompared] = useState<number | null>(null);
  const [widening, setWidening] = useState<Pilot | null>(null);
  const admin = me.role === 'county_admin';
  // policy designers propose (a county administrator approves); administrators act, or propose when the county requires approval
  const proposer = admin || me.role === 'policy_designer';
  const timeZone = compiled?.timeZone ?? 'Asia/Shanghai';

  const load = useCallback(() => {
    pilotsApi.list(api, me.county).then(
      (r) => (setData(r), setError(null), setCompared((c) => c ?? r.pilots[0]?.id ?? null)),
      (e: Error) => setError(e.message),
    );
    api.listConfigs(me.county).then((r) => setVersions(r.versions), () => undefined);
  }, [api, me.county]);
  useEffect(load, [load]);

  const townships = useMemo(() => (compiled?.config.units ?? []).filter((u) => u.kind === 'township').map((u) => ({ value: u.id, label: label(u.name, u.id) })), [compiled, label]);
  const townshipName = (id: string) => townships.find((o) => o.value === id)?.label ?? id;
  const nameOf = (kind: 'unit' | 'category', id: string | null) => {
    if (id === null) return '—';
    const text = kind === 'unit' ? compiled?.unit(id)?.name : compiled?.category(id)?.minor.name;
    return text ? label(text, id) : id;
  };
  const taken = new Set((data?.pilots ?? []).filter((p) => p.status === 'active').flatMap((p) => p.townships));
  const run = (promise: Promise<PilotOutcome>, done: string) =>
    promise.then(
      (r) => (setNotice('approval' in r ? t('pilots.submitted', { id: r.approval.id }) : done), setError(null), load()),
      (e: Error) => setError(e.message),
    );

  const columns: ColumnsType<Pilot> = [
    { title: t('pilots.columns.id'), dataIndex: 'id', width: 64 },
    { title: t('pilots.columns.name'), dataIndex: 'name', render: (name: string | null, p) => name ?? `#${p.id}` },
    { title: t('pilots.columns.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
    { title: t('pilots.columns.townships'), dataIndex: 'townships', render: (list: string[]) => list.map(townshipName).join('、') },
    { title: t('pilots.columns.status'), dataIndex: 'status', render: (s: Pilot['status']) => <Tag color={STATUS_COLOR[s]} data-status={s}>{t(`pilots.status.${s}`)}</Tag> },
    { title: t('pilots.columns.startedAt'), dataIndex: 'startedAt', render: (at: string) => formatDateTime(at, timeZone, language) },
    {
      title: t('pilots.columns.actions'),
      key: 'actions',
      render: (_, p) => (
        <Space wrap size={4}>
          <Button size="small" data-action="compare" onClick={() => setCompared(p.id)} type={compared === p.id ? 'primary' : 'default'}>{t('pilots.compare')}</Button>
          {proposer && p.status === 'active' && (
            <>
              <Button size="small" data-action="widen" onClick={() => setWidening(p)}>{t('pilots.widen')}</Button>
              <Popconfirm title={t('pilots.promoteConfirm', { version: p.version })} onConfirm={() => run(pilotsApi.close(api, me.county, p.id, 'promote'), t('pilots.status.promoted'))}>
                <Button size="small" data-action="promote">{t('pilots.promote')}</Button>
              </Popconfirm>
            </>
          )}
          {admin && p.status === 'active' && (
            <>
              <Popconfirm title={t('pilots.endConfirm')} onConfirm={() => run(pilotsApi.close(api, me.county, p.id, 'end'), t('pilots.status.ended'))}>
                <Button size="small" danger data-action="end">{t('pilots.end')}</Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  const candidates = versions.filter((v) => v.status === 'published' && v.version !== data?.mainVersion);
  return (
    <main className="page pilots-page">
      <h1>{t('pilots.title')}</h1>
      <p className="muted">{t('pilots.intro')}</p>
      {data?.mainVersion != null && <p data-testid="main-version">{t('pilots.mainVersion', { version: data.mainVersion })}</p>}
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      {proposer && <NewPilot versions={candidates.map((v) => v.version)} townships={townships.filter((o) => !taken.has(o.value))} onStart={(body) => run(pilotsApi.start(api, me.county, body), t('pilots.started'))} />}
      {data && data.pilots.length === 0 && <p className="muted">{t('pilots.none')}</p>}
      {data && data.pilots.length > 0 && (
        <Table<Pilot>
          rowKey="id"
          size="small"
          className="pilots-table"
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={data.pilots}
          expandable={{ expandedRowRender: (p) => <PilotHistory pilot={p} townshipName={townshipName} timeZone={timeZone} /> }}
        />
      )}
      {compared !== null && <PilotComparisonView key={compared} id={compared} townshipName={townshipName} timeZone={timeZone} />}
      <ShadowSection versions={versions.filter((v) => v.status === 'published').map((v) => v.version)} name={nameOf} timeZone={timeZone} />
      <Modal open={widening !== null} title={t('pilots.widenTitle')} onCancel={() => setWidening(null)} footer={null} destroyOnHidden>
        {widening && <WidenForm townships={townships.filter((o) => !taken.has(o.value))} onWiden={(body) => (setWidening(null), run(pilotsApi.widen(api, me.county, widening.id, body), t('pilots.widen')))} />}
      </Modal>
    </main>
  );
}

type Option = { value: string; label: string };

function NewPilot({ versions, townships, onStart }: { versions: number[]; townships: Option[]; onStart: (body: { version: number; townships: string[]; name?: string; note?: string }) => void }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState<number | undefined>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  return (
    <section className="pilot-new" data-testid="new-pilot">
      <h2>{t('pilots.new')}</h2>
      <div className="pilot-form">
        <label>
          {t('pilots.version')}
          <Select<number> data-testid="pilot-version" value={version} onChange={setVersion} placeholder={t('pilots.versionHint')} style={{ minWidth: 200 }} options={versions.map((v) => ({ value: v, label: `v${v}` }))} />
        </label>
        <label>
          {t('pilots.townships')}
          <Select<string[]> data-testid="pilot-townships" mode="multiple" value={chosen} onChange={setChosen} style={{ minWidth: 240 }} options={townships} optionFilterProp="label" />
        </label>
        <label>
          {t('pilots.name')}
          <Input name="pilot-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('pilots.note')}
          <Input.TextArea name="pilot-note" value={note} maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} onChange={(e) => setNote(e.target.value)} />
        </label>
        <Button type="primary" data-action="start-pilot" disabled={version === undefined || chosen.length === 0} onClick={() => version !== undefined && onStart({ version, townships: chosen, ...(name ? { name } : {}), ...(note ? { note } : {}) })}>
          {t('pilots.start')}
        </Button>
      </div>
    </section>
  );
}

function WidenForm({ townships, onWiden }: { townships: Option[]; onWiden: (body: { townships: string[]; note?: string }) => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select<string[]> data-testid="widen-townships" mode="multiple" value={chosen} onChange={setChosen} style={{ width: '100%' }} options={townships} optionFilterProp="label" />
      <Input.TextArea name="widen-note" value={note} placeholder={t('pilots.note')} onChange={(e) => setNote(e.target.value)} />
      <Button type="primary" data-action="confirm-widen" disabled={chosen.length === 0} onClick={() => onWiden({ townships: chosen, ...(note ? { note } : {}) })}>
        {t('pilots.widen')}
      </Button>
    </Space>
  );
}

function PilotHistory({ pilot, townshipName, timeZone }: { pilot: Pilot; townshipName: (id: string) => string; timeZone: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="pilot-history">
      <h3>{t('pilots.history')}</h3>
      <ol>
        {pilot.changes.map((c) => (
          <li key={c.seq} data-action={c.action}>
            <strong>{t(`pilots.action.${c.action}`)}</strong> {c.townships.map(townshipName).join('、')} — {t('pilots.by', { who: c.actorName ?? c.actorId, at: formatDateTime(c.at, timeZone, language) })}
            {c.note && <span className="muted">（{c.note}）</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
