import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { cleanForMatching, normalizeText, splitHashtag } from './normalize.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(root, '../shared/data/vi-legacy-encodings');
const rows = readFileSync(path.join(dataDir, 'derived/parallel_vnpara300.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Record<string, string>);

/** Characters that exercise the normaliser: Vietnamese, combining marks, legacy glyphs, invisibles, spaces. */
const trickyChar = fc.constantFrom(
  ..."aăâeêioôơuưyđAĂÂĐOƠƯqgkhntcm hoàáảãạỳýỷỹỵ.?~`'^(+#@_-/:0123456789",
  '\u0300',
  '\u0301',
  '\u0303',
  '\u0309',
  '\u0323',
  '\u0302',
  '\u031b',
  '\u0306',
  '\u00ad',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u00a0',
  '\t',
  '\n',
  '\r',
  '\u2028',
  '\u3000',
  '¸',
  'µ',
  '¶',
  '·',
  '¹',
  '®',
  '§',
  '¬',
  '«',
  '©',
  'ø',
  'ù',
  'û',
  'õ',
  'ï',
  'ö',
  'ñ',
  'Ñ',
  'ì',
  '\ud83d',
  '\ude00',
  '😀',
  '👍🏽',
  'é',
  'ï',
  'ß',
  '…',
);
const trickyString = fc.array(trickyChar, { maxLength: 60 }).map((a) => a.join(''));
const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
});

describe('normalizeText: tone placement', () => {
  const golden: [string, string][] = [
    ['oà oá oả oã oạ', 'òa óa ỏa õa ọa'],
    ['hoà hoá hoả hoạ toà khoá', 'hòa hóa hỏa họa tòa khóa'],
    ['oè khoẻ loè xoè', 'òe khỏe lòe xòe'],
    ['uỳ uý uỷ uỹ uỵ', 'ùy úy ủy ũy ụy'],
    ['thuỷ thuý luỹ huỷ tuỳ', 'thủy thúy lũy hủy tùy'],
    ['HOÀ BÌNH, Thuỷ Lợi', 'HÒA BÌNH, Thủy Lợi'],
    // Already canonical or not affected.
    ['quý quá quà quỳnh quyền', 'quý quá quà quỳnh quyền'],
    ['giữa già giếng gì gìn', 'giữa già giếng gì gìn'],
    ['hoàn toán huỳnh khuyết thuở', 'hoàn toán huỳnh khuyết thuở'],
    ['người mười rượu khuỷu ngoẹo khoái xoáy', 'người mười rượu khuỷu ngoẹo khoái xoáy'],
    ['của mùa kìa cứu', 'của mùa kìa cứu'],
    // Tones typed on the wrong vowel.
    ['qúy gìa mùôn ngừơi', 'quý già muồn người'],
    // Not Vietnamese: left alone.
    ['Réunion café naïve José Zoë Noël', 'Réunion café naïve José Zoë Noël'],
  ];
  for (const [input, expected] of golden) {
    test(`${input} → ${expected}`, () => assert.equal(normalizeText(input), expected));
  }
});

describe('normalizeText: Unicode, invisibles, whitespace', () => {
  test('NFD becomes NFC', () => assert.equal(normalizeText('Vie\u0323\u0302t Nam'), 'Việt Nam'));
  test('zero-width chars, soft hyphens, BOM and controls are removed', () => {
    assert.equal(normalizeText('\ufeffTin\u200b gi\u00adả\u200d\u0007'), 'Tin giả');
  });
  test('lone surrogates are removed, pairs kept', () => {
    assert.equal(normalizeText('a\ud800b\udc00c😀'), 'abc😀');
  });
  test('whitespace collapsed, line breaks kept, at most one blank line', () => {
    assert.equal(
      normalizeText('  Một\u00a0\u00a0 hai\t ba \r\n\r\n\r\n  bốn \u2028năm  '),
      'Một hai ba\n\nbốn\nnăm',
    );
  });
  test('NFD and both tone placements normalise alike on the parallel corpus', () => {
    for (const r of rows) {
      const expected = normalizeText(r.nfc ?? '');
      assert.equal(expected, (r.nfc ?? '').replace(/ +/g, ' ').trim());
      for (const k of [
        'nfd',
        'tone_on_first_vowel',
        'tone_on_second_vowel',
        'vni_windows_glyphs',
        'tcvn3_abc_glyphs',
        'viqr',
      ]) {
        assert.equal(normalizeText(r[k] ?? ''), expected, k);
      }
    }
  });
});

describe('cleanForMatching', () => {
  test('URLs, mentions and emoji removed', () => {
    assert.equal(
      cleanForMatching(
        'Xem https://vnexpress.net/a-b?c=1 và www.facebook.com/x hoặc tuoitre.vn/abc 😱😱 @ban_be ngay',
      ),
      'Xem và hoặc ngay',
    );
  });
  test('hashtags become words', () => {
    assert.equal(
      cleanForMatching('#TinGiả #tin_gia #tingia #đúngchữ #COVID19 #fakenews'),
      'Tin Giả tin gia tin gia đúng chữ COVID 19 fakenews',
    );
    assert.equal(splitHashtag('thanhphohochiminh'), 'thanh pho ho chi minh');
    assert.equal(splitHashtag('ViệtNam'), 'Việt Nam');
  });
  test('repeated punctuation collapsed', () => {
    assert.equal(
      cleanForMatching('Thật không???!!! Sốc.... quá,,, --'),
      'Thật không?! Sốc… quá, -',
    );
  });
  test('emails are not mistaken for mentions', () => {
    assert.equal(cleanForMatching('liên hệ a@b.org'), 'liên hệ a@b.org');
  });
});

describe('properties', () => {
  test('normalizeText is idempotent', () => {
    for (const arb of [
      trickyString,
      fc.string({ unit: 'binary' }),
      loneSurrogates,
      fc.string({ unit: 'grapheme' }),
    ]) {
      fc.assert(
        fc.property(arb, (s) => {
          const once = normalizeText(s);
          assert.equal(normalizeText(once), once);
        }),
        { numRuns: 1500 },
      );
    }
  });
  test('idempotent on every variant of the parallel corpus', () => {
    for (const r of rows)
      for (const v of Object.values(r))
        if (typeof v === 'string') assert.equal(normalizeText(normalizeText(v)), normalizeText(v));
  });
  test('output has no lone surrogates, zero-width chars or double spaces', () => {
    fc.assert(
      fc.property(fc.oneof(trickyString, loneSurrogates), (s) => {
        const out = normalizeText(s);
        assert.ok(
          !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(out),
        );
        assert.ok(!/[\u200b\u00ad\ufeff]| {2}|^\s|\s$/.test(out));
      }),
      { numRuns: 1500 },
    );
  });
  test('cleanForMatching never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(trickyString, loneSurrogates, fc.string({ unit: 'binary' })),
        (s) => void cleanForMatching(s),
      ),
      {
        numRuns: 2000,
      },
    );
  });
  test('1 MB inputs are handled in linear time', () => {
    const unit = 'Theo https://x.vn/a #TinGiả, Hà Nội có 1.000.000 người… 😀 hoà thuỷ!!! ';
    const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
    for (const s of [
      big,
      'a.'.repeat(500_000),
      '#'.repeat(1_000_000),
      'x'.repeat(1_000_000),
      'Hµ Néi '.repeat(140_000),
    ]) {
      const t0 = performance.now();
      cleanForMatching(s);
      normalizeText(s);
      assert.ok(performance.now() - t0 < 5000, `took ${performance.now() - t0} ms`);
    }
  });
});
