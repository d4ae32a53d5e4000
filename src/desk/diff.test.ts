/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffWords, type DiffPart } from './diff.js';

function apply(parts: DiffPart[], side: 'before' | 'after'): string {
  return parts
    .filter((p) => p.type === 'same' || p.type === (side === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');
}

test('a changed word shows as removed and added, the rest unchanged', () => {
  const parts = diffWords('Nước máy ở Hà Nội nhiễm độc', 'Nước máy ở Hà Nội an toàn');
  assert.deepEqual(parts, [
    { type: 'same', text: 'Nước máy ở Hà Nội ' },
    { type: 'removed', text: 'nhiễm độc' },
    { type: 'added', text: 'an toàn' },
  ]);
});

test('both texts can be rebuilt from the diff', () => {
  const cases: Array<[string, string]> = [
    ['', ''],
    ['', 'mới hoàn toàn'],
    ['cũ hoàn toàn', ''],
    ['a b c d e f', 'a x c d y f z'],
    ['một\n\nhai ba', 'một\nhai  ba bốn'],
  ];
  for (const [before, after] of cases) {
    const parts = diffWords(before, after);
    assert.equal(apply(parts, 'before'), before);
    assert.equal(apply(parts, 'after'), after);
  }
});

test('identical texts are one unchanged part', () => {
  assert.deepEqual(diffWords('giống nhau', 'giống nhau'), [{ type: 'same', text: 'giống nhau' }]);
});
