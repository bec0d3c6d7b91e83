/**
 * The county's event levels in an Open311 service definition: one display-only attribute
 * (`variable: false`, so clients show it and never send it) whose values are the levels the
 * active config declares, by name, and whose description says the service's default level.
 * The county grades every report itself; the citizen only learns what the levels are called.
 */
import type { CompiledConfig } from '../../engine/index';
import { inLocale, type Locale } from './locale';
import type { ServiceAttributeView } from './service-attributes';

/** The attribute code; a form field may not take it (`level` is a fact the engine derives). */
export const LEVEL_ATTRIBUTE = 'level';

/** `2 较大` / `2 Serious`: a level as a list shows it. */
export function levelName(compiled: CompiledConfig, level: number, locale: Locale): string {
  const found = compiled.levels.find((l) => l.level === level);
  return found ? `${level} ${inLocale(found.name, locale)}` : String(level);
}

/** The display-only level attribute of a service (a minor category), placed after its `order` attributes. */
export function levelAttribute(compiled: CompiledConfig, code: string, locale: Locale, order: number): ServiceAttributeView | null {
  const minor = compiled.category(code)?.minor;
  if (!minor) return null;
  const fallback = levelName(compiled, minor.level, locale);
  return {
    variable: false,
    code: LEVEL_ATTRIBUTE,
    datatype: 'singlevaluelist',
    required: false,
    datatype_description:
      locale === 'zh'
        ? `由县里按规则判定，不必填写；本类默认 ${fallback}`
        : `graded by the county's rules, not sent by the client; this service's default is ${fallback}`,
    order,
    description: locale === 'zh' ? '事件等级' : 'Event level',
    values: compiled.levels.map((l) => ({ key: String(l.level), name: inLocale(l.name, locale) })),
  };
}
