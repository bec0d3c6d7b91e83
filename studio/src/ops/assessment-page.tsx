/**
 * The assessment ranking (考核排名) of a month, quarter or year: per kind of unit, each unit's
 * indicators, system score, ratings from outside and weighted total, ranked. A click on an
 * indicator's figure opens the events behind it (counted or not), each a link to the event; the
 * ranking exports as CSV or XLSX. Definitions: docs/assessment.md.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Drawer, InputNumber, Select, Space, Table, Tag } from 'antd';
import { assessmentApi, type Assessment, type Drill, type IndicatorScore, type UnitScore } from '../api/command-client';
import { commandText } from '../i18n/command';
import { registerTexts } from '../i18n/register-texts';
import { useLabel, useLanguage } from '../i18n/use-label';
import { Link } from '../router/link';
import { useSession } from '../session/session-context';
import { formatDateTime, wallTime } from '../util/zoned';
import { useCountyConfig } from './use-county-config';

registerTexts('command', commandText);

/** The periods offered: the last 12 months, the last 4 quarters and the last 2 years. */
function periodChoices(now: number, timeZone: string): string[] {
  const w = wallTime(now, timeZone);
  const months = Array.from({ length: 12 }, (_, i) => {
    const index = w.year * 12 + (w.month - 1) - i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
  const quarter = w.year * 4 + Math.floor((w.month - 1) / 3);
  const quarters = Array.from({ length: 4 }, (_, i) => `${Math.floor((quarter - i) / 4)}-Q${((quarter - i) % 4) + 1}`);
  return [...months, ...quarters, String(w.year), String(w.year - 1)];
}

const figure = (i: IndicatorScore) => (i.value === null ? null : i.kind === 'rate' ? `${(i.value * 100).toFixed(1)}%` : String(i.value));
const points = (n: number | null) => (n === null ? '—' : n.toFixed(1));

export function AssessmentPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  const { api, me } = useSession();
  const { compiled } = useCountyConfig();
  const timeZone = compiled?.timeZone ?? 'Asia/Shanghai';
  const choices = useMemo(() => periodChoices(Date.now(), timeZone), [timeZone]);
  const [period, setPeriod] = useState(choices[0]);
  const [result, setResult] = useState<Assessment | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // county administrators enter the ratings from outside the system (a township's rating of its posted stations, ...)
  const [edits, setEdits] = useState<Map<string, number | null> | null>(null);
  const [saving, setSaving] = useState(false);
  const [reload, setReload] = useState(0);
  const mayRate = me.role === 'county_admin';
  const [drill, setDrill] = useState<{ unit: UnitScore; indicator: string; data: Drill | null } | null>(null);

  useEffect(() => {
    let live = true;
    setResult(null);
    assessmentApi.get(api, me.county, period).then(
      (r) => live && (setResult(r), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, me.county, period, reload]);

  // kinds with most ranked units first: the page opens on the kind whose ranking says most
  const kinds = useMemo(() => {
    const ranked = new Map<string, number>();
    for (const u of result?.units ?? []) ranked.set(u.kind, (ranked.get(u.kind) ?? 0) + (u.rank === null ? 0 : 1));
    return [...ranked.keys()].sort((a, b) => ranked.get(b)! - ranked.get(a)!);
  }, [result]);
  const shownKind = kind && kinds.includes(kind) ? kind : kinds[0];
  const units = (result?.units ?? []).filter((u) => u.kind === shownKind);
  const sourceName = (id: string) => label(result?.sources.find((x) => x.id === id)?.name, id);
  const indicatorName = (id: string) => label(result?.indicators.find((i) => i.id === id)?.name, id);

  const openDrill = (unit: UnitScore, indicator: string) => {
    setDrill({ unit, indicator, data: null });
    assessmentApi.drill(api, me.county, period, unit.unit, indicator).then(
      (data) => setDrill((d) => (d && d.unit.unit === unit.unit && d.indicator === indicator ? { ...d, data } : d)),
      (e: Error) => setError(e.message),
    );
  };

  const indicatorColumns = (result?.indicators ?? []).map((ind) => ({
    title: label(ind.name, ind.id),
    key: ind.id,
    align: 'right' as const,
    render: (_: unknown, u: UnitScore) => {
      const score = u.indicators.find((i) => i.id === ind.id);
      if (!score || !score.applicable) return <span className="muted">{t('command.assessment.notApplicable')}</span>;
      return (
        <button type="button" className="link-button" data-indicator={ind.id} onClick={() => openDrill(u, ind.id)} title={t('command.assessment.drillFigure', { numerator: score.numerator, denominator: score.denominator, score: points(score.score) })}>
          {figure(score)}
        </button>
      );
    },
  }));
  const ratingColumns = (result?.sources ?? [])
    // the ratings that apply to the kind shown (a township's rating of posted stations is not a village's)
    .filter((s) => !s.system && (s.appliesTo.length === 0 || (shownKind !== undefined && s.appliesTo.includes(shownKind))))
    .map((s) => ({
      title: label(s.name, s.id),
      key: `source-${s.id}`,
      align: 'right' as const,
      render: (_: unknown, u: UnitScore) => {
        const stored = u.sources.find((x) => x.id === s.id)?.score ?? null;
        if (!edits) return points(stored);
        const key = `${u.unit}\u0000${s.id}`;
        const value = edits.has(key) ? edits.get(key)! : stored;
        return <InputNumber size="small" min={0} max={100} step={1} value={value} style={{ width: 76 }} aria-label={`${label(u.name, u.unit)} ${label(s.name, s.id)}`} data-rating={`${u.unit}/${s.id}`} onChange={(v) => setEdits((e) => new Map(e).set(key, v === null ? null : Number(v)))} />;
      },
    }));
  const saveRatings = async () => {
    if (!edits || edits.size === 0) return setEdits(null);
    setSaving(true);
    try {
      const ratings = [...edits].map(([key, score]) => {
        const [unit, source] = key.split('\u0000');
        return { unit, source, score };
      });
      await assessmentApi.putRatings(api, me.county, period, ratings);
      setEdits(null);
      setReload((n) => n + 1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const columns = [
    { title: t('command.assessment.rank'), key: 'rank', width: 64, render: (_: unknown, u: UnitScore) => u.rank ?? '—' },
    { title: t('command.assessment.unit'), key: 'unit', render: (_: unknown, u: UnitScore) => <span title={u.unit}>{label(u.name, u.unit)}{u.missing.length > 0 && <Tag color="warning" className="missing-tag" title={t('command.assessment.missing', { sources: u.missing.map(sourceName).join('、') })}>{t('command.assessment.missingShort', { count: u.missing.length })}</Tag>}</span> },
    ...indicatorColumns,
    { title: t('command.assessment.system'), key: 'system', align: 'right' as const, render: (_: unknown, u: UnitScore) => points(u.systemScore) },
    ...ratingColumns,
    { title: t('command.assessment.total'), key: 'total', align: 'right' as const, render: (_: unknown, u: UnitScore) => <strong>{points(u.total)}</strong> },
  ];
  const exportRanking = (format: 'csv' | 'xlsx') =>
    api.download(`/counties/${encodeURIComponent(me.county)}/assessment?period=${period}${shownKind ? `&kind=${encodeURIComponent(shownKind)}` : ''}&format=${format}`, `assessment-${period}.${format}`).catch((e: Error) => setError(e.message));

  return (
    <main className="page assessment-page">
      <div className="page-title-row">
        <h1>{t('command.assessment.title')}</h1>
        {result && <span className="muted">{result.status === 'closed' ? t('command.assessment.closed', { revision: result.revision }) : t('command.assessment.open')}</span>}
      </div>
      <Space wrap className="assessment-controls">
        <label className="field inline">
          <span>{t('command.assessment.period')}</span>
          <Select value={period} onChange={setPeriod} options={choices.map((c) => ({ value: c, label: c }))} style={{ width: 130 }} data-testid="assessment-period" />
        </label>
        {kinds.length > 1 && (
          <label className="field inline">
            <span>{t('command.assessment.kind')}</span>
            <Select value={shownKind} onChange={setKind} options={kinds.map((k) => ({ value: k, label: t(`unitKind.${k}`, { defaultValue: k }) }))} style={{ width: 180 }} data-testid="assessment-kind" />
          </label>
        )}
        {mayRate && ratingColumns.length > 0 && !edits && <Button size="small" onClick={() => setEdits(new Map())} data-testid="enter-ratings">{t('command.assessment.enterRatings')}</Button>}
        {edits && (
          <>
            <Button size="small" type="primary" loading={saving} onClick={() => void saveRatings()} data-testid="save-ratings">{t('command.assessment.saveRatings', { count: edits.size })}</Button>
            <Button size="small" onClick={() => setEdits(null)}>{t('command.assessment.cancel')}</Button>
          </>
        )}
        <Button size="small" onClick={() => void exportRanking('csv')}>{t('command.dashboard.exportCsv')}</Button>
        <Button size="small" onClick={() => void exportRanking('xlsx')}>{t('command.dashboard.exportXlsx')}</Button>
      </Space>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {result && units.length === 0 && <p className="muted">{t('command.assessment.noUnits')}</p>}
      <Table<UnitScore> size="small" rowKey="unit" loading={result === null && !error} dataSource={units} columns={columns} pagination={false} scroll={{ x: true }} data-testid="ranking" />
      <Drawer open={drill !== null} onClose={() => setDrill(null)} size="large" title={drill && t('command.assessment.drillTitle', { unit: label(drill.unit.name, drill.unit.unit), indicator: indicatorName(drill.indicator) })}>
        {drill && !drill.data && <p className="muted">{t('common.loading')}</p>}
        {drill?.data && (
          <>
            <p>{t('command.assessment.drillFigure', { numerator: drill.data.figure.numerator, denominator: drill.data.figure.denominator, score: points(drill.data.figure.score) })}</p>
            <ul className="drill-items" data-testid="drill-items">
              {drill.data.items.map((item) => (
                <li key={`${item.eventId}-${item.fact}-${item.dueAt ?? ''}`}>
                  <Tag color={item.counted ? 'green' : 'default'}>{item.counted ? t('command.assessment.counted') : t('command.assessment.notCounted')}</Tag>
                  <Link to={`/events/${item.eventId}`}>{item.event ? label(compiled?.category(item.event.category)?.minor.name, item.event.category) : item.eventId.slice(0, 8)}</Link>
                  {item.dueAt && <span className="muted"> · {t('command.assessment.due')} {formatDateTime(item.dueAt, timeZone, language)}</span>}
                  {item.settledAt && <span className="muted"> · {t('command.assessment.settled')} {formatDateTime(item.settledAt, timeZone, language)}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </Drawer>
    </main>
  );
}
