/**
 * "Use my location" on the report page: the phone's position from the browser, placed in its grid
 * by the engine's GridLocator over the county's grid boundaries — the same index intake uses.
 * Loaded only when the button is pressed (with flatbush), so the report page's first load does
 * not carry it; the boundaries are fetched once per county and page.
 */
import { GridLocator } from '../../../engine/geography/grid-locator';
import type { ApiClient } from '../api/client';
import { registerTexts } from '../i18n/register-texts';

registerTexts('placement', {
  zh: {
    outside: '您的位置（纬度 {{latitude}}，经度 {{longitude}}）不在本县任何网格之内，请手动选择所属网格。',
    noBoundaries: '本县尚未配置网格边界，请手动选择所属网格。',
    denied: '未获准使用位置信息，请在浏览器设置中允许，或手动选择所属网格。',
    unavailable: '暂时无法获取位置，请稍后再试或手动选择所属网格。',
  },
  en: {
    outside: 'Your location (latitude {{latitude}}, longitude {{longitude}}) is outside every grid of the county: choose the grid yourself.',
    noBoundaries: 'The county has no grid boundaries yet: choose the grid yourself.',
    denied: 'The page may not use your location: allow it in the browser settings, or choose the grid yourself.',
    unavailable: 'Your location is not available just now: try again, or choose the grid yourself.',
  },
});

export type Placement =
  | { ok: true; grid: string; lat: number; lng: number }
  /** `message` is a key under `placement.` with its values (never named `lng`: i18next reads that as the language). */
  | { ok: false; message: 'outside' | 'noBoundaries' | 'denied' | 'unavailable'; values?: Record<string, number> };

const locators = new Map<string, Promise<GridLocator>>();

function locatorOf(api: ApiClient, county: string): Promise<GridLocator> {
  let locator = locators.get(county);
  if (!locator) {
    locator = api.geography(county, 'grid').then((g) => new GridLocator(g.features));
    locator.catch(() => locators.delete(county));
    locators.set(county, locator);
  }
  return locator;
}

function position(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 }));
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Where the phone is and which grid that is, or why not. */
export async function placeMe(api: ApiClient, county: string): Promise<Placement> {
  // the boundaries load while the phone finds its position
  const locator = locatorOf(api, county);
  let fix: GeolocationPosition;
  try {
    fix = await position();
  } catch (err) {
    return { ok: false, message: (err as GeolocationPositionError).code === 1 ? 'denied' : 'unavailable' };
  }
  const lat = round6(fix.coords.latitude);
  const lng = round6(fix.coords.longitude);
  const grids = await locator;
  if (grids.size === 0) return { ok: false, message: 'noBoundaries' };
  const grid = grids.locate(lng, lat);
  return grid ? { ok: true, grid, lat, lng } : { ok: false, message: 'outside', values: { latitude: lat, longitude: lng } };
}
