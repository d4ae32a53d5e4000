/**
 * Be Vietnam Pro for the verdict cards, read from @fontsource/be-vietnam-pro.
 *
 * Fontsource splits the face into unicode-range subsets; satori does not merge subsets of one
 * family, so each subset file is registered under a family name of its own and the card lists
 * every one of them in its font-family chain. Satori reads TTF/OTF/WOFF, so the .woff files are
 * used, not the .woff2 ones.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Font } from 'satori';

export const CARD_FONT_SUBSETS = ['latin', 'vietnamese', 'latin-ext'] as const;
export type CardFontSubset = (typeof CARD_FONT_SUBSETS)[number];

export const CARD_FONT_WEIGHTS = [400, 700] as const;
export type CardFontWeight = (typeof CARD_FONT_WEIGHTS)[number];

/** The family name a subset is registered under. */
export function cardFontFamily(subset: CardFontSubset): string {
  return `Be Vietnam Pro ${subset}`;
}

/** The CSS font-family chain naming every registered subset, Latin first (it holds ASCII). */
export function cardFontFamilyChain(
  subsets: readonly CardFontSubset[] = CARD_FONT_SUBSETS,
): string {
  return subsets.map((subset) => `'${cardFontFamily(subset)}'`).join(', ');
}

let filesDir: string | undefined;

function fontFilesDir(): string {
  // The package exports only CSS paths; its main file sits beside files/.
  filesDir ??= join(
    dirname(createRequire(import.meta.url).resolve('@fontsource/be-vietnam-pro')),
    'files',
  );
  return filesDir;
}

const loaded = new Map<string, Font[]>();

/**
 * The fonts satori needs for the card: every weight of each subset asked for, each subset under
 * its own family name. Read once per process; the returned array is shared (satori caches its
 * font engine by the array's identity).
 */
export function loadCardFonts(subsets: readonly CardFontSubset[] = CARD_FONT_SUBSETS): Font[] {
  const key = subsets.join(',');
  let fonts = loaded.get(key);
  if (!fonts) {
    fonts = subsets.flatMap((subset) =>
      CARD_FONT_WEIGHTS.map((weight): Font => ({
        name: cardFontFamily(subset),
        data: readFileSync(join(fontFilesDir(), `be-vietnam-pro-${subset}-${weight}-normal.woff`)),
        weight,
        style: 'normal',
      })),
    );
    loaded.set(key, fonts);
  }
  return fonts;
}
