import { readFileSync } from 'node:fs';
import { parseXmlTree } from './feed-xml.js';
const text = readFileSync(process.argv[2]!, 'utf8');
let bt = Infinity;
for (let i = 0; i < 40; i++) {
  const t = performance.now();
  parseXmlTree(text);
  bt = Math.min(bt, performance.now() - t);
}
console.log('tree best', bt.toFixed(1));
