import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeedDate } from './feed-date.js';

const iso = (s: string): string | undefined => parseFeedDate(s)?.toISOString();

void describe('parseFeedDate', () => {
  void test('RFC 822 as RSS writes it, with numeric and named zones', () => {
    assert.equal(iso('Thu, 01 Jan 2004 19:48:21 GMT'), '2004-01-01T19:48:21.000Z');
    assert.equal(iso('Tue, 01 Jul 2025 08:30:00 +0700'), '2025-07-01T01:30:00.000Z');
    assert.equal(iso('Tue, 01 Jul 2025 08:30:00 +07:00'), '2025-07-01T01:30:00.000Z');
    assert.equal(iso('Tue, 01 Jul 2025 08:30:00 ICT'), '2025-07-01T01:30:00.000Z');
    assert.equal(iso('Sat, 07 Sep 2002 00:00:01 EDT'), '2002-09-07T04:00:01.000Z');
    assert.equal(iso('Sat, 07 Sep 2002 00:00:01 PST'), '2002-09-07T08:00:01.000Z');
    assert.equal(iso('Sat, 07 Sep 2002 00:00:01 UT'), '2002-09-07T00:00:01.000Z');
    assert.equal(iso('Sat, 07 Sep 2002 00:00:01 Z'), '2002-09-07T00:00:01.000Z');
    assert.equal(iso('Sat, 07 Sep 2002 00:00:01 -0430'), '2002-09-07T04:30:01.000Z');
  });

  void test('RFC 822 deviations: no seconds, no day name, 2-digit years, full names, no zone', () => {
    assert.equal(iso('Wed, 2 Jul 25 10:00 ICT'), '2025-07-02T03:00:00.000Z');
    assert.equal(iso('02 Jul 2025 10:00 +0700'), '2025-07-02T03:00:00.000Z');
    assert.equal(iso('Thu, 1 Jan 98 12:00:00 GMT'), '1998-01-01T12:00:00.000Z');
    assert.equal(iso('Thursday, 01 January 2004 19:48:21 GMT'), '2004-01-01T19:48:21.000Z');
    assert.equal(iso('Thu, 01 Jan 2004 19:48:21'), '2004-01-01T19:48:21.000Z');
    assert.equal(iso('  Thu,  01 Jan 2004\n 19:48:21 GMT '), '2004-01-01T19:48:21.000Z');
    assert.equal(iso('Thu, 01 Jan 2004 19:48:21 GMT+7'), '2004-01-01T12:48:21.000Z');
    assert.equal(iso('Thu, 01 Jan 2004 07:48 PM GMT'), '2004-01-01T19:48:00.000Z');
    assert.equal(iso('Sept 5, 2004 10:00 AM EST'), '2004-09-05T15:00:00.000Z');
  });

  void test('W3CDTF / ISO 8601 / RFC 3339', () => {
    assert.equal(iso('2025-07-01T08:30:00+07:00'), '2025-07-01T01:30:00.000Z');
    assert.equal(iso('2025-07-01T08:30:00.52Z'), '2025-07-01T08:30:00.520Z');
    assert.equal(iso('2025-07-01T08:30Z'), '2025-07-01T08:30:00.000Z');
    assert.equal(iso('2025-07-01 08:30:00'), '2025-07-01T08:30:00.000Z');
    assert.equal(iso('2025-07-01'), '2025-07-01T00:00:00.000Z');
    assert.equal(iso('2025-07'), '2025-07-01T00:00:00.000Z');
    assert.equal(iso('20250701T083000Z'), '2025-07-01T08:30:00.000Z');
    assert.equal(iso('2025-07-01T08:30:00-05'), '2025-07-01T13:30:00.000Z');
  });

  void test('asctime, JavaScript toString and day-first numeric dates', () => {
    assert.equal(iso('Thu Jan  1 19:48:21 2004'), '2004-01-01T19:48:21.000Z');
    assert.equal(
      iso('Thu Jan 01 2004 19:48:21 GMT+0700 (Indochina Time)'),
      '2004-01-01T12:48:21.000Z',
    );
    assert.equal(iso('02/07/2025 10:00 GMT+7'), '2025-07-02T03:00:00.000Z');
    assert.equal(iso('Thứ tư, 02/07/2025 10:00'), '2025-07-02T10:00:00.000Z');
    assert.equal(iso('07/31/2025'), '2025-07-31T00:00:00.000Z');
    assert.equal(iso('2025/07/02 10:00'), '2025-07-02T10:00:00.000Z');
  });

  void test('invalid or impossible dates are undefined', () => {
    for (const bad of [
      '',
      'not a date',
      'Thu, 31 Feb 2004 10:00:00 GMT',
      '2025-13-01',
      '2025-02-30T00:00:00Z',
      'Thu, 01 Jan 2004 25:00:00 GMT',
      'Thu, 01 Foo 2004 10:00:00 GMT',
      'Thu, 01 Jan 2004 10:00:00 NOWHERE',
      '12345678901234567890',
    ]) {
      assert.equal(parseFeedDate(bad), undefined, bad);
    }
    assert.equal(parseFeedDate(undefined), undefined);
    assert.equal(parseFeedDate(null), undefined);
  });

  void test('results do not depend on the process time zone', () => {
    // No zone means UTC, not local time: the same string gives the same instant everywhere.
    assert.equal(parseFeedDate('2025-07-01 08:30')?.getTime(), Date.UTC(2025, 6, 1, 8, 30));
  });
});
