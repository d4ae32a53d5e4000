import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitSentences } from './sentences.js';

describe('splitSentences', () => {
  const golden: [string, string[]][] = [
    [
      'TP. Hồ Chí Minh có 22 quận. Q. 1 là trung tâm. P. Bến Nghé rất đông.',
      ['TP. Hồ Chí Minh có 22 quận.', 'Q. 1 là trung tâm.', 'P. Bến Nghé rất đông.'],
    ],
    [
      'PGS.TS. Nguyễn Văn A phát biểu. TS. Lê B, ThS. Trần C, GS. Phạm D và BS. Hoàng E đồng ý. Th.S Vũ F vắng mặt.',
      [
        'PGS.TS. Nguyễn Văn A phát biểu.',
        'TS. Lê B, ThS. Trần C, GS. Phạm D và BS. Hoàng E đồng ý.',
        'Th.S Vũ F vắng mặt.',
      ],
    ],
    [
      'Giá tăng 3.5% lên 1.000.000 đồng vào ngày 12/3/2025. Lúc 10.30 sáng, ông ấy đến.',
      ['Giá tăng 3.5% lên 1.000.000 đồng vào ngày 12/3/2025.', 'Lúc 10.30 sáng, ông ấy đến.'],
    ],
    [
      'Theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân. Nghị định có hiệu lực từ 1/7/2023.',
      [
        'Theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân.',
        'Nghị định có hiệu lực từ 1/7/2023.',
      ],
    ],
    [
      'Ở Tp.HCM giá cao hơn. Tại Hà Nội thì thấp.',
      ['Ở Tp.HCM giá cao hơn.', 'Tại Hà Nội thì thấp.'],
    ],
    ['Táo, cam, lê v.v. Tất cả đều tươi.', ['Táo, cam, lê v.v.', 'Tất cả đều tươi.']],
    ['Có táo, cam v.v. và nhiều loại khác.', ['Có táo, cam v.v. và nhiều loại khác.']],
    ['Ông sống ở St. Louis nhiều năm.', ['Ông sống ở St. Louis nhiều năm.']],
    [
      'Anh ấy nói: "Tôi không biết." Sau đó anh bỏ đi. Thật sao?! Đúng vậy.',
      ['Anh ấy nói: "Tôi không biết."', 'Sau đó anh bỏ đi.', 'Thật sao?!', 'Đúng vậy.'],
    ],
    ['"Đi đâu vậy?" anh hỏi. Tôi không trả lời.', ['"Đi đâu vậy?" anh hỏi.', 'Tôi không trả lời.']],
    [
      'Tôi... không biết nữa. Chờ đã… Anh ấy đến rồi.',
      ['Tôi... không biết nữa.', 'Chờ đã…', 'Anh ấy đến rồi.'],
    ],
    [
      'Dòng một\nDòng hai bị\nngắt giữa chừng.\n\n1. Mục một\n2. Mục hai',
      ['Dòng một', 'Dòng hai bị ngắt giữa chừng.', '1. Mục một', '2. Mục hai'],
    ],
    ['Sốc!!! Tin này có thật không??? Không.', ['Sốc!!!', 'Tin này có thật không???', 'Không.']],
    ['   ', []],
    ['... !!! ---', []],
  ];
  for (const [input, expected] of golden) {
    test(JSON.stringify(input.slice(0, 50)), () =>
      assert.deepEqual(splitSentences(input), expected),
    );
  }
});

describe('properties', () => {
  const loneSurrogates = fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  });
  const punctuated = fc
    .array(
      fc.constantFrom(
        'Tp',
        '.',
        ' ',
        'A',
        'b',
        '3',
        '?',
        '!',
        '…',
        '"',
        '”',
        '\n',
        'v.v',
        'PGS',
        '/',
      ),
      { maxLength: 60 },
    )
    .map((a) => a.join(''));
  test('never throws; sentences are trimmed and non-empty', () => {
    fc.assert(
      fc.property(fc.oneof(punctuated, loneSurrogates, fc.string({ unit: 'binary' })), (s) => {
        for (const sentence of splitSentences(s)) {
          assert.ok(sentence.length > 0 && sentence === sentence.trim());
        }
      }),
      { numRuns: 2000 },
    );
  });
  test('keeps every word, in order', () => {
    fc.assert(
      fc.property(punctuated, (s) => {
        const words = (t: string) => t.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
        assert.deepEqual(words(splitSentences(s).join(' ')), words(s));
      }),
      { numRuns: 1000 },
    );
  });
  test('1 MB inputs in linear time', () => {
    for (const s of [
      'Câu một. Câu hai! '.repeat(60_000),
      'a.'.repeat(500_000),
      '.'.repeat(1_000_000),
      'x '.repeat(500_000),
      'dòng\n'.repeat(200_000),
    ]) {
      const t0 = performance.now();
      splitSentences(s);
      assert.ok(performance.now() - t0 < 5000);
    }
  });
});
