/**
 * A small history router: the runtime serves index.html for every studio path (SPA fallback),
 * so paths are real URLs. `navigate` pushes a new entry and notifies subscribers.
 */
import { useSyncExternalStore } from 'react';

const CHANGE = 'pingtai:navigate';

function subscribe(callback: () => void): () => void {
  window.addEventListener('popstate', callback);
  window.addEventListener(CHANGE, callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener(CHANGE, callback);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Asked before the studio leaves a page; false keeps the user where they are (unsaved edits). */
let leaveGuard: (() => boolean) | null = null;

// The browser's Back and Forward: asked too (registered before any page subscribes, so it runs
// first); a "stay" puts the page's own address back, and the page never sees it change.
let shownUrl = typeof window === 'undefined' ? '' : window.location.pathname + window.location.search;
if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    const now = window.location.pathname + window.location.search;
    if (leaveGuard && now.split('?')[0] !== shownUrl.split('?')[0] && !leaveGuard()) window.history.pushState(null, '', shownUrl);
    else shownUrl = now;
  });
  window.addEventListener(CHANGE, () => {
    shownUrl = window.location.pathname + window.location.search;
  });
}

/**
 * Until the returned function is called, leaving the page asks first: in-app navigation and
 * Back/Forward ask `confirm` (true leaves), a reload or closing the tab the browser's own question.
 */
export function guardLeaving(confirm: () => boolean): () => void {
  const beforeUnload = (e: BeforeUnloadEvent) => {
    e.preventDefault();
    e.returnValue = '';
  };
  leaveGuard = confirm;
  window.addEventListener('beforeunload', beforeUnload);
  return () => {
    if (leaveGuard === confirm) leaveGuard = null;
    window.removeEventListener('beforeunload', beforeUnload);
  };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  // another page (a tab of the same page only changes the query)
  if (leaveGuard && to.split('?')[0] !== window.location.pathname && !leaveGuard()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

export interface Route {
  path: string;
  query: URLSearchParams;
}

export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, snapshot);
  const [path, search = ''] = href.split('?');
  return { path, query: new URLSearchParams(search) };
}

/** Matches `/configs/:version` style patterns; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** Replaces some query parameters of the current URL (null removes one). */
export function withQuery(route: Route, changes: Record<string, string | null>): string {
  const query = new URLSearchParams(route.query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) query.delete(key);
    else query.set(key, value);
  }
  const qs = query.toString();
  return qs ? `${route.path}?${qs}` : route.path;
}
