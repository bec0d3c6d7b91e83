/** Revealing an event's reporter (name and phone) with a reason; the runtime audits every reveal. */
import { ApiError } from './api-error';

export interface RevealedReporter {
  reporterName: string | null;
  reporterPhone: string | null;
}

export async function revealReporter(opts: { token: string; county: string; id: string; reason: string }): Promise<RevealedReporter> {
  const response = await fetch(`/api/v1/counties/${encodeURIComponent(opts.county)}/events/${encodeURIComponent(opts.id)}/reveal-reporter`, {
    method: 'POST',
    headers: { Accept: 'application/json', Authorization: `Bearer ${opts.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ reason: opts.reason }),
  });
  const json = (await response.json().catch(() => undefined)) as { reporter?: RevealedReporter; error?: { code?: string; message?: string; field?: string } } | undefined;
  if (!response.ok || !json?.reporter) throw new ApiError(response.status, json?.error?.code ?? `http-${response.status}`, json?.error?.message ?? response.statusText, { field: json?.error?.field });
  return json.reporter;
}
