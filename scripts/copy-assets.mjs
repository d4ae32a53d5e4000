#!/usr/bin/env node
// Copies the data files the compiled code reads at run time (the gazetteer) next to it in dist/.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('-data.json')) cpSync(path, join(root, 'dist', relative(src, path)));
  }
}
walk(src);
