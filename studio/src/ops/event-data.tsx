import { useTranslation } from 'react-i18next';
import type { CompiledConfig, I18nText } from '../../../engine/index';
import { useLabel, useLanguage } from '../i18n/use-label';
import { AttachmentGallery } from '../forms/attachment-upload';
import { attachmentIdOf } from '../forms/authorized-file';
import { useSession } from '../session/session-context';

type UiNode = { 'ui:title'?: I18nText | string; 'ui:enumNames'?: Array<I18nText | string>; oneOf?: UiNode[]; anyOf?: UiNode[]; items?: UiNode } & Record<string, unknown>;
interface FieldSchema {
  title?: string;
  enum?: unknown[];
  oneOf?: Array<{ const?: unknown; title?: string }>;
  anyOf?: Array<{ const?: unknown; title?: string }>;
  items?: FieldSchema;
  properties?: Record<string, FieldSchema>;
}

/**
 * The reported data as a list, with field titles from the uiSchema (bilingual) or the form's
 * schema where it has them, and values as the form offered them: a choice by its label (from
 * `oneOf`/`anyOf` titles or `ui:enumNames`), yes/no for booleans, a grid by its name.
 */
export function EventData({ data, schema, uiSchema, units }: { data: Record<string, unknown>; schema?: Record<string, unknown>; uiSchema?: Record<string, unknown>; units: CompiledConfig | null }) {
  const label = useLabel();
  const { t } = useTranslation();
  const listSeparator = useLanguage() === 'zh' ? '、' : ', ';
  const { me, token } = useSession();
  const isRefs = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every((v) => attachmentIdOf(v) !== null);
  const props = (schema?.properties ?? {}) as Record<string, FieldSchema>;
  const ui = (uiSchema ?? {}) as Record<string, UiNode | undefined>;
  const text = (value: I18nText | string | undefined, fallback: string) => (typeof value === 'string' ? value : label(value, fallback));
  const titleOf = (node: UiNode | undefined, fallback: string) => text(node?.['ui:title'], fallback);
  const choice = (field: FieldSchema | undefined, node: UiNode | undefined, value: unknown): string | null => {
    for (const key of ['oneOf', 'anyOf'] as const) {
      const options = field?.[key];
      const at = options?.findIndex((o) => o.const === value) ?? -1;
      if (options && at >= 0) return text(node?.[key]?.[at]?.['ui:title'], options[at].title ?? String(value));
    }
    const at = field?.enum?.indexOf(value) ?? -1;
    if (at >= 0) return text(node?.['ui:enumNames']?.[at], String(value));
    return null;
  };
  const show = (key: string, value: unknown, field: FieldSchema | undefined, node: UiNode | undefined): string => {
    if (key === 'grid' && typeof value === 'string') return label(units?.unit(value)?.name, value);
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
      return value.map((v) => choice(field?.items, node?.items, v) ?? String(v)).join(listSeparator);
    }
    if (value !== null && typeof value === 'object') return JSON.stringify(value);
    return choice(field, node, value) ?? String(value);
  };
  return (
    <dl className="facts-list event-data">
      {Object.entries(data ?? {}).flatMap(([key, value]) =>
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? Object.entries(value as Record<string, unknown>).map(([sub, v]) => {
              const field = props[key]?.properties?.[sub];
              const node = ui[key]?.[sub] as UiNode | undefined;
              return (
                <div key={`${key}.${sub}`}>
                  <dt>{titleOf(node, field?.title ?? `${titleOf(ui[key], props[key]?.title ?? key)} · ${sub}`)}</dt>
                  <dd>{show(sub, v, field, node)}</dd>
                </div>
              );
            })
          : [
              <div key={key}>
                <dt>{titleOf(ui[key], props[key]?.title ?? key)}</dt>
                <dd>{isRefs(value) ? <AttachmentGallery county={me.county} token={token} refs={value} /> : show(key, value, props[key], ui[key])}</dd>
              </div>,
            ],
      )}
    </dl>
  );
}
