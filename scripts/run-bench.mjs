#!/usr/bin/env node
// Runs every benchmark under bench/ one after another (each prints its figures and writes JSON
// to bench/results/). Pass name fragments to run only some: `npm run bench -- cluster`; options
// after the names go to each benchmark run: `npm run bench -- scale --sizes 10000,100000`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const filter = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
const benches = readdirSync(`${root}bench`)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filter.length === 0 || filter.some((f) => name.includes(f)))
  .sort();
let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench/${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}`, ...options], {
    stdio: 'inherit',
    cwd: root,
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
