/** The rules tab: every rule of a scope and decision type as one decision table. */
import type { Draft } from '../use-draft';

export default function DecisionTablesTab({ draft }: { draft: Draft }) {
  return <div className="decision-tables" data-version={draft.version} />;
}
