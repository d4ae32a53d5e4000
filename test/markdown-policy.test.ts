/** The desk's preview sanitiser and the server's must allow the same tags, attributes and schemes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MARKDOWN_ATTRIBUTES, MARKDOWN_SCHEMES, MARKDOWN_TAGS } from '../src/core/markdown.js';
import { PREVIEW_ATTRIBUTES, PREVIEW_SCHEMES, PREVIEW_TAGS } from '../src/desk/markdown-policy.js';

test('the desk preview allows exactly what the server sanitiser allows', () => {
  assert.deepEqual([...PREVIEW_TAGS].sort(), [...MARKDOWN_TAGS].sort());
  assert.deepEqual(PREVIEW_ATTRIBUTES, MARKDOWN_ATTRIBUTES);
  assert.deepEqual([...PREVIEW_SCHEMES].sort(), [...MARKDOWN_SCHEMES].sort());
});

test('no attribute that can restyle, move or script the page is allowed', () => {
  const names = Object.values(PREVIEW_ATTRIBUTES).flat();
  for (const forbidden of ['style', 'class', 'id', 'target', 'srcdoc', 'src', 'form', 'name']) {
    assert.ok(!names.includes(forbidden), `${forbidden} is allowed`);
  }
  assert.ok(!names.some((name) => name.startsWith('on')));
  assert.ok(!PREVIEW_TAGS.some((tag) => ['style', 'div', 'img', 'svg', 'iframe'].includes(tag)));
});
