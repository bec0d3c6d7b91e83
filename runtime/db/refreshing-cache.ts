/**
 * A small cache for values read from the database on hot paths (tokens, a county's active config
 * version): a value is answered from memory for `ttlMs`; after that, ONE load refreshes it while
 * callers go on with what was known. Under load, an expiry that every request waited for, each
 * with a query of its own, held up every request in flight for tens of milliseconds.
 *
 * A load that finds nothing (`null`) is not remembered, so something created by another process
 * is found at once. {@link forget} drops entries now (a change made by this process) and keeps a
 * load that was already running from storing what it read before the change.
 */
export class RefreshingCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private readonly loads = new Map<string, Promise<V | null>>();
  /** Bumped by {@link forget}: a load that began before it does not store its value. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly limit = 10_000,
  ) {}

  /** The value of `key`: from memory when known (refreshed in the background once stale), else loaded. */
  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.entries.get(key);
    if (!hit) return this.refresh(key, load);
    if (hit.until <= performance.now()) this.refresh(key, load).catch(() => undefined);
    return hit.value;
  }

  /** Forgets the entries that `match` and any load in flight. */
  forget(match: (key: string, value: V) => boolean): void {
    this.generation++;
    this.loads.clear();
    for (const [key, entry] of this.entries) if (match(key, entry.value)) this.entries.delete(key);
  }

  /** Loads `key`, one load at a time per key. */
  private refresh(key: string, load: () => Promise<V | null>): Promise<V | null> {
    let running = this.loads.get(key);
    if (running) return running;
    const generation = this.generation;
    running = load()
      .then((value) => {
        if (this.generation === generation) {
          if (value === null) this.entries.delete(key);
          else {
            if (this.entries.size >= this.limit) this.entries.clear();
            this.entries.set(key, { value, until: performance.now() + this.ttlMs });
          }
        }
        return value;
      })
      .finally(() => {
        if (this.loads.get(key) === running) this.loads.delete(key);
      });
    this.loads.set(key, running);
    return running;
  }
}
