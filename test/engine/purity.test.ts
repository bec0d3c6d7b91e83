import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = path.resolve(__dirname, '../../engine');
const FORBIDDEN: Array<[RegExp, string]> = [
  [/^node:/, 'Node built-in'],
  [/^(fs|path|os|crypto|http|https|net|child_process|worker_threads|url|stream|zlib|util)(\/|$)/, 'Node built-in'],
  [/^express(\/|$)/, 'express'],
  [/^sequelize(\/|$)/, 'sequelize'],
  [/^(sqlite3|pg)(\/|$)/, 'database driver'],
  [/^react(-dom)?(\/|$)/, 'react'],
  [/^@rjsf\//, 'react forms'],
  [/^(monaco-editor|@monaco-editor\/)/, 'monaco'],
  [/(^|\/)(runtime|studio)(\/|$)/, 'runtime/ or studio/'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx|js|mjs)$/.test(name) ? [full] : [];
  });
}

/** Every module specifier of a file: static imports, re-exports, dynamic imports, require. */
export function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found;
}

function violation(file: string, specifier: string): string | null {
  const resolved = specifier.startsWith('.') ? path.relative(path.resolve(ENGINE, '..'), path.resolve(path.dirname(file), specifier)) : specifier;
  for (const [pattern, what] of FORBIDDEN) if (pattern.test(resolved)) return `${path.relative(ENGINE, file)} imports ${specifier} (${what})`;
  return null;
}

describe('engine purity: no I/O, no framework, nothing from runtime/ or studio/', () => {
  const files = sourceFiles(ENGINE);
  it('finds the engine sources', () => expect(files.length).toBeGreaterThan(10));
  it.each(files.map((f) => [path.relative(ENGINE, f), f]))('%s imports only pure modules', (_name, file) => {
    const problems = specifiers(readFileSync(file, 'utf8')).map((s) => violation(file, s)).filter(Boolean);
    expect(problems).toEqual([]);
  });
  it.each([
    ['node built-in', "import { readFile } from 'node:fs';", true],
    ['bare fs', "import fs from 'fs';", true],
    ['express', "import express from 'express';", true],
    ['sequelize', "import { Model } from 'sequelize';", true],
    ['react', "import React from 'react';", true],
    ['monaco', "import * as m from 'monaco-editor';", true],
    ['runtime', "import { x } from '../runtime/server';", true],
    ['studio dynamic import', "const s = await import('../studio/app');", true],
    ['ajv', "import Ajv from 'ajv';", false],
    ['sibling', "import { x } from './condition';", false],
  ])('the scanner catches %s', (_name, source, forbidden) => {
    const file = path.join(ENGINE, 'index.ts');
    const found = specifiers(source as string).some((s) => violation(file, s) !== null);
    expect(found).toBe(forbidden);
  });
});
