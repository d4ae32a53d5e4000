import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown, sanitizeExplanationHtml } from './markdown.js';

test('Markdown renders to a small allow-list of tags; links get rel and only web schemes', () => {
  assert.equal(
    renderMarkdown('## Kết luận\n\n**Sai**: xem [công văn](https://so.example.vn/cv)'),
    '<h2>Kết luận</h2>\n<p><strong>Sai</strong>: xem <a href="https://so.example.vn/cv" rel="nofollow noopener noreferrer">công văn</a></p>\n',
  );
  assert.doesNotMatch(renderMarkdown('[x](javascript:alert(1))'), /<a/);
  assert.doesNotMatch(renderMarkdown('[x](data:text/html,<script>)'), /<a/);
});

test('raw HTML in Markdown stays text', () => {
  const html = renderMarkdown(
    '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <b>đậm</b>',
  );
  assert.doesNotMatch(html, /<script|<img|<b>/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /&lt;b&gt;đậm&lt;\/b&gt;/);
});

test('no style, class or id survives: a stored explanation cannot lay itself over the page', () => {
  const overlay =
    '<div style="position:fixed;inset:0;z-index:99999;background:#fff">' +
    '<p style="position:fixed;top:0" class="modal" id="login">Đăng nhập lại</p>' +
    '<a href="https://x.example/" style="display:block;width:100vw;height:100vh" target="_blank" onclick="alert(1)">x</a>' +
    '<table><tr><td style="text-align:right" align="right">1</td></tr></table></div>';
  const html = sanitizeExplanationHtml(overlay);
  assert.doesNotMatch(html, /style=|class=|id=|target=|onclick|align=|<div/i);
  assert.match(html, /<p>Đăng nhập lại<\/p>/);
  assert.match(html, /<a href="https:\/\/x\.example\/" rel="nofollow noopener noreferrer">x<\/a>/);
  assert.match(html, /<td>1<\/td>/);
});

test('aligned Markdown tables render without inline styles', () => {
  const html = renderMarkdown('| a | b |\n|--:|:-:|\n| 1 | 2 |');
  assert.match(html, /<th>a<\/th>/);
  assert.match(html, /<td>2<\/td>/);
  assert.doesNotMatch(html, /style=/);
});
