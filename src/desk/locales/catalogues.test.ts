/// <reference types="node" />
/**
 * The message catalogues stay complete: every key of one language exists in the other (plural
 * forms aside: Vietnamese has one, English two), with the same {{placeholders}}, and every
 * literal key the code asks for exists.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Keys with plural suffixes folded; value: the placeholders used. */
function keys(tree: Tree): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, text] of flatten(tree)) {
    const base = key.replace(PLURAL, '');
    const vars = out.get(base) ?? new Set<string>();
    for (const match of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) vars.add(match[1]!);
    out.set(base, vars);
  }
  return out;
}

const catalogues = { vi: keys(vi), en: keys(en) };

test('every key of each catalogue is in the other', () => {
  for (const [name, other] of [
    ['vi', 'en'],
    ['en', 'vi'],
  ] as const) {
    const missing = [...catalogues[name].keys()].filter((k) => !catalogues[other].has(k));
    assert.deepEqual(missing, [], `keys in ${name}.json missing from ${other}.json`);
  }
});

test('translations use the same placeholders', () => {
  for (const [key, vars] of catalogues.vi) {
    assert.deepEqual(
      [...(catalogues.en.get(key) ?? [])].sort(),
      [...vars].sort(),
      `placeholders of ${key}`,
    );
  }
});

test('every literal key used in the desk code exists', () => {
  const root = join(import.meta.dirname, '..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) files.push(path);
    }
  };
  walk(root);
  const used = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
      used.add(match[1]!);
    }
  }
  assert.ok(used.size > 50, 'the scan finds the keys');
  const unknown = [...used].filter((k) => !catalogues.vi.has(k));
  assert.deepEqual(unknown, [], 'keys used in code but missing from the catalogues');
});
