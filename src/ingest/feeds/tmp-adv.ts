import { parseFeed } from './feed-parse.js';
const cases: Record<string, string> = {
  nestedOpenThenBadClose: '<rss>' + '<a>'.repeat(400_000) + '</b>'.repeat(300_000),
  nestedOpen: '<rss>' + '<a>'.repeat(1_000_000),
  spacesTitle: '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="application/x">' + ' '.repeat(2_000_000) + '!</title></entry></feed>',
  manyAttrs: '<rss ' + Array.from({ length: 100_000 }, (_, i) => `a${i}="&amp;"`).join(' ') + '>',
  manyEntities: '<rss><channel><title>' + '&amp;'.repeat(800_000) + '</title></channel></rss>',
  unclosedComment: '<rss><!--' + 'x'.repeat(3_000_000),
  manyItems: '<rss><channel>' + '<item><title>t</title></item>'.repeat(150_000) + '</channel></rss>',
  deepJson: '{"version":"1.1","items":' + '['.repeat(1_000_000) + ']'.repeat(1_000_000) + '}',
  cdataBracket: '<rss><channel><title><![CDATA[' + ']'.repeat(3_000_000),
  doctypeJunk: '<!DOCTYPE rss [' + '<!ENTITY a "x">'.repeat(200) + '"'.repeat(1_000_000),
};
for (const [name, doc] of Object.entries(cases)) {
  const t = performance.now();
  const r = parseFeed(doc);
  console.log(name, (doc.length / 1e6).toFixed(1), 'MB', (performance.now() - t).toFixed(0), 'ms', r.ok ? `ok ${r.entries.length}` : r.reason);
}
