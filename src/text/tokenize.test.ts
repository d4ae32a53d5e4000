import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { ABBREVIATIONS } from './abbreviations.js';
import { foldKey } from './fold.js';
import { analyse, bigrams, expandAbbreviations, foldedSyllables, syllables } from './tokenize.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(root, '../shared/data/vi-legacy-encodings');
const rows = readFileSync(path.join(dataDir, 'derived/parallel_vnpara300.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Record<string, string>);

describe('syllables', () => {
  test('lower-cased letter/digit runs with canonical tones', () => {
    assert.deepEqual(syllables('Hoà bình, THUỶ lợi: COVID-19!'), [
      'hòa',
      'bình',
      'thủy',
      'lợi',
      'covid',
      '19',
    ]);
  });
  test('numbers, dates and times stay whole', () => {
    assert.deepEqual(syllables('Giá 3.5% lúc 10:30 ngày 12/3/2025, tổng 1.000.000đ.'), [
      'giá',
      '3.5',
      'lúc',
      '10:30',
      'ngày',
      '12/3/2025',
      'tổng',
      '1.000.000đ',
    ]);
  });
  test('other scripts and astral letters', () => {
    assert.deepEqual(syllables('東京 ελλάδα 𝐀𝐁 😀'), ['東京', 'ελλάδα', '𝐀𝐁'.toLowerCase()]);
  });
  test('folded syllables', () => {
    assert.deepEqual(foldedSyllables('Kỹ thuật Mĩ, quí khách'), [
      'ki',
      'thuat',
      'mi',
      'qui',
      'khach',
    ]);
  });
  test('bigrams', () => {
    assert.deepEqual(bigrams(['ha', 'noi', 'dep']), ['ha noi', 'noi dep']);
    assert.deepEqual(bigrams(['x']), []);
  });
});

describe('abbreviations', () => {
  test('a lexicon of about 80 folded entries with folded expansions', () => {
    const entries = Object.entries(ABBREVIATIONS);
    assert.ok(entries.length >= 80, `${entries.length} entries`);
    for (const [k, v] of entries) {
      assert.equal(foldKey(k), k);
      assert.match(v, /^[a-z]+( [a-z]+)*$/);
    }
  });
  test('expansions', () => {
    assert.deepEqual(expandAbbreviations(['ko', 'dc', 'ng', 'vs', 'trc', 'j', 'bt', 'mn']), [
      'khong',
      'duoc',
      'nguoi',
      'voi',
      'truoc',
      'gi',
      'biet',
      'moi',
      'nguoi',
    ]);
    assert.deepEqual(expandAbbreviations(['k', 'hok', 'hk', 'kg']), [
      'khong',
      'khong',
      'khong',
      'khong',
    ]);
    assert.deepEqual(expandAbbreviations(['tp', 'hcm', 'hn', 'vn', 'sg', 'tphcm']), [
      'thanh',
      'pho',
      'ho',
      'chi',
      'minh',
      'ha',
      'noi',
      'viet',
      'nam',
      'sai',
      'gon',
      'thanh',
      'pho',
      'ho',
      'chi',
      'minh',
    ]);
    assert.deepEqual(expandAbbreviations(['ks']), ['ki', 'su']);
    assert.deepEqual(expandAbbreviations(['nha', 'dau', 'tu']), ['nha', 'dau', 'tu']);
  });
});

describe('analyse', () => {
  test('social-media text and its edited form give the same folded tokens', () => {
    const a = analyse('Ko đc đi HN vs ng lạ!!! 😱 #TinGiả https://fb.com/x');
    assert.deepEqual(a.accented, ['ko', 'đc', 'đi', 'hn', 'vs', 'ng', 'lạ', 'tin', 'giả']);
    assert.deepEqual(a.folded, analyse('Không được đi Hà Nội với người lạ, tin giả').folded);
  });
  test('the parallel corpus: all variants give the folded tokens of the no-diacritics text', () => {
    for (const r of rows) {
      const expected = analyse(r.no_diacritics ?? '').folded;
      for (const k of [
        'nfc',
        'nfd',
        'tone_on_second_vowel',
        'vni_windows_glyphs',
        'tcvn3_abc_glyphs',
        'viqr',
      ]) {
        assert.deepEqual(analyse(r[k] ?? '').folded, expected, k);
      }
    }
  });
  test('speed: 30-word sentences', () => {
    const sentences = rows.map((r) => (r.nfc ?? '').split(' ').slice(0, 30).join(' '));
    for (let i = 0; i < 3000; i++) analyse(sentences[i % sentences.length] ?? '');
    const t0 = process.hrtime.bigint();
    let n = 0;
    for (let rep = 0; rep < 20; rep++)
      for (const s of sentences) n += analyse(s).folded.length > 0 ? 1 : 1;
    const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
    console.log(`analyse: ${us.toFixed(1)} µs per 30-word sentence`);
    // Generous bound: the machine is shared; the target is < 20 µs.
    assert.ok(us < 200, `${us} µs`);
  });
});

describe('properties', () => {
  const loneSurrogates = fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  });
  test('analyse never throws; folded tokens are ASCII for Vietnamese input', () => {
    fc.assert(
      fc.property(
        fc.oneof(loneSurrogates, fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        (s) => {
          const a = analyse(s);
          assert.ok(a.accented.every((t) => t.length > 0));
        },
      ),
      { numRuns: 2000 },
    );
  });
  test('1 MB input in linear time', () => {
    const unit = 'Ko đc đi HN vs ng lạ!!! 😱 #TinGiả https://fb.com/x hoà thuỷ 1.000.000đ. ';
    const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const t0 = performance.now();
    const a = analyse(big);
    assert.ok(a.folded.length > 100_000);
    assert.ok(performance.now() - t0 < 5000, `${performance.now() - t0} ms`);
  });
});
