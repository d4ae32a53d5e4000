import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RATINGS } from '../../core/types.js';
import { cardFontFamilyChain, loadCardFonts } from './card-fonts.js';
import {
  RATING_CARD_COLOURS,
  RATING_CARD_LABELS,
  cardDate,
  cardText,
  renderVerdictCard,
  renderVerdictCardSvg,
  verdictCardElement,
  type VerdictCardInput,
} from './verdict-card.js';

const CLAIM = 'Bộ Y tế khẳng định nước chanh nóng chữa khỏi ung thư';

function input(overrides: Partial<VerdictCardInput> = {}): VerdictCardInput {
  return {
    checkId: '0b6f2d64-7d0e-4b8e-9a57-1f0c4e1d2a33',
    version: 1,
    rating: 'false',
    claim: CLAIM,
    summary: 'Sai: Bộ Y tế chưa từng đưa ra khẳng định này; nước chanh không chữa được ung thư.',
    publishedAt: new Date('2027-01-05T03:00:00Z'),
    url: 'kiemchung.example.vn/c/ab12',
    siteName: 'Kiểm Chứng',
    ...overrides,
  };
}

/** Width and height from the IHDR chunk, after checking the PNG signature. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  assert.deepEqual([...png.subarray(0, 8)], signature, 'PNG signature');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  assert.equal(new TextDecoder().decode(png.subarray(12, 16)), 'IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Renders while recording what satori could not draw with the fonts it was given. */
async function missingGlyphs(
  card: VerdictCardInput,
  options: Parameters<typeof renderVerdictCardSvg>[1] = {},
): Promise<string[]> {
  const missing: string[] = [];
  await renderVerdictCardSvg(card, {
    ...options,
    loadAdditionalAsset: async (languageCode, segment) => {
      missing.push(`${languageCode}:${segment}`);
      return [];
    },
  });
  return missing;
}

describe('verdict card', () => {
  test('is a 1200×630 PNG', async () => {
    const png = await renderVerdictCard(input());
    assert.deepEqual(pngSize(png), { width: 1200, height: 630 });
    assert.ok(png.byteLength > 10_000, `a card with text, not a blank: ${png.byteLength} bytes`);
  });

  test('has a glyph for every character of a Vietnamese claim, summary and labels', async () => {
    assert.deepEqual(await missingGlyphs(input()), []);
    assert.deepEqual(
      await missingGlyphs(
        input({
          claim: 'Ăn ổi, ưỡn ngực, đọc sách: ỹ ỷ ẫ ẵ ẳ ặ ằ ắ ơ ờ ớ ở ỡ ợ ư ừ ứ ử ữ ự Đ đ ₫',
          rating: 'not_checkable',
        }),
      ),
      [],
    );
  });

  test('the same check with only the Latin subset misses the Vietnamese letters (the test can fail)', async () => {
    const latinOnly = await missingGlyphs(input(), {
      fonts: loadCardFonts(['latin']),
      fontFamily: cardFontFamilyChain(['latin']),
    });
    assert.ok(latinOnly.length > 0, 'satori asks for more fonts');
    const asked = latinOnly.join('');
    for (const letter of ['ộ', 'ế', 'ẳ', 'ị', 'ư', 'ữ']) assert.ok(asked.includes(letter), letter);
  });

  test('every rating in both languages has its own label and colour', async () => {
    for (const language of ['vi', 'en'] as const) {
      const labels = new Set(RATINGS.map((r) => RATING_CARD_LABELS[language][r]));
      assert.equal(labels.size, RATINGS.length, language);
    }
    assert.equal(new Set(Object.values(RATING_CARD_COLOURS)).size, RATINGS.length);
    const english = JSON.stringify(
      verdictCardElement(input({ language: 'en', rating: 'misleading' })),
    );
    for (const word of [
      'Misleading',
      'Claim:',
      'Published 5 January 2027',
      RATING_CARD_COLOURS.misleading,
    ]) {
      assert.ok(english.includes(word), word);
    }
    const vietnamese = JSON.stringify(verdictCardElement(input({ rating: 'unproven' })));
    for (const word of [
      'Chưa đủ căn cứ',
      'Nhận định:',
      'Công bố 05/01/2027',
      'kiemchung.example.vn/c/ab12',
    ]) {
      assert.ok(vietnamese.includes(word), word);
    }
    // The longest label fits: every rating renders with no missing glyph.
    for (const rating of RATINGS) {
      for (const language of ['vi', 'en'] as const) {
        assert.deepEqual(
          await missingGlyphs(input({ rating, language })),
          [],
          `${rating} ${language}`,
        );
      }
    }
  });

  test('prints the date in the newsroom time zone', () => {
    // 20:00 UTC on 4 January is already 5 January in Hà Nội.
    assert.equal(cardDate(new Date('2027-01-04T20:00:00Z'), 'vi'), '05/01/2027');
    assert.equal(cardDate(new Date('2027-01-04T20:00:00Z'), 'en'), '5 January 2027');
  });

  test('text is flattened and shortened on a word boundary', () => {
    assert.equal(cardText('  một\n\nhai\tba \u202Ebốn\u0000 ', 100), 'một hai ba bốn');
    const long = cardText('nước chanh '.repeat(100), 40);
    assert.ok(long.endsWith('…'));
    assert.ok(Array.from(long).length <= 40);
    assert.equal(cardText('a'.repeat(500), 10), `${'a'.repeat(9)}…`);
  });

  test('hostile text does not crash the renderer and injects nothing into the SVG', async () => {
    const hostile = [
      '<script>alert(1)</script><img src=x onerror=alert(2)>',
      '"></text><script>alert(3)</script><text>',
      'a'.repeat(5_000),
      `${'Nghiêng'.repeat(300)} ${'https://example.vn/'.repeat(200)}`,
      'Tin giả 🔥😂👍🏽👨‍👩‍👧 lan nhanh',
      'هذا الخبر كاذب تماما \u202Eevil\u202C שלום',
      '\u0000\u0007\uFEFF\u200B\uD800 lone surrogate',
      '',
      ' \n\t ',
      '中文 日本語 한국어 ไทย',
    ];
    for (const text of hostile) {
      const card = input({ claim: text, summary: text, siteName: text, url: text });
      const svg = await renderVerdictCardSvg(card);
      assert.ok(
        !/<script|onerror|<img|<text/i.test(svg),
        `no markup from the input: ${text.slice(0, 30)}`,
      );
      assert.deepEqual(pngSize(await renderVerdictCard(card)), { width: 1200, height: 630 });
    }
  });
});
