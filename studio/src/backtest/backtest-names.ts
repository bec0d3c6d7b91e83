/**
 * Names for a replay's ids: units, townships and categories from the county's config in force,
 * then from the replayed config (a unit or rule only the draft has); rules by their names in the
 * config that decided the side (the replayed config for the replay, the one in force for the
 * real decision), falling back to the other and then to the id.
 */
import { useCallback } from 'react';
import type { CompiledConfig } from '../../../engine/index';
import { useLabel } from '../i18n/use-label';
import type { NameFn } from '../pilots/decision-diff';

export interface ReplayNames {
  name: NameFn;
  /** A rule's name; `side` says which config decided it. */
  rule: (side: 'real' | 'replay', id: string) => string | null;
  /** An SLA policy's name, from the config in force or the replayed one. */
  policy: (id: string) => string;
}

export function useReplayNames(inForce: CompiledConfig | null, replayed: CompiledConfig | null): ReplayNames {
  const label = useLabel();
  const name = useCallback<NameFn>(
    (kind, id) => {
      if (id === null) return '—';
      for (const compiled of [inForce, replayed]) {
        const text = kind === 'unit' ? compiled?.unit(id)?.name : compiled?.category(id)?.minor.name;
        if (text) return label(text, id);
      }
      return id;
    },
    [inForce, replayed, label],
  );
  const rule = useCallback(
    (side: 'real' | 'replay', id: string) => {
      const order = side === 'real' ? [inForce, replayed] : [replayed, inForce];
      for (const compiled of order) {
        const found = compiled?.config.rules.find((r) => r.id === id);
        if (found?.name) return label(found.name, id);
      }
      return null;
    },
    [inForce, replayed, label],
  );
  const policy = useCallback(
    (id: string) => {
      for (const compiled of [inForce, replayed]) {
        const found = compiled?.config.sla.policies.find((p) => p.id === id);
        if (found?.name) return label(found.name, id);
      }
      return id;
    },
    [inForce, replayed, label],
  );
  return { name, rule, policy };
}
