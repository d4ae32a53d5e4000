import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from './markdown.js';

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
