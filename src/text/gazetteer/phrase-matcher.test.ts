import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { accentForm, PhraseMatcher, tokenizeWithOffsets } from './phrase-matcher.js';

const WATCH = ['sạt lở', 'vỡ đê', 'dịch tả lợn', 'lừa đảo', 'mã độc', 'lũ'];

/** The matched spans of a text, as written. */
function found(m: PhraseMatcher, text: string, mode: 'longest' | 'all' = 'longest'): string[] {
  return m.findIn(text, mode).map((h) => text.slice(h.charStart, h.charEnd));
}

describe('tokenizeWithOffsets', () => {
  test('offsets point into the text as given, folded keys ignore case and diacritics', () => {
    const text = 'Sạt lở ở QUẢNG NGÃI: 3.5 ha';
    const tokens = tokenizeWithOffsets(text);
    assert.deepEqual(
      tokens.map((t) => [t.raw, t.folded, text.slice(t.start, t.end)]),
      [
        ['Sạt', 'sat', 'Sạt'],
        ['lở', 'lo', 'lở'],
        ['ở', 'o', 'ở'],
        ['QUẢNG', 'quang', 'QUẢNG'],
        ['NGÃI', 'ngai', 'NGÃI'],
        ['3.5', '3.5', '3.5'],
        ['ha', 'ha', 'ha'],
      ],
    );
  });
  test('NFD input stays one token per word, with offsets in the NFD text', () => {
    const text = 'Xã Trà Leng'.normalize('NFD');
    const tokens = tokenizeWithOffsets(text);
    assert.deepEqual(
      tokens.map((t) => t.folded),
      ['xa', 'tra', 'leng'],
    );
    assert.equal(text.slice(tokens[1]?.start, tokens[1]?.end), 'Trà'.normalize('NFD'));
  });
  test('boundary tells spaces and hyphens from full stops and other punctuation', () => {
    const b = (text: string) => tokenizeWithOffsets(text).map((t) => t.boundary);
    assert.deepEqual(b('Bà Rịa - Vũng Tàu'), [2, 0, 0, 0]);
    assert.deepEqual(b("M'Drắk"), [2, 0]);
    assert.deepEqual(b('TP.HCM, Hà Nội'), [2, 1, 2, 0]);
    assert.deepEqual(b('lở\nđất'), [2, 2]);
  });
});

describe('accentForm', () => {
  test('canonical tone placement and the i/y variants, diacritics kept', () => {
    assert.equal(accentForm('Hoà'), 'hòa');
    assert.equal(accentForm('HÒA'), 'hòa');
    assert.equal(accentForm('kỹ'), accentForm('kĩ'));
    assert.equal(accentForm('tay'), 'tay');
    assert.notEqual(accentForm('lũ'), accentForm('lú'));
  });
});

describe('PhraseMatcher', () => {
  const m = PhraseMatcher.fromPhrases(WATCH);

  test('watch terms are found whatever the case, diacritics, Unicode form and tone placement', () => {
    for (const text of [
      'Cảnh báo sạt lở tại vùng núi',
      'Canh bao SAT LO tai vung nui',
      'Cảnh báo Sạt Lở tại vùng núi'.normalize('NFD'),
      'Nguy cơ VỠ ĐÊ sông Hồng',
      'vo de song Hong',
    ]) {
      assert.equal(m.findIn(text).length, 1, text);
    }
    assert.deepEqual(
      m.findIn('Ổ dịch tả lợn châu Phi, coi chừng lừa đảo').map((h) => h.values),
      [['dịch tả lợn'], ['lừa đảo']],
    );
  });

  test('character offsets delimit the words as written', () => {
    const text = 'Cảnh giác: MÃ ĐỘC giả danh ngân hàng.';
    assert.deepEqual(found(m, text), ['MÃ ĐỘC']);
  });

  test('no match across punctuation, inside other words, or on a part of a phrase', () => {
    assert.deepEqual(found(m, 'trời sạt, lở đất'), []);
    assert.deepEqual(found(m, 'lừa gạt và đảo chính'), []);
    assert.deepEqual(found(m, 'dịch tả'), []);
    assert.deepEqual(found(m, 'sạtlở'), []);
  });

  test('one syllable with diacritics matches only those diacritics, or none', () => {
    assert.deepEqual(found(m, 'Lũ về nhanh'), ['Lũ']);
    assert.deepEqual(found(m, 'LŨ VỀ NHANH'), ['LŨ']);
    assert.deepEqual(found(m, 'lu ve nhanh'), ['lu']);
    assert.deepEqual(found(m, 'đầu óc lú lẫn, lụ khụ'), []);
  });

  test('longest match by default, every match with "all"', () => {
    const m2 = PhraseMatcher.fromPhrases(['lừa đảo', 'lừa đảo trực tuyến', 'trực tuyến']);
    const text = 'Cảnh báo lừa đảo trực tuyến';
    assert.deepEqual(
      m2.findIn(text).map((h) => h.values[0]),
      ['lừa đảo trực tuyến'],
    );
    assert.deepEqual(
      m2
        .findIn(text, 'all')
        .map((h) => h.values[0])
        .sort(),
      ['lừa đảo', 'lừa đảo trực tuyến', 'trực tuyến'],
    );
  });

  test('phrases folding alike are all reported; blank phrases are ignored', () => {
    const m2 = PhraseMatcher.fromPhrases(['sạt lở', 'Sat lo', '  ', '?!']);
    assert.equal(m2.size, 2);
    assert.deepEqual(m2.findIn('sạt lở')[0]?.values, ['sạt lở', 'Sat lo']);
  });

  test('a term inserted anywhere in filler text is found exactly there', () => {
    const filler = ['người', 'dân', 'cho', 'biết', 'hôm', 'nay', 'mưa', 'to', 'ở', 'làng'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...filler), { maxLength: 12 }),
        fc.array(fc.constantFrom(...filler), { maxLength: 12 }),
        fc.constantFrom(...WATCH),
        fc.constantFrom('', '. ', ', '),
        (before, after, term, punct) => {
          const head = before.length > 0 ? `${before.join(' ')}${punct || ' '}` : '';
          const text = `${head}${term} ${after.join(' ')}`;
          const hits = m.findIn(text);
          assert.equal(hits.length, 1);
          assert.equal(hits[0]?.charStart, head.length);
          assert.equal(hits[0]?.values[0], term);
        },
      ),
    );
  });
});
