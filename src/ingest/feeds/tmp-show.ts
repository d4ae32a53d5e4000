import { readFileSync } from 'node:fs';
import { parseFeed } from './feed-parse.js';
for (const f of process.argv.slice(2)) {
  const t = performance.now();
  const r = parseFeed(readFileSync(f), {
    url: 'https://feeds.example.vn/dir/feed.xml',
    contentType: process.env.CT,
  });
  console.log('==', f, (performance.now() - t).toFixed(1), 'ms');
  console.log(JSON.stringify(r, null, 1).slice(0, 3000));
}
