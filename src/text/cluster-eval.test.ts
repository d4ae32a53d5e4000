import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateClustering } from './cluster-eval.js';

const gold = new Map([
  ['a', 'G1'],
  ['b', 'G1'],
  ['c', 'G1'],
  ['d', 'G2'],
  ['e', 'G2'],
]);

const close = (actual: number, expected: number): void =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

void test('perfect clustering scores 1 everywhere', () => {
  const e = evaluateClustering(new Map(gold), gold);
  assert.deepEqual(e.pairwise, { precision: 1, recall: 1, f1: 1 });
  assert.deepEqual(e.bcubed, { precision: 1, recall: 1, f1: 1 });
  assert.deepEqual(e.clusters, { predicted: 2, gold: 2 });
  assert.equal(e.n, 5);
});

void test('hand-computed example: {a,b} {c,d,e} against {a,b,c} {d,e}', () => {
  const predicted = new Map([
    ['a', 'P1'],
    ['b', 'P1'],
    ['c', 'P2'],
    ['d', 'P2'],
    ['e', 'P2'],
  ]);
  const e = evaluateClustering(predicted, gold);
  // Pairs: gold ab ac bc de; predicted ab cd ce de; shared ab de.
  close(e.pairwise.precision, 2 / 4);
  close(e.pairwise.recall, 2 / 4);
  close(e.pairwise.f1, 0.5);
  // B-cubed precision per item: 1, 1, 1/3, 2/3, 2/3; recall: 2/3, 2/3, 1/3, 1, 1.
  close(e.bcubed.precision, 11 / 15);
  close(e.bcubed.recall, 11 / 15);
  close(e.bcubed.f1, 11 / 15);
});

void test('all singletons: nothing wrongly joined, nothing found', () => {
  const e = evaluateClustering(new Map([...gold.keys()].map((id) => [id, id])), gold);
  assert.equal(e.pairwise.precision, 1);
  assert.equal(e.pairwise.recall, 0);
  assert.equal(e.pairwise.f1, 0);
  assert.equal(e.bcubed.precision, 1);
  close(e.bcubed.recall, (1 / 3 + 1 / 3 + 1 / 3 + 1 / 2 + 1 / 2) / 5);
  assert.equal(e.clusters.predicted, 5);
});

void test('everything in one cluster', () => {
  const e = evaluateClustering(new Map([...gold.keys()].map((id) => [id, 'X'])), gold);
  close(e.pairwise.precision, 4 / 10);
  assert.equal(e.pairwise.recall, 1);
  close(e.bcubed.precision, (3 * (3 / 5) + 2 * (2 / 5)) / 5);
  assert.equal(e.bcubed.recall, 1);
});

void test('unpredicted items are singletons; items outside the gold map are ignored', () => {
  const predicted = new Map([
    ['a', 'P'],
    ['b', 'P'],
    ['c', 'P'],
    ['d', 'Q'],
    ['zzz', 'Q'],
  ]);
  const e = evaluateClustering(predicted, gold);
  assert.equal(e.n, 5);
  assert.equal(e.pairwise.precision, 1);
  close(e.pairwise.recall, 3 / 4);
  assert.deepEqual(e.clusters, { predicted: 3, gold: 2 });
});

void test('empty input', () => {
  const e = evaluateClustering(new Map(), new Map());
  assert.equal(e.n, 0);
  assert.equal(e.pairwise.f1, 1);
  assert.equal(e.bcubed.f1, 1);
});
