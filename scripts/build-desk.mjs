#!/usr/bin/env node
// Builds the desk (src/desk → dist/desk) with Vite. With --if-stale it does nothing when the
// build is newer than every desk source, so `npm start` and the browser tests build only when
// needed. Concurrent callers (parallel test files) take turns through a lock file.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

const root = new URL('..', import.meta.url).pathname;
const sources = join(root, 'src', 'desk');
const index = join(root, 'dist', 'desk', 'index.html');
const ifStale = process.argv.includes('--if-stale');

/** Newest modification time under a folder (tests excluded: they are not shipped). */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.test.ts') ? 0 : stat.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

function isStale() {
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const inputs = [sources, join(root, 'vite.config.ts'), join(root, 'package-lock.json')];
  return inputs.some((input) => existsSync(input) && newest(input) > built);
}

if (!existsSync(sources)) {
  // An installed package without sources ships dist/desk as it is.
  process.exit(0);
}
if (ifStale && !isStale()) process.exit(0);

let vite;
try {
  vite = await import('vite');
} catch {
  const verb = existsSync(index) ? 'may be out of date' : 'is not built';
  console.warn(`The desk ${verb}: Vite is not installed (npm ci installs it), so /desk/ ${verb}.`);
  process.exit(0);
}

// The test runner sets NODE_ENV=test; the desk is always built as production code (React's
// development build is larger and slower, and would skew the size and speed figures).
process.env.NODE_ENV = 'production';
mkdirSync(join(root, 'dist'), { recursive: true });
const release = await lockfile.lock(join(root, 'dist'), {
  lockfilePath: join(root, 'dist', '.desk-build.lock'),
  retries: { retries: 120, minTimeout: 500, maxTimeout: 1000 },
  stale: 120_000,
});
try {
  // Another process may have built it while this one waited.
  if (!ifStale || isStale()) {
    const started = Date.now();
    await vite.build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
    console.log(`desk built into dist/desk in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await release();
}
