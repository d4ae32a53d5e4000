import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationError } from './errors.js';
import {
  DEFAULT_REPORT_SCHEDULE,
  duePeriod,
  parseReportPeriod,
  parseScheduleSpec,
  validateExportFilter,
} from './report.js';

const vn = (local: string) => new Date(`${local}+07:00`);

test('a period is whole days in Vietnam time, the last day included', () => {
  const period = parseReportPeriod('2027-01-01', '2027-01-31');
  assert.equal(period.from.toISOString(), '2026-12-31T17:00:00.000Z');
  assert.equal(period.to.toISOString(), '2027-01-31T17:00:00.000Z');
  assert.deepEqual([period.firstDay, period.lastDay], ['2027-01-01', '2027-01-31']);
  const day = parseReportPeriod('2028-02-29', '2028-02-29');
  assert.equal(day.to.getTime() - day.from.getTime(), 86_400_000);
});

test('an invalid period lists every problem', () => {
  assert.throws(
    () => parseReportPeriod('01/02/2027', '2027-13-01'),
    (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(
        error.problems.map((p) => p.field),
        ['from', 'to'],
      );
      return true;
    },
  );
  assert.throws(() => parseReportPeriod('2026-01-01', '2027-01-02'), /invalid/);
  assert.doesNotThrow(() => parseReportPeriod('2028-01-01', '2028-12-31'));
});

test('the weekly report covers the previous Monday–Sunday once its time has come', () => {
  // Monday 6 April 2026, 06:59 and 07:00 Vietnam time.
  const before = duePeriod('weekly', DEFAULT_REPORT_SCHEDULE, vn('2026-04-06T06:59:00'));
  assert.deepEqual([before?.firstDay, before?.lastDay], ['2026-03-23', '2026-03-29']);
  const at = duePeriod('weekly', DEFAULT_REPORT_SCHEDULE, vn('2026-04-06T07:00:00'));
  assert.deepEqual([at?.firstDay, at?.lastDay], ['2026-03-30', '2026-04-05']);
  const sunday = duePeriod('weekly', DEFAULT_REPORT_SCHEDULE, vn('2026-04-12T23:00:00'));
  assert.deepEqual([sunday?.firstDay, sunday?.lastDay], ['2026-03-30', '2026-04-05']);
});

test('the monthly report covers the previous month, across the new year too', () => {
  const jan = duePeriod('monthly', DEFAULT_REPORT_SCHEDULE, vn('2027-01-01T07:00:00'));
  assert.deepEqual([jan?.firstDay, jan?.lastDay], ['2026-12-01', '2026-12-31']);
  const early = duePeriod('monthly', DEFAULT_REPORT_SCHEDULE, vn('2027-01-01T06:00:00'));
  assert.deepEqual([early?.firstDay, early?.lastDay], ['2026-11-01', '2026-11-30']);
  const march = duePeriod('monthly', DEFAULT_REPORT_SCHEDULE, vn('2028-03-15T12:00:00'));
  assert.deepEqual([march?.firstDay, march?.lastDay], ['2028-02-01', '2028-02-29']);
  assert.equal(
    duePeriod('monthly', { ...DEFAULT_REPORT_SCHEDULE, monthly: null }, new Date()),
    null,
  );
});

test('schedule settings are read or refused with a reason', () => {
  assert.deepEqual(parseScheduleSpec('weekly', 'fri 16:30'), {
    ok: true,
    value: { weekday: 5, hour: 16, minute: 30 },
  });
  assert.deepEqual(parseScheduleSpec('monthly', 'off'), { ok: true, value: null });
  assert.equal(parseScheduleSpec('monthly', '31 07:00').ok, false);
  assert.equal(parseScheduleSpec('weekly', 'funday 07:00').ok, false);
  assert.equal(parseScheduleSpec('weekly', 'mon 25:00').ok, false);
});

test('export filters must fit what is exported', () => {
  assert.throws(
    () => validateExportFilter('items', { priority: 'high', status: 'published' }),
    (error: unknown) =>
      error instanceof ValidationError &&
      error.problems.map((p) => p.field).join() === 'status,priority',
  );
  assert.doesNotThrow(() => validateExportFilter('claims', { status: 'new', priority: 'urgent' }));
});
