/**
 * Config forms carry bilingual labels where rjsf expects strings: a uiSchema's `ui:title`,
 * `ui:description`, `ui:help`, `ui:placeholder` may be `{zh, en}`, and `ui:enumNames` a list of
 * them. This resolves them to the chosen language before rjsf sees the uiSchema.
 */
import type { LabelFn } from '../i18n/use-label';

const TEXT_KEYS = new Set(['ui:title', 'ui:description', 'ui:help', 'ui:placeholder']);

const isI18n = (v: unknown): v is { zh: string; en: string } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { zh?: unknown }).zh === 'string' && typeof (v as { en?: unknown }).en === 'string';

export function localizeUiSchema(ui: unknown, label: LabelFn): unknown {
  if (Array.isArray(ui)) return ui.map((u) => localizeUiSchema(u, label));
  if (ui === null || typeof ui !== 'object') return ui;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ui)) {
    if (TEXT_KEYS.has(key) && isI18n(value)) out[key] = label(value);
    else if (key === 'ui:enumNames' && Array.isArray(value)) out[key] = value.map((v) => (isI18n(v) ? label(v) : v));
    else if (key === 'ui:options' && value && typeof value === 'object') out[key] = localizeUiSchema(value, label);
    else if ((key === 'title' || key === 'description' || key === 'help' || key === 'placeholder') && isI18n(value)) out[key] = label(value);
    else out[key] = localizeUiSchema(value, label);
  }
  return out;
}
