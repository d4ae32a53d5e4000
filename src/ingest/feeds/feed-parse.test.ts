import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { parseFeed, type FeedParseResult, type FeedParsed } from './feed-parse.js';

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function parsed(result: FeedParseResult): FeedParsed {
  if (!result.ok) assert.fail(`expected a feed, got ${result.reason}: ${result.message}`);
  return result;
}

function rejected(result: FeedParseResult, reason: string): string {
  assert.equal(result.ok, false, 'expected a rejection');
  if (result.ok) return '';
  assert.equal(result.reason, reason, result.message);
  return result.message;
}

const FEED_URL = 'https://feeds.example.vn/dir/feed.xml';

void describe('RSS', () => {
  void test('RSS 2.0: fields, HTML stripped, relative links against the channel link', () => {
    const feed = parsed(parseFeed(fixture('rss2.xml'), { url: FEED_URL }));
    assert.equal(feed.format, 'rss');
    assert.equal(feed.version, '2.0');
    assert.equal(feed.title, 'Tin tức & Sự kiện');
    assert.equal(feed.link, 'https://tin.example.vn/');
    assert.equal(feed.language, 'vi');
    assert.equal(feed.entries.length, 4);
    const [first, second, third, fourth] = feed.entries;
    assert.deepEqual(first, {
      guid: 'tin-1001',
      // CDATA with HTML in a title: tags removed.
      title: 'Thủ tướng chỉ đạo ứng phó bão số 3',
      link: 'https://tin.example.vn/thoi-su/bao-so-3.html',
      publishedAt: new Date('2025-07-01T01:30:00Z'),
      updatedAt: new Date('2025-07-01T01:30:00Z'),
      // Script content dropped, &nbsp; decoded and collapsed.
      summary: 'Các bộ, ngành khẩn trương triển khai giải pháp.',
      content: 'Đoạn một.\n\nĐoạn hai & hết.',
    });
    // Double-escaped entity in a title; escaped markup in a description; no date at all.
    assert.equal(second?.title, 'AT&T không có ngày');
    assert.equal(second?.summary, 'Tóm tắt ngắn');
    assert.equal(second?.publishedAt, undefined);
    assert.equal(second?.updatedAt, undefined);
    // A permalink guid stands in for a missing link; an invalid date is undefined.
    assert.equal(third?.link, 'https://tin.example.vn/guid-link.html');
    assert.equal(third?.publishedAt, undefined);
    // javascript: links are dropped; a date without seconds, 2-digit year, named zone.
    assert.equal(fourth?.link, undefined);
    assert.equal(fourth?.publishedAt?.toISOString(), '2025-07-02T03:00:00.000Z');
  });

  void test('authors are never extracted', () => {
    const text = JSON.stringify(parseFeed(fixture('rss2.xml')));
    assert.ok(!text.includes('Nguyễn Văn A'), text);
    assert.ok(!text.includes('phongvien@'), text);
    const atom = JSON.stringify(parseFeed(fixture('atom10.xml')));
    assert.ok(!atom.includes('Trần Thị B') && !atom.includes('b@example.vn'), atom);
    const json = JSON.stringify(parseFeed(fixture('jsonfeed11.json')));
    assert.ok(!json.includes('Lê Văn C'), json);
  });

  void test('RSS 0.91 with a public DTD (never fetched) and HTML entities', () => {
    const feed = parsed(parseFeed(fixture('rss091.xml')));
    assert.equal(feed.version, '0.91');
    assert.equal(feed.title, 'Café News');
    assert.equal(feed.entries[0]?.title, 'Café opens – again');
    assert.equal(feed.entries[0]?.summary, 'Naïve & fine');
    assert.equal(feed.language, 'en-us');
  });

  void test('RSS 0.92: an item without title or link', () => {
    const feed = parsed(parseFeed(fixture('rss092.xml')));
    assert.equal(feed.version, '0.92');
    assert.deepEqual(feed.entries, [
      { title: '', summary: 'An item with only a description bold' },
    ]);
  });

  void test('RSS 1.0 (RDF) with Dublin Core date and rdf:about as guid', () => {
    const feed = parsed(parseFeed(fixture('rdf10.xml')));
    assert.equal(feed.format, 'rdf');
    assert.equal(feed.version, '1.0');
    assert.equal(feed.language, 'vi');
    assert.deepEqual(feed.entries[0], {
      guid: 'http://example.org/a',
      title: 'Mục RSS 1.0',
      link: 'http://example.org/a',
      publishedAt: new Date('2025-07-01T01:30:00Z'),
      updatedAt: new Date('2025-07-01T01:30:00Z'),
      summary: 'Mô tả',
    });
  });

  void test('RSS 0.90', () => {
    const feed = parsed(parseFeed(fixture('rss090.xml')));
    assert.equal(feed.format, 'rdf');
    assert.equal(feed.version, '0.90');
    assert.equal(feed.entries[0]?.link, 'http://www.mozilla.org/status/');
  });

  void test('relative links fall back to the document URL when there is no channel link', () => {
    const xml =
      '<rss version="2.0"><channel><item><title>x</title><link>../a?b=1</link></item></channel></rss>';
    assert.equal(
      parsed(parseFeed(xml, { url: FEED_URL })).entries[0]?.link,
      'https://feeds.example.vn/a?b=1',
    );
    // Without any base a relative link cannot be made absolute, so there is none.
    assert.equal(parsed(parseFeed(xml)).entries[0]?.link, undefined);
  });

  void test('undeclared prefixes, upper-case names and an Atom-style link inside RSS', () => {
    const xml = `<rss><channel><Title>Hoa</Title><item><TITLE>Một</TITLE><dc:date>2025-07-01</dc:date>
      <link rel="alternate" href="https://x.example/1"/></item></channel></rss>`;
    const feed = parsed(parseFeed(xml));
    assert.equal(feed.title, 'Hoa');
    assert.equal(feed.entries[0]?.title, 'Một');
    assert.equal(feed.entries[0]?.link, 'https://x.example/1');
    assert.equal(feed.entries[0]?.publishedAt?.toISOString(), '2025-07-01T00:00:00.000Z');
  });
});

void describe('Atom', () => {
  void test('Atom 1.0: xml:base, text constructs, dates, language', () => {
    const feed = parsed(parseFeed(fixture('atom10.xml'), { url: FEED_URL }));
    assert.equal(feed.format, 'atom');
    assert.equal(feed.version, '1.0');
    assert.equal(feed.title, 'Nhật ký kiểm chứng');
    assert.equal(feed.link, 'https://blog.example.vn/');
    assert.equal(feed.language, 'vi');
    const [a, b] = feed.entries;
    assert.deepEqual(a, {
      guid: 'tag:blog.example.vn,2025:1',
      // type="text": markup-looking text is text.
      title: 'Tin <sai> về lũ',
      // Nested xml:base: feed https://blog.example.vn/ + entry bai-viet/ + link.
      link: 'https://blog.example.vn/bai-viet/tin-sai-ve-lu',
      publishedAt: new Date('2025-07-01T01:00:00Z'),
      updatedAt: new Date('2025-07-01T02:15:30.250Z'),
      summary: 'Tóm tắt đậm',
      content: 'Đoạn một.\n\nĐoạn hai.',
    });
    // Only <updated>: it is the publication time too; content stands in for a summary.
    assert.equal(b?.publishedAt?.toISOString(), '2025-07-02T00:00:00.000Z');
    assert.equal(b?.summary, 'Body only');
    assert.equal(b?.language, 'en');
  });

  void test('Atom 0.3: issued/modified, escaped and base64 modes', () => {
    const feed = parsed(parseFeed(fixture('atom03.xml')));
    assert.equal(feed.version, '0.3');
    assert.equal(feed.title, 'Atom 0.3');
    assert.deepEqual(feed.entries[0], {
      guid: 'tag:example.org,2004:1',
      title: 'Entry 0.3',
      link: 'http://example.org/2004/01/entry',
      publishedAt: new Date('2004-01-01T17:00:00Z'),
      updatedAt: new Date('2004-01-02T12:00:00Z'),
      summary: 'Summary in base64',
    });
  });
});

void describe('JSON Feed', () => {
  void test('JSON Feed 1.1: language, HTML content, relative URL against home_page_url', () => {
    const feed = parsed(parseFeed(fixture('jsonfeed11.json'), { url: FEED_URL }));
    assert.equal(feed.format, 'json');
    assert.equal(feed.version, '1.1');
    assert.equal(feed.title, 'Kiểm Chứng JSON');
    assert.equal(feed.language, 'vi');
    assert.deepEqual(feed.entries[0], {
      guid: '1',
      title: 'Bài & viết một',
      link: 'https://json.example.vn/bai/1',
      publishedAt: new Date('2025-07-01T01:30:00Z'),
      updatedAt: new Date('2025-07-01T02:00:00Z'),
      summary: 'Tóm tắt',
      content: 'Nội dung đầy đủ',
      language: 'en',
    });
    assert.deepEqual(feed.entries[1], {
      guid: '2',
      title: '',
      link: 'https://other.example.com/2',
      summary: 'Chỉ có văn bản, không tiêu đề',
      content: 'Chỉ có văn bản, không tiêu đề',
    });
  });

  void test('JSON Feed 1.0, detected by content even with an XML content type', () => {
    const feed = parsed(parseFeed(fixture('jsonfeed10.json'), { contentType: 'text/xml' }));
    assert.equal(feed.version, '1.0');
    assert.equal(feed.entries[0]?.publishedAt?.toISOString(), '2019-10-12T07:20:50.520Z');
  });

  void test('JSON that is not a JSON Feed, and broken JSON', () => {
    rejected(parseFeed('{"name":"package","items":[]}'), 'not-a-feed');
    rejected(parseFeed('[1,2,3]'), 'not-a-feed');
    rejected(
      parseFeed('{"version":"https://jsonfeed.org/version/1.1","items":['),
      'malformed-json',
    );
  });
});

void describe('sitemaps', () => {
  void test('urlset with lastmod; relative loc against the document URL', () => {
    const feed = parsed(parseFeed(fixture('sitemap.xml'), { url: FEED_URL }));
    assert.equal(feed.format, 'sitemap');
    assert.deepEqual(
      feed.entries.map((e) => [e.link, e.updatedAt?.toISOString()]),
      [
        ['https://www.example.vn/a.html', '2025-07-01T00:00:00.000Z'],
        ['https://www.example.vn/b.html?x=1&y=2', '2025-07-01T01:30:00.000Z'],
        ['https://feeds.example.vn/relative.html', undefined],
      ],
    );
  });

  void test('Google News sitemap: title, publication date, language', () => {
    const feed = parsed(parseFeed(fixture('sitemap-news.xml')));
    assert.deepEqual(feed.entries, [
      {
        title: 'Sự thật về "tin đồn" cúp điện',
        link: 'https://bao.example.vn/thoi-su/tin-nong-123.html',
        publishedAt: new Date('2025-07-01T01:30:00Z'),
        updatedAt: new Date('2025-07-01T01:30:00Z'),
        summary: '',
        language: 'vi',
      },
    ]);
  });

  void test('sitemap index: child sitemaps as entries', () => {
    const feed = parsed(parseFeed(fixture('sitemap-index.xml')));
    assert.equal(feed.format, 'sitemap-index');
    assert.deepEqual(
      feed.entries.map((e) => e.link),
      ['https://www.example.vn/sitemap-news.xml', 'https://www.example.vn/sitemap-2025-06.xml.gz'],
    );
    assert.equal(feed.entries[0]?.updatedAt?.toISOString(), '2025-07-01T08:00:00.000Z');
  });

  void test('gzip-compressed sitemap', () => {
    const feed = parsed(parseFeed(gzipSync(fixture('sitemap.xml'))));
    assert.equal(feed.entries.length, 3);
  });
});

void describe('encodings and Vietnamese text', () => {
  const title = 'Thủ tướng yêu cầu khẩn trương ứng phó bão lũ';

  void test('windows-1258 declared in the XML declaration, NFC output', () => {
    const bytes = fixture('rss-windows-1258.xml');
    // The fixture really is windows-1258: tone marks as combining characters, not UTF-8.
    assert.equal(bytes.includes(Buffer.from('Thủ', 'utf8')), false);
    const feed = parsed(parseFeed(bytes));
    assert.equal(feed.entries[0]?.title, title);
    assert.equal(feed.entries[0]?.title, feed.entries[0]?.title.normalize('NFC'));
    assert.equal(feed.entries[0]?.summary, 'Người dân được hỗ trợ kịp thời');
  });

  void test('windows-1258 from the Content-Type charset when the document does not say', () => {
    const bytes = fixture('rss-windows-1258-undeclared.xml');
    const feed = parsed(
      parseFeed(bytes, { contentType: 'application/rss+xml; charset=windows-1258' }),
    );
    assert.equal(feed.entries[0]?.title, 'Đà Nẵng mưa lớn');
    // Without any declaration non-UTF-8 bytes are read as windows-1252: wrong, but no crash.
    assert.notEqual(parsed(parseFeed(bytes)).entries[0]?.title, 'Đà Nẵng mưa lớn');
  });

  void test('UTF-8 with a BOM, UTF-16 with a BOM, NFD input normalised to NFC', () => {
    const xml = `<rss version="2.0"><channel><item><title>${title.normalize('NFD')}</title></item></channel></rss>`;
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')]);
    assert.equal(parsed(parseFeed(utf8)).entries[0]?.title, title);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    assert.equal(parsed(parseFeed(utf16)).entries[0]?.title, title);
  });

  void test('ISO-8859-1 declared: read as windows-1252, as browsers do', () => {
    const bytes = iconv.encode(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>“Café”</title></item></channel></rss>',
      'windows-1252',
    );
    assert.equal(parsed(parseFeed(bytes)).entries[0]?.title, '“Café”');
  });

  void test('unknown declared encoding on non-UTF-8 bytes', () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="x-klingon"?><rss><channel><title>'),
      Buffer.from([0xff, 0xfe, 0xfd]),
      Buffer.from('</title></channel></rss>'),
    ]);
    rejected(parseFeed(bytes), 'unknown-encoding');
    // The same label on valid UTF-8 is forgiven.
    const ok = Buffer.from(
      '<?xml version="1.0" encoding="x-klingon"?><rss><channel><title>Ổn</title></channel></rss>',
    );
    assert.equal(parsed(parseFeed(ok)).title, 'Ổn');
  });
});

void describe('rejections and limits', () => {
  void test('empty, not a feed, HTML page', () => {
    rejected(parseFeed(''), 'empty');
    rejected(parseFeed(Buffer.from('  \n\t ')), 'empty');
    rejected(parseFeed('hello world'), 'not-a-feed');
    rejected(
      parseFeed('<!doctype html><html><head><title>x</title></head><body></body></html>'),
      'not-a-feed',
    );
    rejected(parseFeed('<?xml version="1.0"?><!-- nothing -->'), 'malformed-xml');
  });

  void test('size limit, before and after gunzip', () => {
    const big = `<rss><channel>${'<item><title>x</title></item>'.repeat(2000)}</channel></rss>`;
    rejected(parseFeed(big, { maxBytes: 10_000 }), 'too-large');
    rejected(parseFeed(Buffer.from(big), { maxBytes: 10_000 }), 'too-large');
    // 58 kB of XML compresses far below the limit; the limit applies to what it unpacks to.
    rejected(parseFeed(gzipSync(big), { maxBytes: 10_000 }), 'too-large');
    assert.equal(parsed(parseFeed(big)).entries.length, 2000);
  });

  void test('entry cap', () => {
    const xml = `<rss><channel>${'<item><title>x</title></item>'.repeat(30)}</channel></rss>`;
    const feed = parsed(parseFeed(xml, { maxEntries: 10 }));
    assert.equal(feed.entries.length, 10);
    assert.equal(feed.truncated, true);
    assert.equal(parsed(parseFeed(xml)).truncated, false);
  });

  void test('ill-formed XML is read leniently', () => {
    const xml =
      '<rss><channel><title>T</title><item><title>Unclosed &amp; &nbsp;ok<item><title>Two</title></channel>';
    const feed = parsed(parseFeed(xml));
    assert.equal(feed.title, 'T');
    assert.ok(feed.entries.length >= 1);
  });

  void test('never throws, whatever the bytes (property)', () => {
    const reasons = new Set([
      'empty',
      'too-large',
      'unknown-encoding',
      'unsafe-xml',
      'malformed-xml',
      'malformed-json',
      'not-a-feed',
    ]);
    const seeds = ['rss2.xml', 'atom10.xml', 'jsonfeed11.json', 'sitemap-news.xml'].map((f) =>
      fixture(f).toString('utf8'),
    );
    const check = (input: string | Buffer): void => {
      const r = parseFeed(input);
      if (!r.ok) assert.ok(reasons.has(r.reason), r.reason);
      else for (const e of r.entries) assert.equal(typeof e.title, 'string');
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => check(Buffer.from(b))),
      {
        numRuns: 300,
      },
    );
    // Real documents cut short and with junk spliced in.
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 20 }),
        (doc, a, b, junk) => {
          const i = a % doc.length;
          const j = b % doc.length;
          check(doc.slice(0, Math.max(i, j)) + junk + doc.slice(Math.min(i, j)));
          check(doc.slice(0, i));
        },
      ),
      { numRuns: 300 },
    );
  });
});

void describe('pathological documents finish in linear time', () => {
  const within = (ms: number, input: string): FeedParseResult => {
    const start = performance.now();
    const result = parseFeed(input);
    const took = performance.now() - start;
    assert.ok(took < ms, `took ${took.toFixed(0)} ms`);
    return result;
  };

  void test('elements nested absurdly deep, then mismatched closes', () => {
    // The tokeniser's stack makes each push and mismatched close cost its depth.
    const message = rejected(
      within(3000, `<rss>${'<a>'.repeat(300_000)}${'</b>'.repeat(300_000)}`),
      'malformed-xml',
    );
    assert.match(message, /nested deeper/);
  });

  void test('HTML nested absurdly deep inside a description', () => {
    const html = `${'<div>'.repeat(200_000)}chữ${'<'.repeat(200_000)}`;
    const feed = parsed(
      within(
        3000,
        `<rss><channel><item><description><![CDATA[${html}]]></description></item></channel></rss>`,
      ),
    );
    assert.match(feed.entries[0]?.summary ?? '', /chữ/);
  });

  void test('a megabyte of spaces in a base64-candidate Atom title', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="application/x">${' '.repeat(1_000_000)}!</title></entry></feed>`;
    assert.equal(parsed(within(3000, xml)).entries[0]?.title, '!');
  });
});

void describe('XML security', () => {
  const quick = (fn: () => FeedParseResult): FeedParseResult => {
    const start = performance.now();
    const result = fn();
    const ms = performance.now() - start;
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
    return result;
  };

  void test('XXE with a SYSTEM file:// entity is refused, nothing expanded', () => {
    const result = quick(() => parseFeed(fixture('xxe-file.xml')));
    const message = rejected(result, 'unsafe-xml');
    assert.ok(!JSON.stringify(result).includes('root:'), message);
  });

  void test('XXE with a PUBLIC http:// entity and a parameter entity are refused', () => {
    rejected(
      quick(() => parseFeed(fixture('xxe-http.xml'))),
      'unsafe-xml',
    );
    rejected(
      quick(() => parseFeed(fixture('xxe-parameter.xml'))),
      'unsafe-xml',
    );
  });

  void test('an XXE pointing at a live local server makes no request', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.end('SECRET-FROM-SERVER');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const decl of [
        `<!ENTITY x SYSTEM "http://127.0.0.1:${port}/x">`,
        `<!ENTITY % p SYSTEM "http://127.0.0.1:${port}/p"> %p;`,
      ]) {
        const xml = `<?xml version="1.0"?><!DOCTYPE rss [ ${decl} ]><rss><channel><title>&x;</title></channel></rss>`;
        const result = parseFeed(xml);
        assert.ok(!JSON.stringify(result).includes('SECRET'));
        rejected(result, 'unsafe-xml');
      }
      // A DTD referenced by URL is not fetched either.
      const external = `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:${port}/rss.dtd"><rss><channel><title>ok</title></channel></rss>`;
      assert.equal(parsed(parseFeed(external)).title, 'ok');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(requests, 0);
    } finally {
      server.close();
    }
  });

  void test('billion laughs is refused quickly without expansion', () => {
    const result = quick(() => parseFeed(fixture('billion-laughs.xml')));
    rejected(result, 'unsafe-xml');
    assert.ok(!JSON.stringify(result).includes('lollol'));
  });

  void test('quadratic blowup is stopped by the expansion budget, in bounded memory', () => {
    const before = process.memoryUsage().heapUsed;
    const result = quick(() => parseFeed(fixture('quadratic-blowup.xml')));
    rejected(result, 'unsafe-xml');
    assert.ok(!JSON.stringify(result).includes('AAAA'));
    // Full expansion would be 160 million characters; the budget stops it near one million.
    assert.ok(process.memoryUsage().heapUsed - before < 100 * 1024 * 1024);
  });

  void test('plain internal entities are expanded; a DOCTYPE later in the document is inert', () => {
    const xml = `<!DOCTYPE rss [ <!ENTITY id "tag:example.com,"> ]>
      <rss><channel><item><guid isPermaLink="false">&id;2006</guid></item></channel></rss>`;
    assert.equal(parsed(parseFeed(xml)).entries[0]?.guid, 'tag:example.com,2006');
    const late = `<rss><channel><!DOCTYPE x [ <!ENTITY e SYSTEM "file:///etc/passwd"> ]><title>&e;</title></channel></rss>`;
    // The reference stays as written: nothing was resolved.
    assert.equal(parsed(parseFeed(late)).title, '&e;');
  });
});
