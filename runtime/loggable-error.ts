/**
 * Errors as they may be logged: what tells an operator what failed, without the user's data.
 * A database error can carry the report it failed on — PostgreSQL's `detail` ("Key (id)=(…)"),
 * `where` ("JSON data, line 1: {"description":…"), sequelize's `sql` and `parameters` with every
 * value of the statement, a validation item's `value` — and a message can quote a value
 * ("invalid input syntax for type uuid: '…'"). Kept: the error's name, its code or SQLSTATE,
 * severity, routine, table, column and constraint names, the message with quoted values
 * replaced by `'…'`, and the stack; for a wrapped error, its cause the same way.
 */

/** What a logged error shows. */
export interface LoggableError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  severity?: string;
  routine?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
  /** sequelize's validation items: which attribute failed which check (never the value). */
  items?: Array<{ path?: string; type?: string; validatorKey?: string }>;
  cause?: LoggableError;
}

const NAMES = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint'] as const;

/**
 * `message` with every quoted value replaced: single-quoted text (PostgreSQL quotes values so),
 * SQLite's `near "…"`, and anything after a colon that looks like data (`: {…}`, `: […]`).
 */
export function redactMessage(message: string): string {
  return message
    .replace(/'(?:[^']|'')*'?/g, "'…'")
    .replace(/near "(?:[^"]|"")*"?/g, 'near "…"')
    .replace(/:\s*[[{].*$/s, ': …');
}

function redactStack(stack: string, message: string, safe: string): string {
  const body = stack.includes(message) ? stack.replace(message, safe) : stack;
  // frames only after the first line: whatever else the first lines held is dropped
  const frames = body.split('\n').filter((line, i) => i === 0 || /^\s+at /.test(line));
  return frames.join('\n');
}

/** `err` as it may be logged (see the file's comment); `depth` bounds a chain of causes. */
export function loggableError(err: unknown, depth = 0): LoggableError {
  if (typeof err !== 'object' || err === null) return { type: typeof err, message: typeof err === 'string' ? redactMessage(err) : String(err) };
  const e = err as Record<string, unknown> & { name?: unknown; message?: unknown; stack?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  const safe = redactMessage(message);
  const out: LoggableError = { type: typeof e.name === 'string' ? e.name : (err as object).constructor?.name ?? 'Error', message: safe };
  if (typeof e.stack === 'string') out.stack = redactStack(e.stack, message, safe);
  for (const name of NAMES) if (typeof e[name] === 'string' || typeof e[name] === 'number') out[name] = String(e[name]);
  if (Array.isArray(e.errors) && e.errors.length > 0) {
    out.items = e.errors.slice(0, 20).map((item: Record<string, unknown>) => ({
      path: typeof item?.path === 'string' ? item.path : undefined,
      type: typeof item?.type === 'string' ? item.type : undefined,
      validatorKey: typeof item?.validatorKey === 'string' ? item.validatorKey : undefined,
    }));
  }
  // sequelize keeps the driver's error as `parent` (and `original`); others use `cause`
  const inner = e.parent ?? e.original ?? e.cause;
  if (inner !== undefined && inner !== err && depth < 4) out.cause = loggableError(inner, depth + 1);
  return out;
}

/** pino's `err` serializer: every `{ err }` logged becomes a {@link LoggableError} (once). */
export function errSerializer(value: unknown): unknown {
  const already = typeof value === 'object' && value !== null && !(value instanceof Error) && typeof (value as LoggableError).type === 'string' && typeof (value as LoggableError).message === 'string';
  return already ? value : loggableError(value);
}
