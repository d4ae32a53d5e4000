#!/usr/bin/env node
// Runs the CLI from TypeScript sources in a checkout (no build step needed), or from dist/ when
// the sources are not shipped.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
