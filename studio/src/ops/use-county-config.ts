/**
 * The compiled config an operations page works with: the active version (or the version an
 * event was created under, when the caller may read it). Compiled once per version in the page.
 */
import { useEffect, useState } from 'react';
import { compile, type CompiledConfig } from '../../../engine/index';
import type { ApiClient } from '../api/client';
import { useSession } from '../session/session-context';

const cache = new Map<string, Promise<{ version: number; compiled: CompiledConfig }>>();

function load(api: ApiClient, county: string, version: number | undefined): Promise<{ version: number; compiled: CompiledConfig }> {
  const key = `${county}@${version ?? 'active'}`;
  let entry = cache.get(key);
  if (!entry) {
    const fetched = version === undefined ? api.activeConfig(county) : api.getConfig(county, version).catch(() => api.activeConfig(county));
    entry = fetched.then(({ version: v, document }) => {
      const result = compile(document);
      if (!result.ok) throw new Error(`config v${v} does not compile: ${result.issues[0]?.message ?? ''}`);
      return { version: v, compiled: result.value };
    });
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

export function useCountyConfig(version?: number): { compiled: CompiledConfig | null; version: number | null; error: string | null } {
  const { api, me } = useSession();
  const [state, setState] = useState<{ compiled: CompiledConfig | null; version: number | null; error: string | null }>({ compiled: null, version: null, error: null });
  useEffect(() => {
    let live = true;
    load(api, me.county, version).then(
      (r) => live && setState({ compiled: r.compiled, version: r.version, error: null }),
      (e: Error) => live && setState({ compiled: null, version: null, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, me.county, version]);
  return state;
}

/** Forgets cached configs (after activating another version). */
export function forgetCountyConfigs(): void {
  cache.clear();
}
