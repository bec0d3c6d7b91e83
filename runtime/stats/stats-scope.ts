/**
 * Which events a dashboard counts for its caller: the worklist's visibility rule (worklist.ts
 * `canSee`) as one SQL condition. County administrators and policy designers count the whole
 * county; a dispatcher the events its command room dispatches, handles or assists; a handler its
 * unit's events as lead or assistant. Other roles (a grid worker, a unit role without a unit)
 * have no dashboard: 403 naming the role.
 */
import type { TokenActor } from '../auth/tokens';
import { ForbiddenError } from '../http/errors';

export interface StatsScope {
  kind: 'county' | 'unit';
  unit: string | null;
  role: TokenActor['role'];
}

export function statsScope(actor: TokenActor): StatsScope {
  if (actor.role === 'county_admin' || actor.role === 'policy_designer') return { kind: 'county', unit: null, role: actor.role };
  if ((actor.role === 'dispatcher' || actor.role === 'handler') && actor.unit) return { kind: 'unit', unit: actor.unit, role: actor.role };
  throw new ForbiddenError('role-not-allowed', `role "${actor.role}"${actor.unit ? '' : ' without a unit'} has no dashboard: county administrators, policy designers, dispatchers and handlers do`, { field: 'role' });
}

/**
 * The scope as an SQL condition on events aliased `e` (with `:county`, `:scopeUnit` and `:scopeAssist` among
 * the replacements, see {@link scopeReplacements}), or '' for the whole county.
 */
export function scopeSql(scope: StatsScope, emptyList: string, alias = 'e'): string {
  if (scope.kind === 'county') return '';
  // the events the unit assists, found once through the partial index of assisted events (few),
  // so the rest of the condition is read from the covering index without touching the table
  const assisting = `${alias}.id IN (SELECT a.id FROM events a WHERE a.county_id = :county AND a.assist <> ${emptyList} AND CAST(a.assist AS TEXT) LIKE :scopeAssist)`;
  if (scope.role === 'dispatcher') return ` AND (${alias}.dispatcher = :scopeUnit OR ${alias}.handling_unit = :scopeUnit OR ${assisting})`;
  return ` AND (${alias}.handling_unit = :scopeUnit OR ${assisting})`;
}

export function scopeReplacements(scope: StatsScope): Record<string, string> {
  if (scope.kind === 'county' || scope.unit === null) return {};
  return { scopeUnit: scope.unit, scopeAssist: `%"${scope.unit.replace(/[%_"\\]/g, '')}"%` };
}
