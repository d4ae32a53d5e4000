import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PersonalDataSpan } from './redact.js';
import { evaluateRedaction, overlapRatio } from './redact-eval.js';

void describe('overlapRatio', () => {
  void it('is intersection over union', () => {
    assert.equal(overlapRatio([0, 10], [0, 10]), 1);
    assert.equal(overlapRatio([0, 10], [5, 15]), 5 / 15);
    assert.equal(overlapRatio([0, 5], [5, 10]), 0);
  });
});

void describe('evaluateRedaction', () => {
  const fixed =
    (spans: PersonalDataSpan[][]) =>
    (text: string): PersonalDataSpan[] =>
      spans[Number(text)] ?? [];

  void it('counts overlapping same-type spans as correct and reports exact figures apart', () => {
    const report = evaluateRedaction(
      [
        { text: '0', spans: [[0, 10, 'phone']] },
        { text: '1', spans: [[0, 10, 'email']] },
        { text: '2', spans: [] },
      ],
      fixed([
        [{ start: 0, end: 8, type: 'phone' }], // 0.8 of the union: correct, not exact
        [{ start: 0, end: 10, type: 'phone' }], // wrong type: a miss and a false alarm
        [{ start: 3, end: 5, type: 'national_id' }], // nothing to find: a false alarm
      ]),
    );
    assert.equal(report.n, 3);
    assert.equal(report.precision, 1 / 3);
    assert.equal(report.recall, 1 / 2);
    assert.equal(report.exact.precision, 0);
    assert.equal(report.exact.recall, 0);
    assert.deepEqual(report.byType.phone, { precision: 1 / 2, recall: 1, f1: 2 / 3, support: 1 });
    assert.deepEqual(report.byType.email, { precision: 1, recall: 0, f1: 0, support: 1 });
    assert.deepEqual(
      report.misses.map((m) => [m.caseIndex, m.span]),
      [[1, [0, 10, 'email']]],
    );
    assert.deepEqual(
      report.falseAlarms.map((m) => [m.caseIndex, m.span]),
      [
        [1, [0, 10, 'phone']],
        [2, [3, 5, 'national_id']],
      ],
    );
  });

  void it('rejects overlaps under half the union and matches one to one', () => {
    const report = evaluateRedaction(
      [{ text: '0', spans: [[0, 10, 'phone']] }],
      fixed([
        [
          { start: 0, end: 4, type: 'phone' },
          { start: 4, end: 10, type: 'phone' },
        ],
      ]),
    );
    assert.equal(report.recall, 1); // 6/10 overlap matches
    assert.equal(report.precision, 1 / 2); // the 4/10 piece is a false alarm
  });

  void it('scores real detection on a small set', () => {
    const report = evaluateRedaction([
      { text: 'Gọi 0912 345 678 nhé', spans: [[4, 16, 'phone']] },
      { text: 'Ngày 12/03/2025', spans: [] },
    ]);
    assert.equal(report.f1, 1);
  });
});
