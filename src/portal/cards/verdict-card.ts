/**
 * The verdict card: a 1200×630 PNG (the size social networks use for link previews) that shows a
 * published check's rating, the claim, a one-line summary, the date and the check's short URL.
 * Laid out by satori (to SVG, text as paths) and rasterised by resvg, so no browser and no system
 * font is involved and the output depends only on the input and the bundled fonts.
 */
import { renderAsync } from '@resvg/resvg-js';
import satori, { type Font } from 'satori';
import type { Rating } from '../../core/types.js';
import { cardFontFamilyChain, loadCardFonts } from './card-fonts.js';

export const VERDICT_CARD_WIDTH = 1200;
export const VERDICT_CARD_HEIGHT = 630;

export type CardLanguage = 'vi' | 'en';

/** What a card shows; everything comes from the published check as the public API serves it. */
export interface VerdictCardInput {
  checkId: string;
  /** The check's version; with `updatedAt`, what makes a cached card stale. */
  version: number;
  updatedAt?: Date;
  rating: Rating;
  claim: string;
  /** The check's summary; the card shows its first line or two. */
  summary: string;
  publishedAt: Date;
  /** The check's short URL as printed on the card, e.g. "kiemchung.example.vn/c/ab12". */
  url: string;
  siteName: string;
  /** Language of the labels; the claim and summary are shown as written. Default "vi". */
  language?: CardLanguage;
}

/** Rating labels in both languages (the same words as the desk and the reports). */
export const RATING_CARD_LABELS: Readonly<Record<CardLanguage, Readonly<Record<Rating, string>>>> =
  {
    vi: {
      true: 'Đúng',
      misleading: 'Gây hiểu nhầm',
      false: 'Sai',
      unproven: 'Chưa đủ căn cứ',
      not_checkable: 'Không phải nhận định kiểm chứng được',
    },
    en: {
      true: 'True',
      misleading: 'Misleading',
      false: 'False',
      unproven: 'Unproven',
      not_checkable: 'Not a checkable claim',
    },
  };

/** Badge colours; white text on each has a contrast ratio of at least 4.5:1. */
export const RATING_CARD_COLOURS: Readonly<Record<Rating, string>> = {
  true: '#1b6e3a',
  misleading: '#9a4d00',
  false: '#b3261e',
  unproven: '#4a5568',
  not_checkable: '#5b4b8a',
};

const WORDS: Readonly<
  Record<CardLanguage, { claim: string; verdict: string; published: string; locale: string }>
> = {
  vi: { claim: 'Nhận định', verdict: 'Kết luận', published: 'Công bố', locale: 'vi-VN' },
  en: { claim: 'Claim', verdict: 'Verdict', published: 'Published', locale: 'en-GB' },
};

// Upper bounds before layout: the card clamps by lines, but laying out megabytes of text to show
// four lines of it would be wasted work (and an easy way to slow the server down).
const MAX_CLAIM_CHARS = 400;
const MAX_SUMMARY_CHARS = 240;
const MAX_SHORT_CHARS = 80;

/** Options for tests and special uses; production passes none. */
export interface VerdictCardRenderOptions {
  /** Fonts to lay out with; default: every Be Vietnam Pro subset. */
  fonts?: Font[];
  /** The font-family chain; default: every registered subset. */
  fontFamily?: string;
  /**
   * Called by satori for text the fonts cannot draw. The default loads nothing (the product
   * makes no outside calls), so such characters are left out of the picture.
   */
  loadAdditionalAsset?: (languageCode: string, segment: string) => Promise<string | Font[]>;
  /** Time zone of the printed date; default Asia/Ho_Chi_Minh. */
  timeZone?: string;
}

type Node = { type: string; props: Record<string, unknown> };

function el(type: string, style: Record<string, unknown>, ...children: Array<Node | string>): Node {
  return { type, props: { style, children: children.length === 1 ? children[0] : children } };
}

/** Collapses whitespace and control characters and shortens to `max` characters with "…". */
export function cardText(text: string, max: number): string {
  const flat = text
    .normalize('NFC')
    // Control and bidi-override characters only disturb the layout of a one-off picture.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .replace(/\s+\S*$/, '')}…`;
}

/** The printed date, e.g. "05/01/2027" or "5 January 2027". */
export function cardDate(
  date: Date,
  language: CardLanguage,
  timeZone = 'Asia/Ho_Chi_Minh',
): string {
  return new Intl.DateTimeFormat(WORDS[language].locale, {
    timeZone,
    day: language === 'vi' ? '2-digit' : 'numeric',
    month: language === 'vi' ? '2-digit' : 'long',
    year: 'numeric',
  }).format(date);
}

/** The card as the element tree satori lays out (exported for tests and previews). */
export function verdictCardElement(
  input: VerdictCardInput,
  options: Pick<VerdictCardRenderOptions, 'fontFamily' | 'timeZone'> = {},
): Node {
  const language = input.language ?? 'vi';
  const words = WORDS[language];
  const colour = RATING_CARD_COLOURS[input.rating];
  const label = RATING_CARD_LABELS[language][input.rating];
  const wrap = { wordBreak: 'break-word', overflowWrap: 'anywhere' };
  return el(
    'div',
    {
      width: VERDICT_CARD_WIDTH,
      height: VERDICT_CARD_HEIGHT,
      display: 'flex',
      flexDirection: 'row',
      backgroundColor: '#fbfaf7',
      color: '#1a1a1a',
      fontFamily: options.fontFamily ?? cardFontFamilyChain(),
      fontWeight: 400,
    },
    // A band in the verdict's colour, so the rating reads even as a thumbnail.
    el('div', { width: 28, height: '100%', backgroundColor: colour }),
    el(
      'div',
      {
        display: 'flex',
        flexDirection: 'column',
        flexGrow: 1,
        width: VERDICT_CARD_WIDTH - 28,
        padding: '48px 64px 44px 56px',
      },
      el(
        'div',
        {
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          fontSize: 28,
          color: '#3d3d3d',
        },
        el(
          'div',
          { display: 'block', fontWeight: 700, maxWidth: 640, lineClamp: 1 },
          cardText(input.siteName, MAX_SHORT_CHARS),
        ),
        el(
          'div',
          { display: 'flex' },
          `${words.published} ${cardDate(input.publishedAt, language, options.timeZone)}`,
        ),
      ),
      el(
        'div',
        { display: 'flex', alignItems: 'center', marginTop: 36 },
        el(
          'div',
          { display: 'flex', fontSize: 26, color: '#555555', marginRight: 20 },
          `${words.verdict}:`,
        ),
        el(
          'div',
          {
            display: 'flex',
            backgroundColor: colour,
            color: '#ffffff',
            fontWeight: 700,
            fontSize: input.rating === 'not_checkable' ? 34 : 44,
            padding: '10px 28px',
            borderRadius: 12,
            textTransform: 'uppercase',
          },
          label,
        ),
      ),
      el(
        'div',
        { display: 'flex', fontSize: 24, color: '#555555', marginTop: 34 },
        `${words.claim}:`,
      ),
      el(
        'div',
        {
          display: 'block',
          fontSize: 44,
          fontWeight: 700,
          lineHeight: 1.25,
          marginTop: 8,
          lineClamp: 3,
          ...wrap,
        },
        `“${cardText(input.claim, MAX_CLAIM_CHARS)}”`,
      ),
      el(
        'div',
        {
          display: 'block',
          fontSize: 28,
          lineHeight: 1.35,
          color: '#333333',
          marginTop: 18,
          lineClamp: 2,
          ...wrap,
        },
        cardText(input.summary, MAX_SUMMARY_CHARS),
      ),
      el('div', { display: 'flex', flexGrow: 1 }),
      el(
        'div',
        {
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'flex-end',
          fontSize: 26,
          color: '#3d3d3d',
        },
        el(
          'div',
          { display: 'block', fontWeight: 700, color: colour, lineClamp: 1, ...wrap },
          cardText(input.url, MAX_SHORT_CHARS),
        ),
      ),
    ),
  );
}

/** The card as SVG (satori's output, text drawn as paths). */
export function renderVerdictCardSvg(
  input: VerdictCardInput,
  options: VerdictCardRenderOptions = {},
): Promise<string> {
  return satori(verdictCardElement(input, options) as Parameters<typeof satori>[0], {
    width: VERDICT_CARD_WIDTH,
    height: VERDICT_CARD_HEIGHT,
    fonts: options.fonts ?? loadCardFonts(),
    loadAdditionalAsset: options.loadAdditionalAsset ?? (async () => []),
  });
}

/** The card as PNG bytes. Rasterising runs off the event loop (resvg's thread pool). */
export async function renderVerdictCard(
  input: VerdictCardInput,
  options: VerdictCardRenderOptions = {},
): Promise<Uint8Array> {
  const svg = await renderVerdictCardSvg(input, options);
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: VERDICT_CARD_WIDTH },
    font: { loadSystemFonts: false },
    background: '#fbfaf7',
  });
  const png = image.asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
