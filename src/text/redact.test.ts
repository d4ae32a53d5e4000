import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { RedactionCase } from './redact-eval.js';
import { evaluateRedaction } from './redact-eval.js';
import type { PersonalDataType } from './redact.js';
import { findPersonalData, redactPersonalData } from './redact.js';

const CASES_URL = new URL('../../test/fixtures/redact/cases.jsonl', import.meta.url);

function loadCases(): RedactionCase[] {
  return readFileSync(CASES_URL, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as RedactionCase);
}

/** The covered texts and types, for readable assertions. */
function found(text: string): Array<[string, PersonalDataType]> {
  return findPersonalData(text).map((s) => [text.slice(s.start, s.end), s.type]);
}

void describe('labelled set', () => {
  void it('reaches recall ≥ 0.99 and precision ≥ 0.97 overall and per type', (t) => {
    const cases = loadCases();
    assert.ok(cases.length >= 350, `only ${cases.length} cases`);
    const report = evaluateRedaction(cases);
    const fmt = (x: number) => x.toFixed(3);
    t.diagnostic(
      `n=${report.n} P=${fmt(report.precision)} R=${fmt(report.recall)} F1=${fmt(report.f1)} ` +
        `exact P=${fmt(report.exact.precision)} R=${fmt(report.exact.recall)}`,
    );
    for (const [type, s] of Object.entries(report.byType)) {
      t.diagnostic(
        `${type}: support=${s.support} P=${fmt(s.precision)} R=${fmt(s.recall)} F1=${fmt(s.f1)}`,
      );
    }
    const errors = [
      ...report.misses.map((m) => `miss ${m.span[2]} ${JSON.stringify(m.found)} in ${m.text}`),
      ...report.falseAlarms.map(
        (m) => `false ${m.span[2]} ${JSON.stringify(m.found)} in ${m.text}`,
      ),
    ];
    assert.ok(report.recall >= 0.99, `recall ${report.recall}\n${errors.join('\n')}`);
    assert.ok(report.precision >= 0.97, `precision ${report.precision}\n${errors.join('\n')}`);
    for (const [type, s] of Object.entries(report.byType)) {
      assert.ok(s.recall >= 0.99, `${type} recall ${s.recall}`);
      assert.ok(s.precision >= 0.97, `${type} precision ${s.precision}`);
    }
  });

  void it('has offsets that cut whole tokens', () => {
    for (const c of loadCases()) {
      for (const [start, end] of c.spans) {
        const inner = c.text.slice(start, end);
        assert.equal(inner, inner.trim(), c.text);
        assert.ok(start < end && end <= c.text.length, c.text);
      }
    }
  });
});

void describe('findPersonalData: phones', () => {
  void it('finds 10-digit mobiles in every usual layout, without any context', () => {
    for (const n of [
      '0912345678',
      '0912 345 678',
      '0912.345.678',
      '0912-345-678',
      '091 234 5678',
      '0912 34 56 78',
      '0356789012',
      '0708 123 456',
      '0599 876 543',
      '0833 456 789',
    ]) {
      assert.deepEqual(found(`x ${n} y`), [[n, 'phone']], n);
    }
  });

  void it('finds old 11-digit mobiles and landlines', () => {
    for (const n of [
      '0168 123 4567',
      '01234 567 890',
      '0199.123.4567',
      '024 3825 1234',
      '028 3822 5678',
      '(024) 3942 1111',
      '0236 3822 123',
      '(04) 3825 1234',
    ]) {
      assert.deepEqual(found(`Số ${n} nhé`), [[n, 'phone']], n);
    }
  });

  void it('needs a bracketed area code or a phone word for old 10-digit landlines', () => {
    assert.deepEqual(found('ĐT: 04.3942.5678'), [['04.3942.5678', 'phone']]);
    assert.deepEqual(found('Part 04-1234-5678'), []);
  });

  void it('includes the country code in the span', () => {
    for (const n of [
      '+84 912 345 678',
      '+84912345678',
      '(+84) 987 654 321',
      '+84-903-456-789',
      '+84 (0) 912 345 678',
      '84912345678',
      '0084 912 345 678',
      '+84 24 3825 1234',
      '+84 168 123 4567',
    ]) {
      assert.deepEqual(found(`Tel ${n}.`), [[n, 'phone']], n);
    }
  });

  void it('splits adjacent numbers', () => {
    assert.deepEqual(found('0912345678-0987654321'), [
      ['0912345678', 'phone'],
      ['0987654321', 'phone'],
    ]);
    assert.deepEqual(found('0978 123 456 - 0978 654 321'), [
      ['0978 123 456', 'phone'],
      ['0978 654 321', 'phone'],
    ]);
  });

  void it('leaves public service numbers alone', () => {
    for (const t of ['Gọi 113, 114, 115, 111', 'Hotline 1900 1234', '1800 1091', '18001090']) {
      assert.deepEqual(found(t), [], t);
    }
  });
});

void describe('findPersonalData: look-alikes', () => {
  const lookAlikes = [
    'Ngày 12/03/2025 và 12-03-2025, 2025-03-12, ngày 12.3.2025',
    'Hạn chót: 05.03.2025 09.00',
    'Từ 05-03-2025 09-30',
    'Giá 1.500.000 đồng, 2,5 tỷ, 300.000đ, $1,200, 99,5%',
    'Giai đoạn 2020-2025',
    'Nghị định 13/2023/NĐ-CP, Quyết định 19/2025/QĐ-TTg, 85-QĐ/TW, 436-CV/HU',
    'Công văn số 1234/UBND-VX, số 0912/TB-VP',
    'Xe 30A-123.45 và 51F-012.34',
    'ISBN 978-604-0-12345-6, ISBN 0-306-40615-2',
    'https://example.vn/tin/0912345678.html',
    'example.vn/bai-viet/so-0388123456',
    'Mã sản phẩm SP0912345678',
    'Tọa độ 21.028511, 105.804817',
    'Dân số 96.208.984 người',
    'MST: 0312345678',
    'STK 001099012345',
    'Số thẻ 9704 0512 3456 7890',
    'Mã vận đơn 123456789012',
    'Có 123.456.789 lượt xem',
    'Số 0912xxxxxx, SĐT: 0912 *** 678',
  ];
  for (const t of lookAlikes) {
    void it(`finds nothing in: ${t}`, () => {
      assert.deepEqual(found(t), []);
    });
  }
});

void describe('findPersonalData: identity numbers', () => {
  void it('finds a structurally valid CCCD without context', () => {
    assert.deepEqual(found('Nguyễn Văn D, 001089000123, Hà Nội'), [
      ['001089000123', 'national_id'],
    ]);
  });

  void it('rejects a 12-digit number with an impossible province code unless told it is an ID', () => {
    assert.deepEqual(found('Mã 123456789012'), []);
    assert.deepEqual(found('CCCD: 123456789012'), [['123456789012', 'national_id']]);
  });

  void it('finds 9-digit CMND only after an identity word', () => {
    assert.deepEqual(found('CMND: 012345678'), [['012345678', 'national_id']]);
    assert.deepEqual(found('cmnd số 024 567 890'), [['024 567 890', 'national_id']]);
    assert.deepEqual(found('Số seri 012345678'), []);
  });

  void it('does not carry context across another number', () => {
    assert.deepEqual(found('CCCD 001085012345, mã hồ sơ 123456789'), [
      ['001085012345', 'national_id'],
    ]);
  });
});

void describe('findPersonalData: e-mail', () => {
  void it('finds plain and obfuscated addresses', () => {
    for (const e of [
      'nguyen.van.a@example.com',
      'ten [at] example [dot] com',
      'hoa (at) example (dot) vn',
      'banhang(a)example.com',
      'duc.anh[@]example.vn',
      'huong.le a còng example chấm com',
      'linh at example dot com',
    ]) {
      assert.deepEqual(found(`mail: ${e}, cảm ơn`), [[e, 'email']], e);
    }
  });

  void it('ignores mentions and prose', () => {
    assert.deepEqual(found('cảm ơn @example.vn'), []);
    assert.deepEqual(found('look at example.com'), []);
    assert.deepEqual(found('a@example.com chấm hết'), [['a@example.com', 'email']]);
  });

  void it('reports a phone inside an address once, as the address', () => {
    assert.deepEqual(found('0912345678@example.vn'), [['0912345678@example.vn', 'email']]);
  });
});

void describe('redactPersonalData', () => {
  void it('replaces spans by typed placeholders and reports input offsets', () => {
    const input = 'SĐT 0912 345 678, email a@example.com, CCCD 001085012345.';
    const { text, spans } = redactPersonalData(input);
    assert.equal(text, 'SĐT [SĐT], email [EMAIL], CCCD [SỐ ĐỊNH DANH].');
    assert.deepEqual(spans, [
      { start: 4, end: 16, type: 'phone' },
      { start: 24, end: 37, type: 'email' },
      { start: 44, end: 56, type: 'national_id' },
    ]);
  });

  void it('leaves text without personal data unchanged', () => {
    const input = 'Nghị định 13/2023/NĐ-CP có hiệu lực từ 01/07/2023.';
    assert.deepEqual(redactPersonalData(input), { text: input, spans: [] });
  });
});

// Fragments that make random texts hit the interesting paths.
const fragment = fc.oneof(
  fc.constantFrom(
    '0912 345 678',
    '0912345678',
    '+84 ',
    '(+84)',
    '(024)',
    ' 3825 1234',
    '001085012345',
    '012345678',
    'CCCD ',
    'CMND: ',
    'SĐT ',
    'STK ',
    'MST ',
    'a@example.com',
    '[at]',
    ' at ',
    '(a)',
    ' [dot] ',
    ' chấm ',
    'example',
    '.com',
    '.vn',
    'https://',
    'example.vn/',
    '12/03/2025',
    '-',
    '.',
    ',',
    '/',
    ' ',
    '\n',
    '[SĐT]',
    '[EMAIL]',
    '[SỐ ĐỊNH DANH]',
    '\uD800',
    '\uDC00',
    'ạ',
  ),
  fc.stringMatching(/^[0-9 .\-()+]{1,14}$/),
  fc.string({ maxLength: 6 }),
);
const mixedText = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join(''));
const utf16Text = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  maxLength: 200,
});
const anyText = fc.oneof(mixedText, utf16Text, fc.string({ unit: 'binary', maxLength: 100 }));

void describe('properties', () => {
  void it('never throws, and returns sorted, non-overlapping spans within the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const spans = findPersonalData(text);
        let prevEnd = 0;
        for (const s of spans) {
          assert.ok(s.start >= prevEnd, 'sorted and non-overlapping');
          assert.ok(s.start < s.end && s.end <= text.length, 'in range');
          prevEnd = s.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  void it('finds nothing more in redacted text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = redactPersonalData(text).text;
        const twice = redactPersonalData(once);
        assert.deepEqual(twice.spans, [], JSON.stringify(once));
        assert.equal(twice.text, once);
      }),
      { numRuns: 2000 },
    );
  });

  void it('runs in linear time on a 1 MB string', () => {
    const unit =
      'Gọi 0912 345 678 hoặc +84 24 3825 1234, email a.b@example.vn, CCCD 001085012345, ' +
      'ngày 12/03/2025, giá 1.500.000đ, https://example.vn/p/0912345678 ';
    const build = (size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    const time = (text: string) => {
      const t0 = performance.now();
      findPersonalData(text);
      return performance.now() - t0;
    };
    time(build(50_000)); // warm up
    const small = time(build(250_000));
    const big = time(build(1_000_000));
    assert.ok(big < 4_000, `1 MB took ${big.toFixed(0)} ms`);
    assert.ok(
      big < small * 4 * 2.5 + 50,
      `250 KB ${small.toFixed(0)} ms, 1 MB ${big.toFixed(0)} ms`,
    );
    // Degenerate inputs that would trip a backtracking pattern.
    for (const piece of ['1', '0 ', 'a@', 'a.', '[at]', '0.', '+84 ', 'x ', '@ a ']) {
      const text = piece.repeat(Math.ceil(1_000_000 / piece.length));
      const ms = time(text);
      assert.ok(ms < 4_000, `${JSON.stringify(piece)} × 1 MB took ${ms.toFixed(0)} ms`);
    }
  });
});
