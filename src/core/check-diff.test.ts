import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffCheckSnapshots } from './check-diff.js';

test('only changed fields are listed; texts get word parts, the explanation line parts too', () => {
  const diff = diffCheckSnapshots(
    {
      title: 'Nước máy nhiễm độc',
      rating: null,
      summary: 'A',
      explanation: 'một\nhai\n',
      status: 'draft',
    },
    {
      title: 'Nước máy không nhiễm độc',
      rating: 'false',
      summary: 'A',
      explanation: 'một\nba\n',
      status: 'draft',
    },
  );
  assert.deepEqual(
    diff.map((d) => d.field),
    ['title', 'rating', 'explanation'],
  );
  assert.deepEqual(diff[0]!.words, [
    { op: 'equal', text: 'Nước máy ' },
    { op: 'insert', text: 'không ' },
    { op: 'equal', text: 'nhiễm độc' },
  ]);
  assert.equal(diff[1]!.words, undefined);
  assert.deepEqual(diff[2]!.lines, [
    { op: 'equal', text: 'một\n' },
    { op: 'delete', text: 'hai\n' },
    { op: 'insert', text: 'ba\n' },
  ]);
  assert.deepEqual(diffCheckSnapshots({ title: 'x' }, { title: 'x' }), []);
});
