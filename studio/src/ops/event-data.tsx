import type { CompiledConfig } from '../../../engine/index';
import { useLabel } from '../i18n/use-label';

/** The reported data as a list, with field titles from the form's schema where it has them. */
export function EventData({ data, schema, units }: { data: Record<string, unknown>; schema?: Record<string, unknown>; units: CompiledConfig | null }) {
  const label = useLabel();
  const props = (schema?.properties ?? {}) as Record<string, { title?: string; properties?: Record<string, { title?: string }> }>;
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
                <dt>{props[key]?.properties?.[sub]?.title ?? `${props[key]?.title ?? key} · ${sub}`}</dt>
                <dd>{show(sub, v)}</dd>
              </div>
            ))
          : [
              <div key={key}>
                <dt>{props[key]?.title ?? key}</dt>
                <dd>{show(key, value)}</dd>
              </div>,
            ],
      )}
    </dl>
  );
}
