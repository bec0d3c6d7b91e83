/**
 * Notification channels. Two kinds exist: `log` (a structured log line, the default when no
 * provider is configured) and webhooks (a JSON POST). SMS gateways and app push services plug in
 * as webhooks: `PINGTAI_CHANNEL_SMS_URL=https://gateway.example/sms` makes channel `sms` a
 * webhook to that URL; `PINGTAI_WEBHOOK_URL` is the `webhook` channel itself.
 */
import type { Logger } from 'pino';

/** What a channel is given to deliver: an outbox message. */
export interface OutgoingMessage {
  id: string;
  countyId: string;
  eventId: string | null;
  channel: string;
  targetUnit: string | null;
  payload: Record<string, unknown>;
  attempt: number;
}

export interface Channel {
  readonly kind: 'log' | 'webhook';
  /** Resolves when delivered; throws (with a message worth recording) when not. */
  deliver(message: OutgoingMessage): Promise<void>;
}

export function logChannel(logger: Logger): Channel {
  return {
    kind: 'log',
    async deliver(message) {
      logger.info({ notification: message }, `notification via ${message.channel} to ${message.targetUnit ?? '-'}`);
    },
  };
}

export class WebhookError extends Error {
  override name = 'WebhookError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * POSTs the message as JSON. The outbox id goes in `Idempotency-Key`: delivery is at-least-once
 * (a crash after the POST and before recording it sends it again), so receivers should dedupe.
 */
export function webhookChannel(opts: { url: string; timeoutMs?: number; fetch?: typeof fetch; headers?: Record<string, string> }): Channel {
  const doFetch = opts.fetch ?? fetch;
  return {
    kind: 'webhook',
    async deliver(message) {
      let response: Response;
      try {
        response = await doFetch(opts.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': message.id, ...opts.headers },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
      } catch (err) {
        throw new WebhookError(`POST ${opts.url} failed: ${(err as Error).message}`);
      }
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new WebhookError(`POST ${opts.url} answered HTTP ${response.status}`, response.status);
    },
  };
}

export interface ChannelRegistry {
  /** The channel that delivers messages for `name`; unknown names fall back to the log. */
  resolve(name: string): Channel;
}

export function createChannelRegistry(opts: { logger: Logger; webhooks?: Record<string, string>; timeoutMs?: number; fetch?: typeof fetch }): ChannelRegistry {
  const log = logChannel(opts.logger);
  const channels = new Map<string, Channel>([['log', log]]);
  for (const [name, url] of Object.entries(opts.webhooks ?? {})) channels.set(name, webhookChannel({ url, timeoutMs: opts.timeoutMs, fetch: opts.fetch }));
  return { resolve: (name) => channels.get(name) ?? log };
}

/** Webhook URLs from the environment: `PINGTAI_WEBHOOK_URL` and `PINGTAI_CHANNEL_<NAME>_URL`. */
export function webhooksFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  if (env.PINGTAI_WEBHOOK_URL) out.webhook = env.PINGTAI_WEBHOOK_URL;
  for (const [key, value] of Object.entries(env)) {
    const m = /^PINGTAI_CHANNEL_([A-Z0-9_]+)_URL$/.exec(key);
    if (m && value) out[m[1].toLowerCase().replace(/_/g, '-')] = value;
  }
  return out;
}
