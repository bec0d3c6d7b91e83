/**
 * The output cells of a decision table: level, route target (a unit or a target relative to
 * where the event happened), assisting units and the dispatching command room, SLA policy, escalation reason, tags and
 * notifications — each a control that only produces what the config format accepts.
 */
import { Input, Select, Space } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { I18nText, RouteTarget, SlaPolicy, Unit } from '../../../../engine/index';
import { useLabel } from '../../i18n/use-label';
import type { LevelChoice } from '../level-names';
import type { OutputKey } from './table-model';
import { targetGroups, targetOfToken, targetToken } from './unit-options';

export interface OutputContext {
  units: readonly Unit[];
  policies: readonly SlaPolicy[];
  levels: readonly LevelChoice[];
  /** Tags used anywhere in the rules, offered first. */
  knownTags: readonly string[];
  disabled: boolean;
}

const CHANNELS = ['sms', 'app', 'log', 'webhook'];

function useTargetOptions(units: readonly Unit[]) {
  const { t } = useTranslation();
  const label = useLabel();
  return useMemo(() => {
    const groups = targetGroups(units);
    const departmentName = (token: string) => {
      const domain = token.slice('department:'.length);
      const names = units.filter((u) => u.kind === 'county_department' && u.domains?.includes(domain)).map((u) => label(u.name, u.id));
      return names.length ? `${names.join('、')}（${t('decisionTable.department', { domain })}）` : t('decisionTable.department', { domain });
    };
    return [
      { label: t('decisionTable.targetGroup.relative'), options: groups.relative.map((v) => ({ value: v, label: t(`target.${v}`) })) },
      { label: t('decisionTable.targetGroup.platform'), options: groups.platform.map((v) => ({ value: v, label: t('decisionTable.townshipPlatform', { platform: t(`platform.${v.slice('platform:'.length)}`) }) })) },
      { label: t('decisionTable.targetGroup.department'), options: groups.department.map((v) => ({ value: v, label: departmentName(v) })) },
      { label: t('decisionTable.targetGroup.unit'), options: groups.unit.map(({ token, unit }) => ({ value: token, label: label(unit.name, unit.id) })) },
    ];
  }, [units, t, label]);
}

export function TargetSelect({ value, onChange, units, disabled, testId }: { value: RouteTarget | undefined; onChange: (t: RouteTarget) => void; units: readonly Unit[]; disabled?: boolean; testId?: string }) {
  const options = useTargetOptions(units);
  return (
    <Select
      size="small"
      data-testid={testId}
      disabled={disabled}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 170 }}
      popupMatchSelectWidth={false}
      value={value ? targetToken(value) : undefined}
      onChange={(token: string) => onChange(targetOfToken(token))}
      options={options}
    />
  );
}

function AssistSelect({ value, onChange, units, disabled }: { value: RouteTarget[] | undefined; onChange: (t: RouteTarget[] | undefined) => void; units: readonly Unit[]; disabled?: boolean }) {
  const options = useTargetOptions(units);
  return (
    <Select
      size="small"
      mode="multiple"
      disabled={disabled}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 150 }}
      popupMatchSelectWidth={false}
      maxCount={10}
      value={(value ?? []).map(targetToken)}
      onChange={(tokens: string[]) => onChange(tokens.length ? tokens.map(targetOfToken) : undefined)}
      options={options}
    />
  );
}

/** A route's dispatcher: the default, the township's or the county's command room, or one by id. */
function DispatcherSelect({ value, onChange, units, disabled, testId }: { value: RouteTarget | undefined; onChange: (t: RouteTarget | undefined) => void; units: readonly Unit[]; disabled?: boolean; testId: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const options = useMemo(
    () => [
      { value: '', label: t('decisionTable.dispatcherDefault') },
      { value: 'township-command', label: t('target.township-command') },
      { value: 'county-command', label: t('target.county-command') },
      ...units.filter((u) => u.kind === 'township_command' || u.kind === 'county_command').map((u) => ({ value: `unit:${u.id}`, label: label(u.name, u.id) })),
    ],
    [units, t, label],
  );
  return (
    <Select
      size="small"
      data-testid={testId}
      disabled={disabled}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 150 }}
      popupMatchSelectWidth={false}
      value={value ? targetToken(value) : ''}
      onChange={(token: string) => onChange(token ? targetOfToken(token) : undefined)}
      options={options}
    />
  );
}

function TextPair({ value, onChange, disabled, name }: { value: I18nText | undefined; onChange: (v: I18nText) => void; disabled?: boolean; name: string }) {
  const v = value ?? { zh: '', en: '' };
  return (
    <Space orientation="vertical" size={2}>
      <Input size="small" name={`${name}-zh`} prefix="中" disabled={disabled} value={v.zh} onChange={(e) => onChange({ ...v, zh: e.target.value })} />
      <Input size="small" name={`${name}-en`} prefix="EN" disabled={disabled} value={v.en} onChange={(e) => onChange({ ...v, en: e.target.value })} />
    </Space>
  );
}

/** One output of one rule, edited in place. */
export function OutputCell({ output, value, onChange, ctx, ruleId }: { output: OutputKey; value: unknown; onChange: (v: unknown) => void; ctx: OutputContext; ruleId: string }) {
  const label = useLabel();
  const testId = `out-${output}-${ruleId}`;
  switch (output) {
    case 'level':
      return (
        <Select
          size="small"
          data-testid={testId}
          disabled={ctx.disabled}
          style={{ minWidth: 110 }}
          value={value as number}
          onChange={(v: number) => onChange(v)}
          options={ctx.levels.map((l) => ({ value: l.level, label: `${l.level} ${label(l.name)}` }))}
        />
      );
    case 'target':
    case 'to':
      return <TargetSelect testId={testId} value={value as RouteTarget} onChange={onChange} units={ctx.units} disabled={ctx.disabled} />;
    case 'assist':
      return <AssistSelect value={value as RouteTarget[] | undefined} onChange={onChange} units={ctx.units} disabled={ctx.disabled} />;
    case 'dispatcher':
      return <DispatcherSelect testId={testId} value={value as RouteTarget | undefined} onChange={onChange} units={ctx.units} disabled={ctx.disabled} />;
    case 'policy':
      return (
        <Select
          size="small"
          data-testid={testId}
          disabled={ctx.disabled}
          style={{ minWidth: 150 }}
          popupMatchSelectWidth={false}
          value={value as string}
          onChange={(v: string) => onChange(v)}
          options={ctx.policies.map((p) => ({ value: p.id, label: label(p.name, p.id) }))}
        />
      );
    case 'reason':
    case 'message':
      return <TextPair name={`${output}-${ruleId}`} value={value as I18nText} onChange={onChange} disabled={ctx.disabled} />;
    case 'tags':
      return (
        <Select
          size="small"
          mode="tags"
          data-testid={testId}
          disabled={ctx.disabled}
          style={{ minWidth: 140 }}
          value={(value as string[]) ?? []}
          // ids only: letters, digits, _ . - (the format's Id); at least one tag
          onChange={(v: string[]) => {
            const ids = v.map((x) => x.trim()).filter((x) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(x));
            if (ids.length) onChange(ids);
          }}
          options={ctx.knownTags.map((tag) => ({ value: tag, label: tag }))}
        />
      );
    case 'channels':
      return (
        <Select
          size="small"
          mode="tags"
          disabled={ctx.disabled}
          style={{ minWidth: 120 }}
          value={(value as string[]) ?? []}
          onChange={(v: string[]) => {
            const ok = v.filter((x) => /^[a-z][a-z0-9_-]{0,31}$/.test(x));
            if (ok.length) onChange(ok);
          }}
          options={CHANNELS.map((c) => ({ value: c, label: c }))}
        />
      );
    default: {
      const never: never = output;
      throw new Error(`unknown output ${String(never)}`);
    }
  }
}
