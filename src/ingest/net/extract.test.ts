import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractArticle, fetchArticle } from './extract.js';
import { createGuardedFetcher } from './guarded-fetch.js';
import { encodeCp1258, startLocalServer } from '../../../test/local-server.js';
import type { LocalServer } from '../../../test/local-server.js';
import { createRobotsPolicy } from './robots.js';

const MAIN_URL =
  'https://tintuc.example.vn/xa-hoi/bo-y-te-bac-tin-nuoc-chanh-chua-ung-thu-4791.html';

const PARAGRAPHS = [
  'Thông tin "uống nước chanh nóng mỗi sáng chữa khỏi ung thư" lan truyền trên mạng xã hội những ngày qua là hoàn toàn sai sự thật, Bộ Y tế khẳng định trong thông cáo chiều 2/6.',
  'Theo Cục Quản lý Khám, chữa bệnh, đến nay chưa có bất kỳ nghiên cứu khoa học nào chứng minh nước chanh có thể tiêu diệt tế bào ung thư. Người bệnh tự ý bỏ điều trị để dùng các phương pháp truyền miệng có thể khiến bệnh tiến triển nặng hơn.',
  'Bộ Y tế đề nghị người dân chỉ tiếp nhận thông tin y tế từ các nguồn chính thống, không chia sẻ các bài viết chưa được kiểm chứng và báo ngay cho cơ quan chức năng khi phát hiện tin giả.',
  'Trước đó, nhiều tài khoản đã chia sẻ một đoạn video cắt ghép, gắn logo của một bệnh viện lớn tại Hà Nội, với nội dung khuyên người bệnh ung thư ngừng hóa trị. Bệnh viện này đã lên tiếng phủ nhận và đề nghị cơ quan công an vào cuộc.',
];

const JSON_LD = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'NewsArticle',
  headline: 'Bộ Y tế bác tin nước chanh chữa ung thư',
  datePublished: '2025-06-02T15:20:00+07:00',
  author: { '@type': 'Person', name: 'Nguyễn Văn Phóng Viên' },
});

const DESKTOP = `<!DOCTYPE html>
<html lang="vi-VN">
<head>
  <meta charset="utf-8">
  <title>Bộ Y tế bác tin nước chanh chữa ung thư - Tin Tức Example</title>
  <meta property="og:title" content="Bộ Y tế bác tin nước chanh chữa ung thư">
  <meta property="og:site_name" content="Tin Tức Example">
  <meta property="og:url" content="${MAIN_URL}">
  <meta name="description" content="Bộ Y tế khẳng định thông tin nước chanh nóng chữa khỏi ung thư là sai sự thật.">
  <meta property="article:published_time" content="2025-06-02T15:20:00+07:00">
  <meta name="author" content="Nguyễn Văn Phóng Viên">
  <link rel="canonical" href="${MAIN_URL}?utm_source=facebook&utm_medium=social#binh-luan">
  <link rel="amphtml" href="https://amp.tintuc.example.vn/xa-hoi/bo-y-te-bac-tin-nuoc-chanh-chua-ung-thu-4791.amp">
  <script type="application/ld+json">${JSON_LD}</script>
  <script>window.dataLayer = [{ page: 'article' }];</script>
  <style>.menu { color: red }</style>
</head>
<body>
  <header class="site-header"><nav class="main-menu"><ul>
    <li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
    <li><a href="/kinh-doanh">Kinh doanh</a></li><li><a href="/the-gioi">Thế giới</a></li>
  </ul></nav></header>
  <main>
    <article class="fck_detail">
      <h1 class="title-detail">Bộ Y tế bác tin nước chanh chữa ung thư</h1>
      <div class="header-content"><span class="date">Thứ hai, 2/6/2025, 15:20 (GMT+7)</span></div>
      <p class="description">Bộ Y tế khẳng định thông tin nước chanh nóng chữa khỏi ung thư là sai sự thật.</p>
      ${PARAGRAPHS.map((p) => `<p class="Normal">${p}</p>`).join('\n      ')}
      <p class="author_mail"><strong>Nguyễn Văn Phóng Viên</strong></p>
      <div class="social-share"><a href="#">Chia sẻ Facebook</a> <a href="#">Zalo</a></div>
    </article>
    <aside class="sidebar"><h3>Tin liên quan</h3><ul>
      <li><a href="/a">Giá vàng hôm nay tăng mạnh</a></li><li><a href="/b">Thời tiết Hà Nội cuối tuần</a></li>
    </ul></aside>
    <section class="comments"><h3>Ý kiến bạn đọc (12)</h3><div class="comment">Hay quá, cảm ơn!</div></section>
  </main>
  <footer class="footer"><p>© 2025 Tin Tức Example. Giấy phép số 123/GP-BTTTT.</p></footer>
  <script>document.write('<div>quảng cáo</div>')</script>
</body>
</html>`;

const AMP = `<!doctype html>
<html ⚡ lang="vi">
<head>
  <meta charset="utf-8">
  <script async src="https://cdn.ampproject.org/v0.js"></script>
  <title>Bộ Y tế bác tin nước chanh chữa ung thư</title>
  <link rel="canonical" href="https://tintuc.example.vn/xa-hoi/bo-y-te-bac-tin-nuoc-chanh-chua-ung-thu-4791.html">
  <meta name="viewport" content="width=device-width,minimum-scale=1">
  <style amp-custom>body { font-family: sans-serif }</style>
  <script type="application/ld+json">${JSON_LD}</script>
</head>
<body>
  <amp-sidebar id="menu" layout="nodisplay"><ul><li>Trang chủ</li><li>Thời sự</li></ul></amp-sidebar>
  <article>
    <h1>Bộ Y tế bác tin nước chanh chữa ung thư</h1>
    <amp-img src="/anh.jpg" width="600" height="400" alt="Ảnh minh họa"></amp-img>
    ${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n    ')}
    <amp-ad width="300" height="250" type="adsense"></amp-ad>
  </article>
</body>
</html>`;

const MOBILE = `<!doctype html>
<html>
<head>
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
  <meta property="og:locale" content="vi_VN">
  <meta property="og:url" content="https://m.tintuc.example.vn/xa-hoi/4791">
  <link rel="canonical" href="//tintuc.example.vn/xa-hoi/bo-y-te-bac-tin-nuoc-chanh-chua-ung-thu-4791.html">
  <title>Bộ Y tế bác tin nước chanh chữa ung thư | Tin Tức Example</title>
</head>
<body>
  <div id="m-header">Menu</div>
  <div class="m-article">
    <h1>Bộ Y tế bác tin nước chanh chữa ung thư</h1>
    <time datetime="2025-06-02T15:20:00">15:20 02/06/2025</time>
    <div class="m-content">
      ${PARAGRAPHS.join('<br><br>\n      ')}
    </div>
  </div>
</body>
</html>`;

describe('extractArticle', () => {
  test('a desktop article: text, title, metadata, no chrome and no author', () => {
    const a = extractArticle(DESKTOP, `${MAIN_URL}?utm_source=zalo`);
    assert.equal(a.title, 'Bộ Y tế bác tin nước chanh chữa ung thư');
    const paragraphs = a.text.split('\n\n');
    for (const p of PARAGRAPHS)
      assert.ok(paragraphs.includes(p), `missing paragraph: ${p.slice(0, 40)}`);
    for (const chrome of [
      'Trang chủ',
      'Tin liên quan',
      'Giá vàng',
      'Giấy phép',
      'quảng cáo',
      'dataLayer',
      'color: red',
    ]) {
      assert.ok(!a.text.includes(chrome), `chrome in text: ${chrome}`);
    }
    assert.doesNotMatch(a.text, /<\/?[a-z]/i, 'no markup');
    assert.ok(!a.text.includes('Phóng Viên'), 'author names are not extracted');
    assert.ok(!JSON.stringify(a).includes('Phóng Viên'), 'nor returned anywhere');
    assert.equal(a.lang, 'vi');
    assert.equal(a.siteName, 'Tin Tức Example');
    assert.equal(a.canonicalUrl, MAIN_URL, 'tracking parameters and fragment are dropped');
    assert.equal(
      a.ampUrl,
      'https://amp.tintuc.example.vn/xa-hoi/bo-y-te-bac-tin-nuoc-chanh-chua-ung-thu-4791.amp',
    );
    assert.equal(a.publishedAt?.toISOString(), '2025-06-02T08:20:00.000Z');
    assert.equal(
      a.excerpt,
      'Bộ Y tế khẳng định thông tin nước chanh nóng chữa khỏi ung thư là sai sự thật.',
    );
    assert.equal(a.text, a.text.normalize('NFC'));
  });

  test('an AMP page resolves to the main article through rel=canonical', () => {
    const a = extractArticle(
      AMP,
      'https://amp.tintuc.example.vn/xa-hoi/bo-y-te-bac-tin-nuoc-chanh-chua-ung-thu-4791.amp',
    );
    assert.equal(a.canonicalUrl, MAIN_URL);
    assert.equal(a.title, 'Bộ Y tế bác tin nước chanh chữa ung thư');
    assert.equal(a.publishedAt?.toISOString(), '2025-06-02T08:20:00.000Z', 'from JSON-LD');
    assert.ok(a.text.includes(PARAGRAPHS[3] ?? '?'));
    assert.ok(!a.text.includes('Thời sự'));
    assert.equal(a.lang, 'vi');
  });

  test('a mobile page: protocol-relative canonical, <br> paragraphs, zone-less <time>', () => {
    const a = extractArticle(MOBILE, 'https://m.tintuc.example.vn/xa-hoi/4791');
    assert.equal(a.canonicalUrl, MAIN_URL);
    assert.deepEqual(a.text.split('\n\n').slice(-PARAGRAPHS.length), PARAGRAPHS);
    // No offset written: Vietnam time (+07:00) by default, configurable.
    assert.equal(a.publishedAt?.toISOString(), '2025-06-02T08:20:00.000Z');
    const utc = extractArticle(MOBILE, 'https://m.tintuc.example.vn/xa-hoi/4791', {
      defaultUtcOffset: 'Z',
    });
    assert.equal(utc.publishedAt?.toISOString(), '2025-06-02T15:20:00.000Z');
    assert.equal(a.lang, 'vi', 'from og:locale');
  });

  test('falls back to og:url, and refuses a canonical on another site', () => {
    const ogOnly = DESKTOP.replace(/<link rel="canonical"[^>]*>/, '');
    assert.equal(extractArticle(ogOnly, MAIN_URL).canonicalUrl, MAIN_URL);
    const impostor = DESKTOP.replace(
      /<link rel="canonical"[^>]*>/,
      '<link rel="canonical" href="https://chinhphu.vn/bo-y-te-thong-cao">',
    ).replace(/<meta property="og:url"[^>]*>/, '');
    const a = extractArticle(impostor, 'https://tin-gia.example.com/bai-1');
    assert.equal(a.canonicalUrl, undefined);
  });

  test('title falls back to og:title, then <title>', () => {
    const bare = (head: string): string =>
      `<html><head>${head}</head><body><p>${PARAGRAPHS.join('</p><p>')}</p></body></html>`;
    assert.equal(
      extractArticle(bare('<meta property="og:title" content="Tiêu đề OG">'), MAIN_URL).title,
      'Tiêu đề OG',
    );
    assert.equal(
      extractArticle(bare('<title>Tiêu đề trang</title>'), MAIN_URL).title,
      'Tiêu đề trang',
    );
  });

  test('hostile markup runs nothing and leaks no markup', () => {
    const hostile = `<!doctype html><html><head>
      <title>Bài <script>x</script> độc hại</title>
      <link rel="canonical" href="javascript:globalThis.__pwned=1">
      <link rel="amphtml" href="data:text/html,<script>alert(1)</script>">
      <meta property="article:published_time" content="not a date">
      <script>globalThis.__pwned = 1</script>
      </head>
      <body onload="globalThis.__pwned = 2">
      <img src="x" onerror="globalThis.__pwned = 3">
      <svg onload="globalThis.__pwned = 4"><script>globalThis.__pwned = 5</script></svg>
      <iframe srcdoc="<script>parent.__pwned = 6</script>"></iframe>
      <a href="javascript:globalThis.__pwned = 7">bấm vào đây</a>
      <p>${PARAGRAPHS[0]}</p>
      <p>${'<b>'.repeat(3000)}lồng sâu${'</b>'.repeat(10)}</p>
      <div title="${'x'.repeat(1_000_000)}">thuộc tính rất dài</div>
      <table><tr><td>không đóng thẻ
      <p>${PARAGRAPHS[1]}`;
    const started = Date.now();
    const a = extractArticle(hostile, 'https://tin-gia.example.com/bai-2');
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 5000, `took ${elapsed} ms`);
    assert.equal((globalThis as { __pwned?: unknown }).__pwned, undefined);
    assert.equal(a.canonicalUrl, undefined);
    assert.equal(a.ampUrl, undefined);
    assert.equal(a.publishedAt, undefined);
    assert.ok(a.text.includes(PARAGRAPHS[0] ?? '?'), a.text.slice(0, 200));
    assert.doesNotMatch(a.text, /__pwned|<script|onerror|<\/?[a-z]/);
  });

  test('100k nested elements are read in linear time', () => {
    const depth = 100_000;
    const deep = `<html><head><title>Lồng sâu</title></head><body><p>${PARAGRAPHS[0]}</p>${'<div>'.repeat(depth)}đáy &amp; cuối${'</div>'.repeat(depth / 2)}<script>var s = "<div>";</script></body></html>`;
    const started = Date.now();
    const a = extractArticle(deep, 'https://tin-gia.example.com/bai-3');
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 3000, `took ${elapsed} ms`);
    assert.equal(a.title, 'Lồng sâu');
    assert.deepEqual(a.text.split('\n\n'), [PARAGRAPHS[0], 'đáy & cuối']);
  });

  test('pathological inputs stay fast', () => {
    const inputs: [string, string][] = [
      ['unterminated tags', `<html><body><p>${PARAGRAPHS[0]}</p>${'<a'.repeat(200_000)}`],
      [
        'unterminated attributes',
        `<html><body><p>${PARAGRAPHS[0]}</p>${'<a href="'.repeat(100_000)}`,
      ],
      ['unterminated comments', `<html><body><p>${PARAGRAPHS[0]}</p>${'<!--'.repeat(100_000)}`],
      ['a million entities', `<html><body><p>${PARAGRAPHS[0]}</p><p>${'&amp;'.repeat(1_000_000)}`],
      [
        '100k unclosed paragraphs',
        `<html><body><p>${PARAGRAPHS[0]}${'<p>một hai'.repeat(100_000)}`,
      ],
      [
        'misnested formatting',
        `<html><body><p>${PARAGRAPHS[0]}</p>${'<b><i>x</b></i>'.repeat(20_000)}`,
      ],
    ];
    for (const [name, html] of inputs) {
      const started = Date.now();
      const a = extractArticle(html, 'https://tin-gia.example.com/bai-4');
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 3000, `${name} took ${elapsed} ms`);
      assert.ok(a.text.includes(PARAGRAPHS[0] ?? '?'), name);
    }
  });

  test('a page too big for Readability falls back to its block text', () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `<span>mục ${i}</span>`).join('');
    const big = `<html><body><nav>${'<a href="/">Trang chủ</a>'.repeat(50)}</nav><div>${rows}</div><p>${PARAGRAPHS[2]}</p></body></html>`;
    const started = Date.now();
    const a = extractArticle(big, 'https://tintuc.example.vn/lon');
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 5000, `took ${elapsed} ms`);
    assert.ok(a.text.endsWith(PARAGRAPHS[2] ?? '?'));
    assert.ok(!a.text.includes('Trang chủ'), 'navigation is dropped');
  });
});

describe('fetchArticle', () => {
  let server: LocalServer;
  const page = DESKTOP.replace('<meta charset="utf-8">', '');
  before(async () => {
    server = await startLocalServer((req, res) => {
      switch (req.url ?? '/') {
        case '/robots.txt':
          res
            .writeHead(200, { 'content-type': 'text/plain' })
            .end('User-agent: *\nDisallow: /private/\n');
          return;
        case '/old':
          res.writeHead(301, { location: '/bai-viet?utm_campaign=x' }).end();
          return;
        case '/bai-viet?utm_campaign=x':
          res.writeHead(200, { 'content-type': 'text/html; charset=windows-1258' });
          res.end(
            encodeCp1258(
              page.replace(/<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>/g, ''),
            ),
          );
          return;
        case '/empty':
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body></body></html>');
          return;
        case '/photo.jpg':
          res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.alloc(10));
          return;
        default:
          res.writeHead(404, { 'content-type': 'text/html' }).end('<p>Không tìm thấy</p>');
      }
    });
  });
  after(async () => {
    await server.close();
  });

  const fetcher = () => createGuardedFetcher({ allowList: ['localhost'] });

  test('fetches, decodes and extracts, following redirects', async () => {
    const url = `http://localhost:${server.port}/old`;
    const result = await fetchArticle(fetcher(), url);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.url, url);
    assert.equal(result.finalUrl, `http://localhost:${server.port}/bai-viet?utm_campaign=x`);
    assert.equal(result.canonicalUrl, `http://localhost:${server.port}/bai-viet`);
    assert.equal(result.encoding, 'windows-1258');
    assert.equal(result.title, 'Bộ Y tế bác tin nước chanh chữa ung thư');
    assert.ok(result.text.includes(PARAGRAPHS[2] ?? '?'));
    assert.equal(result.lang, 'vi');
    assert.ok(result.bytes > 1000);
    assert.equal(result.publishedAt?.toISOString(), '2025-06-02T08:20:00.000Z');
  });

  test('refusals come back as ok: false with the reason', async () => {
    const base = `http://localhost:${server.port}`;
    const missing = await fetchArticle(fetcher(), `${base}/nope`);
    assert.deepEqual(missing.ok ? null : [missing.reason, missing.status], ['http-status', 404]);
    const photo = await fetchArticle(fetcher(), `${base}/photo.jpg`);
    assert.equal(photo.ok ? null : photo.reason, 'content-type');
    const empty = await fetchArticle(fetcher(), `${base}/empty`);
    assert.equal(empty.ok ? null : empty.reason, 'no-content');
    const blocked = await fetchArticle(
      createGuardedFetcher(),
      `http://127.0.0.1:${server.port}/old`,
    );
    assert.equal(blocked.ok ? null : blocked.reason, 'address');
  });

  test('robots.txt is honoured when a policy is given', async () => {
    const f = fetcher();
    const robots = createRobotsPolicy(f, { userAgent: 'KiemChung/0.1' });
    const before = server.hits.length;
    const result = await fetchArticle(f, `http://localhost:${server.port}/private/bai`, { robots });
    assert.equal(result.ok ? null : result.reason, 'robots');
    assert.deepEqual(
      server.hits.slice(before),
      ['/robots.txt'],
      'the page itself was not requested',
    );
  });
});
