/**
 * `GET services`: one Open311 service per minor category of the county's active config. Every
 * service has a definition (at least the grid attribute), so `metadata` is always true, and every
 * report gets its id at once (`realtime`).
 */
import type { CompiledConfig } from '../../engine/index';
import { inLocale, otherLocale, type Locale } from './locale';

export type ServiceView = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string;
};

/** The services in config order: name in `locale`, the name in the other language as description, the major category as group. */
export function serviceList(compiled: CompiledConfig, locale: Locale): ServiceView[] {
  return compiled.config.categories.flatMap((major) =>
    major.children.map((minor) => ({
      service_code: minor.code,
      service_name: inLocale(minor.name, locale),
      description: `${inLocale(minor.name, otherLocale(locale))} (${inLocale(major.name, otherLocale(locale))})`,
      metadata: true,
      type: 'realtime' as const,
      keywords: minor.keywords && minor.keywords.length > 0 ? minor.keywords.join(',') : null,
      group: inLocale(major.name, locale),
    })),
  );
}
