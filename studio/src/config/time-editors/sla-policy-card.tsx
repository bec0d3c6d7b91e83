/** One SLA policy as a card: name, levels and categories, the two limits, reminders, what happens at breach. */
import { Button, Card, Checkbox, Input, Popconfirm, Select, Space, Switch, Tag } from 'antd';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { I18nText, SlaPolicy } from '../../../../engine/index';
import { useLabel } from '../../i18n/use-label';
import type { LevelChoice } from '../level-names';
import { LimitInput } from './limit-input';
import { withKey } from './object-edits';
import {
  addReminder,
  DEFAULT_CHANNELS,
  removeReminder,
  setAcceptAutoEscalation,
  setAutoEscalation,
  setBreach,
  setPauseWhileAwaitingReporter,
  setPolicyCategories,
  setPolicyClock,
  setPolicyHours,
  setPolicyLevels,
  setPolicyName,
  updateReminder,
  type SlaClock,
} from './sla-policy-model';

export interface CategoryGroup {
  label: I18nText;
  options: Array<{ code: string; name: I18nText }>;
}

export interface SlaPolicyCardProps {
  policy: SlaPolicy;
  levels: LevelChoice[];
  categories: CategoryGroup[];
  onChange: (policy: SlaPolicy) => void;
  onDuplicate: () => void;
  onRemove: (() => void) | null;
  onPreview: () => void;
  previewing: boolean;
}

/** The schema's identifier pattern: rules and tests name a policy by it. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const channelOptions = DEFAULT_CHANNELS.map((c) => ({ value: c, label: c }));

export function SlaPolicyCard({ policy, levels, categories, onChange, onDuplicate, onRemove, onPreview, previewing }: SlaPolicyCardProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const clocks: SlaClock[] = ['accept', 'resolve'];
  return (
    <Card
      size="small"
      className={`te-policy${previewing ? ' is-previewing' : ''}`}
      data-policy={policy.id}
      title={
        <Space size={6}>
          <Tag>{policy.id}</Tag>
          <span>{label(policy.name, policy.id)}</span>
        </Space>
      }
      extra={
        <Space size={4} wrap>
          <Button size="small" type={previewing ? 'primary' : 'default'} onClick={onPreview} data-action="preview-policy">{t('timeEditors.sla.preview')}</Button>
          <Button size="small" onClick={onDuplicate} data-action="duplicate-policy">{t('timeEditors.sla.duplicate')}</Button>
          {onRemove && (
            <Popconfirm title={t('timeEditors.sla.removeConfirm')} onConfirm={onRemove} okText={t('common.ok')} cancelText={t('common.cancel')}>
              <Button size="small" danger data-action="remove-policy">{t('common.delete')}</Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <div className="te-grid">
        <span className="te-label">{t('timeEditors.id')}</span>
        <Input value={policy.id} name="policy-id" status={ID.test(policy.id) ? undefined : 'error'} onChange={(e) => onChange(withKey(policy, 'id', e.target.value))} style={{ width: 220 }} title={t('timeEditors.idHint')} />
        <span className="te-label">{t('common.nameZh')} / {t('common.nameEn')}</span>
        <Space wrap size={6}>
          <Input value={policy.name.zh} aria-label={t('common.nameZh')} name="policy-zh" onChange={(e) => onChange(setPolicyName(policy, 'zh', e.target.value))} style={{ width: 220 }} />
          <Input value={policy.name.en} aria-label={t('common.nameEn')} name="policy-en" onChange={(e) => onChange(setPolicyName(policy, 'en', e.target.value))} style={{ width: 260 }} />
        </Space>
        <span className="te-label">{t('timeEditors.sla.levels')}</span>
        <Checkbox.Group
          value={policy.levels}
          data-field="levels"
          options={[...levels.map((l) => ({ value: l.level, label: `${l.level} · ${label(l.name)}` })), ...policy.levels.filter((n) => !levels.some((l) => l.level === n)).map((n) => ({ value: n, label: <span className="te-undeclared">{n} · ?</span> }))]}
          onChange={(v) => v.length > 0 && onChange(setPolicyLevels(policy, v as number[]))}
        />
        <span className="te-label">{t('timeEditors.sla.categories')}</span>
        <Select
          mode="multiple"
          allowClear
          value={policy.categories ?? []}
          placeholder={t('timeEditors.sla.allCategories')}
          options={categories.map((g) => ({ label: label(g.label), options: g.options.map((o) => ({ value: o.code, label: label(o.name, o.code) })) }))}
          onChange={(v: string[]) => onChange(setPolicyCategories(policy, v))}
          data-field="categories"
          className="te-wide"
        />
        {clocks.map((clock) => (
          <Fragment key={clock}>
            <span className="te-label">{t(`timeEditors.sla.${clock}`)}</span>
            <LimitInput name={`${clock}-hours`} hours={policy[clock].hours} clock={policy[clock].clock} onChange={(h, c) => onChange(c !== policy[clock].clock ? setPolicyClock(setPolicyHours(policy, clock, h), clock, c) : setPolicyHours(policy, clock, h))} />
          </Fragment>
        ))}
        <span className="te-label">{t('timeEditors.sla.reminders')}</span>
        <div className="te-reminders">
          {policy.reminders.length === 0 && <span className="muted">{t('timeEditors.sla.noReminders')}</span>}
          {policy.reminders.map((r, i) => (
            <Space key={i} wrap size={4} className="te-reminder" data-reminder={i}>
              <Select<SlaClock> value={r.of} style={{ width: 96 }} options={clocks.map((c) => ({ value: c, label: t(`timeEditors.clockName.${c}`) }))} onChange={(of) => onChange(updateReminder(policy, i, { of }))} aria-label={t('timeEditors.sla.reminderOf')} />
              <span>{t('timeEditors.sla.before')}</span>
              <LimitInput name={`reminder-${i}`} hours={r.beforeHours} clock={r.clock} onChange={(beforeHours, c) => onChange(updateReminder(policy, i, { beforeHours, clock: c }))} />
              <Select mode="tags" value={r.channels} options={channelOptions} style={{ minWidth: 140 }} aria-label={t('timeEditors.sla.channels')} onChange={(channels: string[]) => channels.length > 0 && onChange(updateReminder(policy, i, { channels }))} />
              <Button size="small" type="text" danger onClick={() => onChange(removeReminder(policy, i))} aria-label={t('common.delete')}>✕</Button>
            </Space>
          ))}
          <Space size={4}>
            {clocks.map((c) => (
              <Button key={c} size="small" type="dashed" onClick={() => onChange(addReminder(policy, c))} data-action={`add-reminder-${c}`}>
                + {t('timeEditors.sla.addReminder')} · {t(`timeEditors.clockName.${c}`)}
              </Button>
            ))}
          </Space>
        </div>
        <span className="te-label">{t('timeEditors.sla.breach')}</span>
        <div className="te-breach">
          <Space wrap>
            <label><Switch size="small" checked={policy.breach.turnRed} onChange={(v) => onChange(setBreach(policy, { turnRed: v }))} data-field="turn-red" /> {t('timeEditors.sla.turnRed')}</label>
            <label><Switch size="small" checked={policy.breach.supervisionTicket} onChange={(v) => onChange(setBreach(policy, { supervisionTicket: v }))} data-field="supervision-ticket" /> {t('timeEditors.sla.supervisionTicket')}</label>
            <Select mode="tags" allowClear value={policy.breach.channels ?? []} options={channelOptions} placeholder={t('timeEditors.sla.breachChannels')} style={{ minWidth: 160 }} aria-label={t('timeEditors.sla.breachChannels')} onChange={(channels: string[]) => onChange(setBreach(policy, { channels: channels.length > 0 ? channels : undefined }))} />
          </Space>
          <Space wrap>
            <label><Switch size="small" checked={policy.breach.autoEscalateAfterHours !== undefined} onChange={(v) => onChange(setAutoEscalation(policy, v ? 4 : null))} data-field="auto-escalate" /> {t('timeEditors.sla.autoEscalate')}</label>
            {policy.breach.autoEscalateAfterHours !== undefined && (
              <>
                <span>{t('timeEditors.sla.autoEscalateAfter')}</span>
                <LimitInput name="escalate-hours" hours={policy.breach.autoEscalateAfterHours} clock={policy.breach.autoEscalateClock ?? 'calendar'} onChange={(h, c) => onChange(setAutoEscalation(policy, h, c))} />
              </>
            )}
          </Space>
          <Space wrap>
            <label><Switch size="small" checked={policy.breach.autoEscalateAfterAcceptHours !== undefined} onChange={(v) => onChange(setAcceptAutoEscalation(policy, v ? 2 : null))} data-field="auto-escalate-accept" /> {t('timeEditors.sla.autoEscalateAccept')}</label>
            {policy.breach.autoEscalateAfterAcceptHours !== undefined && (
              <>
                <span>{t('timeEditors.sla.autoEscalateAcceptAfter')}</span>
                <LimitInput name="escalate-accept-hours" hours={policy.breach.autoEscalateAfterAcceptHours} clock={policy.breach.autoEscalateAcceptClock ?? 'calendar'} onChange={(h, c) => onChange(setAcceptAutoEscalation(policy, h, c))} />
              </>
            )}
          </Space>
        </div>
        <span className="te-label" />
        <label>
          <Switch size="small" checked={policy.pauseWhileAwaitingReporter} onChange={(v) => onChange(setPauseWhileAwaitingReporter(policy, v))} data-field="pause" /> {t('timeEditors.sla.pause')}
        </label>
      </div>
    </Card>
  );
}

