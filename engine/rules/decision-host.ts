/** What deciding needs from a compiled config, kept narrow so decide stays easy to test. */
import type { UnitTree } from '../config/unit-tree';
import type { CategoryIndex } from './rule-index';

export interface Place {
  grid: string | null;
  village: string | null;
  township: string | null;
}

export interface TimeFacts {
  workingTime: boolean;
  holiday: boolean;
  hourOfDay: number;
  dayOfWeek: number;
}

export interface DecisionHost {
  units: UnitTree;
  placeOf(data: Record<string, unknown>): Place;
  timeFacts(epochMs: number): TimeFacts;
  defaultUnit(index: CategoryIndex, place: Place): string;
  defaultPolicy(category: string, level: number): string;
}
