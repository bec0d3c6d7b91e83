/**
 * One map (一张图): the county's township, village and grid boundaries from its config, drawn
 * without any tile server (the county's own tiles under them when its config names a tile URL),
 * grids shaded by their open events and outlined red when they hold red ones, the events as
 * clustered points; filters by category, level, state, time and red; a click on a point opens
 * the event, a click on a grid its worklist.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Segmented } from 'antd';
import { commandText } from '../i18n/command';
import { registerTexts } from '../i18n/register-texts';
import { useLabel, useLanguage } from '../i18n/use-label';
import { statsApi, type MapData } from '../api/command-client';
import { CategorySelect } from '../config/category-select';
import { LevelOptions } from '../config/level-label';
import { useSession } from '../session/session-context';
import { toIsoWithOffset } from '../util/zoned';
import { drawMap, type Boundaries, type DrawnMap } from './map-layers';
import { useCountyConfig } from './use-county-config';

registerTexts('command', commandText);

const PERIODS = ['today', 'week', 'month', 'all'] as const;
type Period = (typeof PERIODS)[number];
const PERIOD_DAYS: Record<Period, number | null> = { today: 1, week: 7, month: 30, all: null };

export function MapPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const language = useLanguage();
  const { api, me } = useSession();
  const { compiled, error: configError } = useCountyConfig();
  const box = useRef<HTMLDivElement>(null);
  const drawn = useRef<DrawnMap | null>(null);
  const [boundaries, setBoundaries] = useState<Boundaries | null>(null);
  const [data, setData] = useState<MapData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [category, setCategory] = useState('');
  const [level, setLevel] = useState('');
  const [state, setState] = useState('');
  const [period, setPeriod] = useState<Period>('all');
  const [red, setRed] = useState(false);
  const timeZone = compiled?.timeZone ?? 'Asia/Shanghai';

  useEffect(() => {
    let live = true;
    api.request<Boundaries>('GET', `/counties/${encodeURIComponent(me.county)}/geography`).then(
      (g) => live && setBoundaries(g),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, me.county]);

  const filter = useMemo(() => {
    const days = PERIOD_DAYS[period];
    return { category, level, state, red, from: days === null ? undefined : toIsoWithOffset(Date.now() - days * 86_400_000, timeZone) };
  }, [category, level, state, red, period, timeZone]);

  useEffect(() => {
    let live = true;
    statsApi.map(api, me.county, filter).then(
      (d) => live && (setData(d), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, me.county, filter]);

  // the map itself: drawn once the boundaries are here, redrawn when the figures or the language change
  useEffect(() => {
    if (!box.current || !boundaries || boundaries.features.length === 0 || !compiled) return undefined;
    const names = {
      unit: (id: string) => label(compiled.unit(id)?.name, id),
      category: (code: string) => label(compiled.category(code)?.minor.name, code),
      state: (id: string) => label(compiled.config.workflow.states.find((s) => s.id === id)?.name, id),
      counts: (open: number, redCount: number) => t('command.map.openCount', { open, red: redCount }),
      atGrid: t('command.map.placedAtGrid'),
    };
    drawn.current = drawMap(box.current, boundaries, data, names, drawn.current);
    return undefined;
  }, [boundaries, data, compiled, label, t, language]);

  useEffect(
    () => () => {
      drawn.current?.map.remove();
      drawn.current = null;
    },
    [],
  );

  const noBoundaries = boundaries !== null && boundaries.features.length === 0;
  return (
    <main className="page map-page">
      <h1>{t('command.map.title')}</h1>
      {(error || configError) && <p className="notice notice-error" role="alert">{error ?? configError}</p>}
      {compiled && (
        <div className="filters map-filters">
          <label className="field inline">
            <span>{t('command.map.category')}</span>
            <CategorySelect categories={compiled.config.categories} value={category} onChange={setCategory} name="map-category" emptyLabel={t('command.map.any')} codes={false} />
          </label>
          <label className="field inline">
            <span>{t('command.map.level')}</span>
            <select name="map-level" value={level} onChange={(e) => setLevel(e.target.value)}>
              <option value="">{t('command.map.any')}</option>
              <LevelOptions config={compiled.config} />
            </select>
          </label>
          <label className="field inline">
            <span>{t('command.map.state')}</span>
            <select name="map-state" value={state} onChange={(e) => setState(e.target.value)}>
              <option value="">{t('command.map.any')}</option>
              {compiled.config.workflow.states.map((s) => <option key={s.id} value={s.id}>{label(s.name, s.id)}</option>)}
            </select>
          </label>
          <Segmented<Period> value={period} onChange={setPeriod} options={PERIODS.map((p) => ({ value: p, label: t(`command.map.periods.${p}`) }))} />
          <label className="field inline checkbox">
            <input type="checkbox" name="map-red" checked={red} onChange={(e) => setRed(e.target.checked)} />
            <span>{t('command.map.redOnly')}</span>
          </label>
        </div>
      )}
      {noBoundaries && <p className="notice">{t('command.map.noBoundaries')}</p>}
      <div ref={box} className="county-map" data-testid="county-map" hidden={noBoundaries} />
      <p className="muted map-legend">
        {t('command.map.legend')}
        {data && <> · {t('command.map.points', { count: data.points.length })}{data.truncated && <> ({t('command.map.truncated', { count: data.points.length })})</>}</>}
      </p>
    </main>
  );
}
