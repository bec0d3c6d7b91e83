import type { CompiledConfig, I18nText } from '../../../engine/index';
import { useLabel } from '../i18n/use-label';

type UiNode = { 'ui:title'?: I18nText | string } & Record<string, unknown>;

/** The reported data as a list, with field titles from the uiSchema (bilingual) or the form's schema where it has them. */
export function EventData({ data, schema, uiSchema, units }: { data: Record<string, unknown>; schema?: Record<string, unknown>; uiSchema?: Record<string, unknown>; units: CompiledConfig | null }) {
  const label = useLabel();
  const props = (schema?.properties ?? {}) as Record<string, { title?: string; properties?: Record<string, { title?: string }> }>;
  const ui = (uiSchema ?? {}) as Record<string, UiNode | undefined>;
  const titleOf = (node: UiNode | undefined, fallback: string) => {
    const title = node?.['ui:title'];
    return typeof title === 'string' ? title : label(title, fallback);
  };
  const show = (key: string, value: unknown): string => {
    if (key === 'grid' && typeof value === 'string') return label(units?.unit(value)?.name, value);
    if (value !== null && typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  return (
    <dl className="facts-list event-data">
      {Object.entries(data ?? {}).flatMap(([key, value]) =>
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? Object.entries(value as Record<string, unknown>).map(([sub, v]) => (
              <div key={`${key}.${sub}`}>
                <dt>{titleOf(ui[key]?.[sub] as UiNode | undefined, props[key]?.properties?.[sub]?.title ?? `${titleOf(ui[key], props[key]?.title ?? key)} · ${sub}`)}</dt>
                <dd>{show(sub, v)}</dd>
              </div>
            ))
          : [
              <div key={key}>
                <dt>{titleOf(ui[key], props[key]?.title ?? key)}</dt>
                <dd>{show(key, value)}</dd>
              </div>,
            ],
      )}
    </dl>
  );
}
