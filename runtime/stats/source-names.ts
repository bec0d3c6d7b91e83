/**
 * The names of report channels (`events.source`) in Chinese and English, for the dashboards'
 * breakdown by source. A channel outside the table (a county's own integration) is shown by its id.
 */
import type { I18nText } from '../../engine/index';

export const SOURCE_NAMES: Readonly<Record<string, I18nText>> = {
  grid_worker: { zh: '网格员上报', en: 'Grid worker' },
  hotline: { zh: '12345热线', en: '12345 hotline' },
  '12345': { zh: '12345热线', en: '12345 hotline' },
  citizen: { zh: '群众爆料', en: 'Citizen report' },
  public: { zh: '群众爆料', en: 'Citizen report' },
  open311: { zh: 'Open311接口', en: 'Open311' },
  api: { zh: '系统接口', en: 'API' },
  visit: { zh: '走访', en: 'Visit' },
  video: { zh: '视频监控', en: 'Video alert' },
  sensor: { zh: '物联感知', en: 'Sensor alert' },
};

export function sourceName(source: string): I18nText | null {
  return Object.hasOwn(SOURCE_NAMES, source) ? SOURCE_NAMES[source] : null;
}
