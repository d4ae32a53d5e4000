#!/usr/bin/env node
// Prints the JavaScript the desk's first load fetches, gzipped: the entry chunk and every chunk
// it imports statically (lazy pages excluded), from Vite's manifest. Builds the desk first when
// it is missing or stale. `--json` prints JSON only; the figures also go to bench/results/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 200 * 1024;
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist', 'desk');
const json = process.argv.includes('--json');

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-desk.mjs'), '--if-stale'], {
  stdio: json ? 'ignore' : 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

/** @type {Record<string, {file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[]}>} */
const manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8'));
const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
if (!entryKey) throw new Error('no entry in the Vite manifest');

const initial = new Set();
const visit = (key) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const next of manifest[key]?.imports ?? []) visit(next);
};
visit(entryKey);

const sizeOf = (file) => {
  const bytes = readFileSync(join(out, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const initialFiles = [...initial].map((key) => sizeOf(manifest[key].file));
const lazyFiles = Object.keys(manifest)
  .filter((key) => !initial.has(key) && manifest[key].file.endsWith('.js'))
  .map((key) => sizeOf(manifest[key].file));
const total = initialFiles.reduce((sum, f) => sum + f.gzip, 0);
const result = {
  initialJsGzipBytes: total,
  initialJsBytes: initialFiles.reduce((sum, f) => sum + f.bytes, 0),
  budgetGzipBytes: BUDGET,
  withinBudget: total <= BUDGET,
  initial: initialFiles,
  lazy: lazyFiles.sort((a, b) => b.gzip - a.gzip),
};

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'desk-size.json'),
  `${JSON.stringify(result, null, 2)}\n`,
);
if (json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log('desk first load (entry + static imports), JavaScript:');
  for (const f of initialFiles)
    console.log(`  ${f.file.padEnd(40)} ${kb(f.bytes).padStart(9)}  gzip ${kb(f.gzip)}`);
  console.log(
    `  total gzip ${kb(total)} of ${kb(BUDGET)} budget: ${result.withinBudget ? 'within' : 'OVER'}`,
  );
  console.log('loaded later (lazy):');
  for (const f of result.lazy)
    console.log(`  ${f.file.padEnd(40)} ${kb(f.bytes).padStart(9)}  gzip ${kb(f.gzip)}`);
}
process.exit(result.withinBudget ? 0 : 1);
