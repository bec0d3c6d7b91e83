/**
 * A background loop that runs `tick` every `intervalMs`, never two ticks at once, and stops
 * cleanly: `stop()` resolves once the tick in flight (if any) has finished.
 */
import type { Logger } from 'pino';

export interface PollLoop {
  start(): void;
  stop(): Promise<void>;
}

export function createPollLoop(opts: { name: string; intervalMs: number; logger: Logger; tick: () => Promise<unknown> }): PollLoop {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      running = opts
        .tick()
        .then(
          () => undefined,
          (err: unknown) => opts.logger.error({ err, loop: opts.name }, 'background loop tick failed'),
        )
        .finally(() => {
          running = null;
          schedule();
        });
    }, opts.intervalMs);
    timer.unref();
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
