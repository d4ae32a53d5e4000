import { parseFeed } from './feed-parse.js';
import { readFileSync } from 'node:fs';
const buf = readFileSync(process.argv[2]!);
let best = Infinity;
for (let i = 0; i < Number(process.argv[3] ?? 20); i++) {
  const c = process.cpuUsage();
  parseFeed(buf);
  const u = process.cpuUsage(c);
  best = Math.min(best, (u.user + u.system) / 1000);
}
console.log('bestcpu', best.toFixed(1));
