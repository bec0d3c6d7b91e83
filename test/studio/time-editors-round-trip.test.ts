/**
 * Every catalog's SLA policies, calendars and workflow go through their editor's model and back
 * unchanged (key order included): what the editors read they write back as it was.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Calendar, Workflow } from '../../engine/index';
import { CATALOGS_DIR, loadConfigPath } from '../../runtime/config-loader';
import { daysOfYear, readCalendars, setWorkingDays, updateWorkingBlock, yearFromDays } from '../../studio/src/config/time-editors/calendar-model';
import { readSla, rewritePolicy } from '../../studio/src/config/time-editors/sla-policy-model';
import { readLevels, renameLevel } from '../../studio/src/config/time-editors/levels-model';
import { readWorkflow, setClockEffect, updateState, updateTransition } from '../../studio/src/config/time-editors/workflow-model';

const catalogs = readdirSync(CATALOGS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe.each(catalogs)('catalog %s', (catalog) => {
  const load = async () => {
    const loaded = await loadConfigPath(path.join(CATALOGS_DIR, catalog));
    if (!loaded.ok) throw new Error(`${catalog} does not load`);
    return loaded.value.config as unknown as { sla: unknown; calendars: unknown; workflow: unknown; levels?: unknown };
  };

  it('SLA policies', async () => {
    const config = await load();
    const sla = readSla(config.sla);
    expect(sla).not.toBeNull();
    for (const policy of sla!.policies) expect(JSON.stringify(rewritePolicy(policy))).toBe(JSON.stringify(policy));
  });

  it('calendars', async () => {
    const config = await load();
    const calendars = readCalendars(config.calendars);
    expect(calendars).not.toBeNull();
    for (const calendar of calendars!) {
      let through: Calendar = setWorkingDays(calendar, calendar.workingDays);
      calendar.workingHours.forEach((b, i) => (through = updateWorkingBlock(through, i, { ...b })));
      const years = Object.fromEntries(Object.keys(calendar.years).map((y) => [y, yearFromDays(daysOfYear(calendar, y), calendar.years[y].source)]));
      through = { ...through, years };
      expect(JSON.stringify(through)).toBe(JSON.stringify(calendar));
    }
  });

  it('workflow', async () => {
    const config = await load();
    const workflow = readWorkflow(config.workflow);
    expect(workflow).not.toBeNull();
    let through: Workflow = workflow!;
    workflow!.states.forEach((s, i) => (through = updateState(through, i, { ...s })));
    workflow!.transitions.forEach((t, i) => {
      through = updateTransition(through, i, { ...t });
      for (const kind of ['start', 'stop', 'pause', 'resume'] as const) if (t.sla?.[kind]) through = updateTransition(through, i, setClockEffect(through.transitions[i], kind, t.sla[kind]!));
    });
    expect(JSON.stringify(through)).toBe(JSON.stringify(workflow));
  });

  it('levels', async () => {
    const config = await load();
    const read = readLevels(config.levels);
    expect(read).not.toBeNull();
    let through = read!.levels;
    for (const l of read!.levels) through = renameLevel(renameLevel(through, l.level, 'zh', l.name.zh), l.level, 'en', l.name.en);
    expect(JSON.stringify(through)).toBe(JSON.stringify(read!.levels));
  });
});
