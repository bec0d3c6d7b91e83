/**
 * The test bench's sample event (category, form data, time, recent report count), kept while
 * the page lives, per config version: switching to the decision table and back finds it as it
 * was. A module-level store, not React state, because the bench unmounts with its tab.
 */
export interface BenchSample {
  category: string;
  data: Record<string, unknown>;
  /** Local date-time as the datetime input holds it (county time zone). */
  at: string;
  recentReports: number;
}

const samples = new Map<string, BenchSample>();
const keyOf = (county: string, version: number) => `${county}/${version}`;

export function storedBenchSample(county: string, version: number): BenchSample | undefined {
  return samples.get(keyOf(county, version));
}

export function keepBenchSample(county: string, version: number, sample: BenchSample): void {
  samples.set(keyOf(county, version), sample);
}
