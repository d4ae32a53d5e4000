import assert from 'node:assert/strict';
import { test } from 'node:test';
import { monthRange, previousMonth, quarterRange, rangeProblem } from './report-period.js';

test('months and quarters are whole calendar periods, leap days included', () => {
  assert.deepEqual(monthRange('2028-02'), { from: '2028-02-01', to: '2028-02-29' });
  assert.deepEqual(monthRange('2026-02'), { from: '2026-02-01', to: '2026-02-28' });
  assert.equal(monthRange('2026-13'), null);
  assert.deepEqual(quarterRange(2026, 1), { from: '2026-01-01', to: '2026-03-31' });
  assert.deepEqual(quarterRange(2026, 4), { from: '2026-10-01', to: '2026-12-31' });
  assert.equal(previousMonth(new Date(2027, 0, 15)), '2026-12');
  assert.equal(previousMonth(new Date(2026, 4, 1)), '2026-04');
});

test('a custom range is refused when incomplete, reversed or longer than a year', () => {
  assert.equal(rangeProblem({ from: '2026-03-01', to: '2026-03-31' }), null);
  assert.equal(rangeProblem({ from: '', to: '2026-03-31' }), 'missingFrom');
  assert.equal(rangeProblem({ from: '2026-02-30', to: '2026-03-31' }), 'missingFrom');
  assert.equal(rangeProblem({ from: '2026-03-01', to: '' }), 'missingTo');
  assert.equal(rangeProblem({ from: '2026-03-31', to: '2026-03-01' }), 'order');
  assert.equal(rangeProblem({ from: '2028-01-01', to: '2028-12-31' }), null);
  assert.equal(rangeProblem({ from: '2026-01-01', to: '2027-01-02' }), 'tooLong');
});
