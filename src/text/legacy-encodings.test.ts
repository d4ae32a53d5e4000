import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LegacyByteEncoding, LegacyFont } from './legacy-encodings.js';
import {
  decodeBytesDetecting,
  decodeLegacyBytes,
  decodeLegacyFont,
  detectLegacyFont,
} from './legacy-encodings.js';
import { VIQR_LETTERS } from './legacy-tables.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(root, '../shared/data/vi-legacy-encodings');

interface ParallelRow {
  nfc: string;
  nfd: string;
  tone_on_first_vowel: string;
  tone_on_second_vowel: string;
  no_diacritics: string;
  vni_windows_glyphs: string;
  tcvn3_abc_glyphs: string;
  viqr: string;
  tcvn5712_1_hex: string;
  cp1258_hex: string;
  viscii_hex: string;
}

const rows: ParallelRow[] = readFileSync(
  path.join(dataDir, 'derived/parallel_vnpara300.jsonl'),
  'utf8',
)
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as ParallelRow);

const FONTS: [keyof ParallelRow, LegacyFont][] = [
  ['vni_windows_glyphs', 'vni'],
  ['tcvn3_abc_glyphs', 'tcvn3'],
  ['viqr', 'viqr'],
];
const BYTES: [keyof ParallelRow, LegacyByteEncoding, string][] = [
  ['tcvn5712_1_hex', 'tcvn5712-1', 'tcvn5712-1'],
  ['cp1258_hex', 'cp1258', 'cp1258'],
  ['viscii_hex', 'viscii', 'viscii'],
];

describe('legacy fonts on the parallel corpus (300 sentences)', () => {
  test('has 300 rows', () => assert.equal(rows.length, 300));
  for (const [field, font] of FONTS) {
    test(`${font}: detected on every sentence and decoded to the NFC text`, () => {
      for (const r of rows) {
        assert.equal(detectLegacyFont(r[field]), font, r[field]);
        assert.equal(decodeLegacyFont(r[field], font), r.nfc);
      }
    });
    test(`${font}: detected and decoded as a whole document`, () => {
      const doc = rows.map((r) => r[field]).join('\n');
      assert.equal(detectLegacyFont(doc), font);
      assert.equal(decodeLegacyFont(doc, font), rows.map((r) => r.nfc).join('\n'));
    });
  }
});

describe('legacy bytes on the parallel corpus', () => {
  for (const [field, encoding, file] of BYTES) {
    test(`${encoding}: decodeLegacyBytes gives the NFC text`, () => {
      for (const r of rows)
        assert.equal(decodeLegacyBytes(Buffer.from(r[field], 'hex'), encoding), r.nfc);
    });
    test(`${encoding}: decodeBytesDetecting finds the encoding of each sentence`, () => {
      for (const r of rows) {
        const got = decodeBytesDetecting(Buffer.from(r[field], 'hex'));
        assert.equal(got.encoding, encoding);
        assert.equal(got.text, r.nfc);
      }
    });
    test(`${encoding}: decodeBytesDetecting on the whole file`, () => {
      const bytes = readFileSync(path.join(dataDir, `derived/parallel_vnpara300.${file}.txt`));
      const got = decodeBytesDetecting(bytes);
      assert.equal(got.encoding, encoding);
      assert.deepEqual(
        got.text.trimEnd().split('\n'),
        rows.map((r) => r.nfc),
      );
    });
  }
  test('valid UTF-8 wins', () => {
    for (const r of rows.slice(0, 50)) {
      assert.deepEqual(decodeBytesDetecting(Buffer.from(r.nfc, 'utf8')), {
        text: r.nfc,
        encoding: 'utf-8',
      });
      assert.equal(decodeBytesDetecting(Buffer.from(r.nfd, 'utf8')).text, r.nfc);
    }
    assert.deepEqual(decodeBytesDetecting(new Uint8Array()), { text: '', encoding: 'utf-8' });
  });
  test('unassigned bytes become U+FFFD', () => {
    assert.equal(decodeLegacyBytes(Uint8Array.of(0x41, 0x81, 0x42), 'cp1258'), 'A\ufffdB');
  });
});

describe('the letter table', () => {
  const tsv = readFileSync(path.join(dataDir, 'mapping_unicode_vni_tcvn3_viqr.tsv'), 'utf8')
    .trim()
    .split('\n');
  test('every VIQR spelling decodes to its letter', () => {
    for (const [viqr, letter] of VIQR_LETTERS) {
      // Followed by another word so that a final '.' or '?' is read as a tone, not punctuation.
      assert.equal(decodeLegacyFont(`${viqr} x`, 'viqr'), `${letter} x`, viqr);
    }
  });
  test('every TCVN3 and VNI glyph string decodes to its letter (VNI ì/ỹ share a glyph)', () => {
    assert.equal(tsv.length, 135);
    for (const line of tsv.slice(1)) {
      const [letter = '', vni = '', tcvn3 = ''] = line.split('\t');
      assert.equal(decodeLegacyFont(`x ${tcvn3} x`, 'tcvn3'), `x ${letter} x`, letter);
      if (letter !== 'ỹ' && letter !== 'Ỹ')
        assert.equal(decodeLegacyFont(`x ${vni} x`, 'vni'), `x ${letter} x`, letter);
    }
    assert.equal(decodeLegacyFont('Mì kì gì mình', 'vni'), 'Mỹ kỹ gì mình');
  });
});

describe('detectLegacyFont leaves ordinary text alone', () => {
  test('the 300 sentences in NFC, NFD, both tone placements and without diacritics', () => {
    for (const r of rows) {
      for (const s of [
        r.nfc,
        r.nfd,
        r.tone_on_first_vowel,
        r.tone_on_second_vowel,
        r.no_diacritics,
      ]) {
        assert.equal(detectLegacyFont(s), null, s);
      }
    }
    assert.equal(detectLegacyFont(rows.map((r) => r.tone_on_second_vowel).join(' ')), null);
  });

  const samples = [
    // English, with stray symbols and VIQR-looking punctuation.
    "The meeting starts at 9 a.m. and ends at 5 p.m., e.g. after the Q&A. Who? What? Why?! It's O'Brien's © 2024 Reuters® report.",
    'Temperatures reached 40°C in Hà Nội on Monday; prices rose ½ percent to £3.50 (≈ €4) — see § 4.2 «quoted» ¶ 3.',
    // French
    "Le café est déjà prêt à côté de l'hôtel. Où est-il allé ? Noël à la Réunion, c'était très agréable pour Zoé et Chloé.",
    'Les élèves ont étudié la leçon: « Où sont les neiges d’antan ? » Ça a été répété maintes fois, à peu près.',
    // German
    'Übermäßig große Öffnungen für Straßen müssen geprüft werden. Der Bürgermeister äußerte sich zur Größe der Brücke.',
    'Die Bundesregierung hat das Gesetz über die Förderung erneuerbarer Energien geändert; Änderungen gelten ab März.',
    // Spanish
    'El niño comió piñata en España. ¿Dónde está el baño? ¡Sí, aún no llegó! Mañana será otro día según él.',
    'La compañía anunció que el año próximo aumentará la producción en Perú y Colombia; también en Panamá.',
    // Code
    'const x = a?.b ?? c; if (i++ > 0 && y^2 < z) { arr[i] = "dd"; } // add odd Eddie',
    "SELECT * FROM users WHERE name = 'José' AND city IN ('São Paulo', 'Zürich'); -- ok",
    // Vietnamese, old tone placement and a few stray symbols.
    'Hoà bình, thuỷ lợi, khoẻ mạnh, uỷ ban, Thuý Kiều và luỹ tre; quý khách © 2024, nhiệt độ 30°C ± 2.',
    'Tin giả về "vắc-xin" lan truyền trên mạng xã hội® — Bộ Y tế khẳng định: không đúng sự thật!',
  ];
  for (const s of samples) {
    test(`null: ${s.slice(0, 40)}…`, () => assert.equal(detectLegacyFont(s), null));
  }
  test('one stray symbol or word is not enough', () => {
    for (const s of ['©', '®¸', 'Hµ', 'a^2', "ca'", 'Xin chào ©', 'naïve café'])
      assert.equal(detectLegacyFont(s), null, s);
  });
});

describe('decodeLegacyFont', () => {
  test('TCVN3 capitals are the base letter plus a lowercase glyph', () => {
    assert.equal(decodeLegacyFont('§iÒu A¸p ¢Ên ¥ë §­îc', 'tcvn3'), 'Điều Áp Ấn Ở Được');
  });
  test('keeps words that are already Unicode Vietnamese', () => {
    assert.equal(decodeLegacyFont('Hµ Néi vµ Đà Nẵng', 'tcvn3'), 'Hà Nội và Đà Nẵng');
    assert.equal(decodeLegacyFont('Hµ Néi và Sài', 'tcvn3'), 'Hà Nội và Sài');
  });
  test('VIQR: tones, dd, escapes and sentence punctuation', () => {
    // RFC 1456: a mark after a vowel is a tone unless escaped; at the end of a line, or when the
    // syllable already has a tone, it is punctuation.
    assert.equal(
      decodeLegacyFont('Ba.n ddi dda^u\\? To^i o+? nha`.', 'viqr'),
      'Bạn đi đâu? Tôi ở nhà.',
    );
    // Decoding is literal (the tone goes where it was typed); normalizeText then places it.
    assert.equal(decodeLegacyFont('Ba.n ddi dda^u? To^i', 'viqr'), 'Bạn đi đâủ Tôi');
    assert.equal(decodeLegacyFont("Anh co' khoe? kho^ng?", 'viqr'), 'Anh có khoẻ không?');
    assert.equal(decodeLegacyFont("Ca\\'c ba.n", 'viqr'), "Ca'c bạn");
    assert.equal(decodeLegacyFont('CDDV va` DDT', 'viqr'), 'CĐV và ĐT');
  });
});
