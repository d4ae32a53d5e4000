import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { foldKey, foldToken } from './fold.js';
import { normalizeText } from './normalize.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(root, '../shared/data/vi-legacy-encodings');
const rows = readFileSync(path.join(dataDir, 'derived/parallel_vnpara300.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Record<string, string>);

describe('foldKey', () => {
  test('lower case, no diacritics, đ → d', () => {
    assert.equal(foldKey('Đường Hồ Chí Minh, VIỆT NAM'), 'duong ho chi minh, viet nam');
    assert.equal(foldKey('Vie\u0323\u0302t Nam'), 'viet nam');
  });
  test('i/y variants fold together', () => {
    for (const [a, b] of <[string, string][]>[
      ['kỹ', 'kĩ'],
      ['quý', 'quí'],
      ['lý', 'lí'],
      ['Mỹ', 'mĩ'],
      ['tỷ', 'tỉ'],
      ['hy sinh', 'hi sinh'],
      ['kỹ thuật', 'kĩ thuật'],
    ]) {
      assert.equal(foldKey(a), foldKey(b), `${a} / ${b}`);
    }
  });
  test('different words stay apart', () => {
    for (const [a, b] of <[string, string][]>[
      ['tay', 'tai'],
      ['may', 'mai'],
      ['thủy', 'thủi'],
      ['hay', 'hai'],
    ]) {
      assert.notEqual(foldKey(a), foldKey(b), `${a} / ${b}`);
    }
  });
  test('other scripts keep their letters, lose their accents', () => {
    assert.equal(foldKey('Ελλάδα Straße Łódź 東京'), 'ελλαδα straße łodz 東京');
  });
  test('every variant of the parallel corpus folds to the no-diacritics text', () => {
    for (const r of rows) {
      const expected = foldKey(r.no_diacritics ?? '');
      for (const k of [
        'nfc',
        'nfd',
        'tone_on_first_vowel',
        'tone_on_second_vowel',
        'vni_windows_glyphs',
        'tcvn3_abc_glyphs',
        'viqr',
      ]) {
        assert.equal(foldKey(r[k] ?? ''), expected, k);
      }
    }
  });
  test('foldToken agrees with foldKey on single tokens', () => {
    for (const t of ['việt', 'quý', 'kỹ', 'đc', 'hòa', '1.000đ'])
      assert.equal(foldToken(t), foldKey(t));
  });
});

describe('properties', () => {
  const loneSurrogates = fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  });
  const viChars = fc
    .array(
      fc.constantFrom(
        ..."aăâeêioôơuưyđkmqlt hoàáảãạỳýỷỹ\u0300\u0301\u0309\u00ad\u200b.?^(+`'~¸µ®­õùø",
      ),
      { maxLength: 40 },
    )
    .map((a) => a.join(''));
  test('foldKey(normalizeText(x)) === foldKey(x)', () => {
    for (const arb of [viChars, fc.string({ unit: 'binary' }), loneSurrogates]) {
      fc.assert(
        fc.property(arb, (s) => assert.equal(foldKey(normalizeText(s)), foldKey(s))),
        { numRuns: 1500 },
      );
    }
  });
  test('no diacritics left in Latin text', () => {
    fc.assert(
      fc.property(viChars, (s) =>
        assert.ok(!/[\u0300-\u036fđ]/u.test(foldKey(s).normalize('NFD'))),
      ),
      { numRuns: 1000 },
    );
  });
});
