/**
 * A form composed with the forms it includes, immediately as the author types (the engine's own
 * composition runs in `compile`, debounced, and decides validity; this only drives the preview).
 */
import type { Form } from '../../../engine/index';

export function composePreview(forms: readonly Form[], id: string): { schema: Record<string, unknown>; uiSchema: Record<string, unknown> } | null {
  const byId = new Map(forms.map((f) => [f.id, f]));
  const root = byId.get(id);
  if (!root) return null;
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  const order: string[] = [];
  const allOf: unknown[] = [];
  let ui: Record<string, unknown> = {};
  const visiting = new Set<string>();
  const add = (form: Form) => {
    if (visiting.has(form.id)) return;
    visiting.add(form.id);
    for (const inc of form.include ?? []) {
      const included = byId.get(inc);
      if (included) add(included);
    }
    const schema = (form.schema ?? {}) as Form['schema'];
    if (schema.properties && typeof schema.properties === 'object') Object.assign(properties, schema.properties);
    if (Array.isArray(schema.required)) for (const r of schema.required) required.add(r);
    if (Array.isArray(schema.allOf)) allOf.push(...schema.allOf);
    const formUi = form.uiSchema && typeof form.uiSchema === 'object' ? form.uiSchema : {};
    if (Array.isArray(formUi['ui:order'])) order.push(...(formUi['ui:order'] as string[]).filter((f) => f !== '*'));
    ui = { ...ui, ...formUi };
    visiting.delete(form.id);
  };
  add(root);
  const conditional = new Set(allOf.flatMap((e) => Object.keys((e as { then?: { properties?: object } } | null)?.then?.properties ?? {})));
  if (order.length) ui['ui:order'] = [...new Set(order.filter((f) => f in properties || conditional.has(f))), '*'];
  const schema: Record<string, unknown> = { type: 'object', properties, required: [...required].filter((r) => r in properties) };
  // conditional fields (shown when their `if` holds), as the engine composes them
  if (allOf.length > 0) schema.allOf = allOf;
  if (root.schema?.title) schema.title = root.schema.title;
  if (root.schema?.description) schema.description = root.schema.description;
  return { schema, uiSchema: ui };
}
