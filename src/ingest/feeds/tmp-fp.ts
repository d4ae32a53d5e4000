import { readFileSync } from 'node:fs';
import { parseFeed } from './feed-parse.js';
import { sameTitle } from './feed-eval.js';
const exp = JSON.parse(readFileSync('/tmp/fp-expect.json', 'utf8')) as {
  path: string;
  where: string;
  field: string;
  value: string;
}[];
let agree = 0,
  n = 0;
for (const e of exp) {
  const r = parseFeed(readFileSync(e.path), {
    url: 'http://feedparser.invalid/' + e.path.split('/tests/')[1],
  });
  n++;
  let ours: string | undefined;
  if (r.ok)
    ours =
      e.where === 'feed'
        ? e.field === 'title'
          ? r.title
          : r.link
        : e.field === 'title'
          ? r.entries[0]?.title
          : r.entries[0]?.link;
  const ok = e.field === 'title' ? sameTitle(e.value, ours ?? '') : ours === e.value;
  if (ok) agree++;
  else
    console.log(
      e.path.split('/tests/')[1],
      e.where,
      e.field,
      JSON.stringify(e.value),
      '→',
      JSON.stringify(ours),
      r.ok ? '' : r.reason,
    );
}
console.log(agree, n);
