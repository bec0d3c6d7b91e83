/**
 * A route may name the dispatcher — the command room that watches the event and may reassign it —
 * so a whistle route keeps the township's command room and leaves the county command centre out.
 */
import { describe, expect, it } from 'vitest';
import { compile, decide, decideReference, type CompiledConfig, type CountyConfig } from '../../engine/index';
import { miniCounty } from '../fixtures/mini-county';

type Params = Record<string, unknown>;
const weekday10 = Date.parse('2026-06-18T10:00:00+08:00');
const landReport = { category: 'B01', data: { description: '违建', location: { grid: 't1-v2-g1' }, area: 300 }, reportedAt: weekday10 };

function withLandRoute(patch: Params, edit?: (c: CountyConfig) => void): ReturnType<typeof compile> {
  const config = miniCounty();
  const rule = config.rules.find((r) => r.id === 'r-land')!;
  Object.assign(rule.event.params as Params, patch);
  edit?.(config);
  return compile(config);
}

function compiled(patch: Params, edit?: (c: CountyConfig) => void): CompiledConfig {
  const result = withLandRoute(patch, edit);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

async function bothPaths(config: CompiledConfig) {
  const fast = decide(config, landReport, {});
  const reference = await decideReference(config, landReport, {});
  expect(reference.decision).toEqual(fast.decision);
  return fast.decision;
}

describe('a route that sets the dispatcher', () => {
  it('by default a county department is dispatched by the county command centre', async () => {
    const decision = await bothPaths(compiled({}));
    expect({ unit: decision.unit, dispatcher: decision.dispatcher }).toEqual({ unit: 'dept-land', dispatcher: 'cmd' });
  });

  it.each([
    ['the command room of the township where it happened', { type: 'township-command' }, 't1-cmd'],
    ['a command room by id', { type: 'unit', unit: 't1-cmd' }, 't1-cmd'],
    ['the county command centre', { type: 'county-command' }, 'cmd'],
  ])('names %s', async (_name, dispatcher, expected) => {
    const decision = await bothPaths(compiled({ dispatcher }));
    expect({ unit: decision.unit, dispatcher: decision.dispatcher }).toEqual({ unit: 'dept-land', dispatcher: expected });
  });

  it('an escalation rule that fires too hands the event to the tier above, watched by that tier', async () => {
    const decision = await bothPaths(
      compiled({ dispatcher: { type: 'township-command' } }, (c) => {
        c.rules.push({ id: 'e-land', name: { zh: '上报', en: 'Escalate' }, priority: 1, scope: { category: 'B01' }, conditions: { all: [{ fact: 'area', operator: 'greaterThan', value: 200 }] }, event: { type: 'escalate', params: { target: { type: 'county-command' }, reason: { zh: '面积大', en: 'Large' } } } });
      }),
    );
    expect({ unit: decision.unit, dispatcher: decision.dispatcher, escalatedTo: decision.escalation?.unit }).toEqual({ unit: 'cmd', dispatcher: 'cmd', escalatedTo: 'cmd' });
  });

  it.each([
    ['a unit that is not a command room', { type: 'unit', unit: 't1-mkt' }, 'dispatcher-not-command', '/rules/4/event/params/dispatcher/unit', /t1-mkt.*not a command room/],
    ['a unit that does not exist', { type: 'unit', unit: 'ghost' }, 'unknown-unit', '/rules/4/event/params/dispatcher/unit', /ghost/],
    ['a target that cannot be a command room', { type: 'platform', platform: 'market' }, 'unknown-key', '/rules/4/event/params/dispatcher', /platform/],
  ])('refuses %s at compile, naming the place', (_name, dispatcher, code, pointer, message) => {
    const result = withLandRoute({ dispatcher });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((i) => i.pointer.startsWith(pointer));
    expect(issue, JSON.stringify(result.issues)).toBeDefined();
    expect(issue!.code).toBe(code);
    expect(issue!.message).toMatch(message);
  });
});
