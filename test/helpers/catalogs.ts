/** Loads and compiles catalogs for tests (cached per process). */
import path from 'node:path';
import { compile, type CompiledConfig } from '../../engine/index';
import { CATALOGS_DIR, loadConfigPath } from '../../runtime/config-loader';

const cache = new Map<string, Promise<CompiledConfig>>();

export function compiledCatalog(name: string): Promise<CompiledConfig> {
  let promise = cache.get(name);
  if (!promise) {
    promise = (async () => {
      const loaded = await loadConfigPath(path.join(CATALOGS_DIR, name));
      if (!loaded.ok) throw new Error(`${name}: ${loaded.issues.map((i) => `${i.file}:${i.pointer}: ${i.message}`).join('\n')}`);
      const compiled = compile(loaded.value.config, { sources: loaded.value.sources });
      if (!compiled.ok) throw new Error(`${name}: ${compiled.issues.map((i) => `${i.file}:${i.pointer}: ${i.message}`).join('\n')}`);
      return compiled.value;
    })();
    cache.set(name, promise);
  }
  return promise;
}
