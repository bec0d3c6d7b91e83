/**
 * Where a JSON Pointer (RFC 6901) points inside a JSON text: a small scanner over the text, so
 * a compile problem (`/rules/3/event/params/target/unit`) is one click from its place in the
 * editor. When the full path does not exist (a missing property) the deepest existing ancestor
 * is returned with `exact: false`. Tolerates broken text by stopping where it breaks.
 */

export interface TextSpan {
  offset: number;
  length: number;
  exact: boolean;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const isWs = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

function skipWs(text: string, pos: number): number {
  while (pos < text.length && isWs(text[pos])) pos++;
  return pos;
}

/** End (exclusive) of the string starting at `pos` (a `"`), and its decoded value. */
function scanString(text: string, pos: number): { end: number; value: string } {
  let i = pos + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  const end = Math.min(i + 1, text.length);
  let value: string;
  try {
    value = JSON.parse(text.slice(pos, end)) as string;
  } catch {
    value = text.slice(pos + 1, i);
  }
  return { end, value };
}

/** End (exclusive) of the value starting at `pos`. */
function skipValue(text: string, pos: number): number {
  const c = text[pos];
  if (c === '"') return scanString(text, pos).end;
  if (c === '{' || c === '[') {
    let depth = 0;
    let i = pos;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i = scanString(text, i).end;
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return text.length;
  }
  let i = pos;
  while (i < text.length && !isWs(text[i]) && text[i] !== ',' && text[i] !== '}' && text[i] !== ']') i++;
  return i;
}

/** The span to highlight for a value: a scalar whole, a container only its opening bracket. */
function valueSpan(text: string, start: number, from = start): { offset: number; length: number } {
  const c = text[start];
  if (c === '{' || c === '[') return { offset: from, length: start + 1 - from };
  return { offset: from, length: skipValue(text, start) - from };
}

export function locatePointer(text: string, pointer: string): TextSpan {
  const segments = parsePointer(pointer);
  let pos = skipWs(text, 0);
  let best: TextSpan = { ...valueSpan(text, pos), exact: segments.length === 0 };
  for (let depth = 0; depth < segments.length; depth++) {
    const segment = segments[depth];
    const c = text[pos];
    let found = -1;
    let from = -1;
    if (c === '{') {
      let i = skipWs(text, pos + 1);
      while (i < text.length && text[i] === '"') {
        const key = scanString(text, i);
        let j = skipWs(text, key.end);
        if (text[j] !== ':') break;
        j = skipWs(text, j + 1);
        if (key.value === segment) {
          found = j;
          from = i;
          break;
        }
        i = skipWs(text, skipValue(text, j));
        if (text[i] !== ',') break;
        i = skipWs(text, i + 1);
      }
    } else if (c === '[' && /^(0|[1-9][0-9]*)$/.test(segment)) {
      const wanted = Number(segment);
      let i = skipWs(text, pos + 1);
      for (let index = 0; i < text.length && text[i] !== ']'; index++) {
        if (index === wanted) {
          found = i;
          from = i;
          break;
        }
        i = skipWs(text, skipValue(text, i));
        if (text[i] !== ',') break;
        i = skipWs(text, i + 1);
      }
    }
    if (found < 0) return { ...best, exact: false };
    pos = found;
    best = { ...valueSpan(text, found, from), exact: depth === segments.length - 1 };
  }
  return best;
}

/** Offset of a JSON.parse error, from V8's "at position N" or "(line L column C)" message. */
export function parseErrorOffset(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    const lines = text.split('\n');
    const line = Math.min(Number(lineColumn[1]), lines.length);
    let offset = 0;
    for (let i = 0; i < line - 1; i++) offset += lines[i].length + 1;
    return offset + Number(lineColumn[2]) - 1;
  }
  return text.length;
}
