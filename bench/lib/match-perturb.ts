/**
 * Generates social-media style variants of Vietnamese queries for the matching benchmark:
 * diacritics dropped (fully or on some syllables, or tone marks only), abbreviations, old tone
 * placement, NFD, hashtags, emoji, typos, truncation. Seeded, so runs are repeatable.
 */

import { rng } from '../../test/random.js';

export { rng };

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Removes every diacritic (and đ). */
export function dropAll(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Removes tone marks only, keeping ă â ê ô ơ ư đ ("ngươi" for "người"). */
export function dropTones(s: string): string {
  return s.normalize('NFD').replace(TONES, '').normalize('NFC');
}

// Common abbreviations as typed on phones, applied to lower-cased, accented text.
// \b is ASCII-only in JS regular expressions; Vietnamese words need letter-aware boundaries.
function W(source: string, flags: string): RegExp {
  return new RegExp(`(?<!\\p{L})(?:${source})(?!\\p{L})`, flags);
}

const ABBREVIATIONS: [RegExp, string[]][] = [
  [W('không', 'giu'), ['ko', 'k', 'khg', 'hok']],
  [W('được', 'giu'), ['dc', 'đc', 'dk']],
  [W('người', 'giu'), ['ng']],
  [W('với', 'giu'), ['vs', 'vói']],
  [W('thành phố', 'giu'), ['tp', 'TP']],
  [W('Hà Nội', 'gu'), ['HN', 'hn']],
  [W('Việt Nam', 'gu'), ['VN', 'vn']],
  [W('(?:Thành phố |TP\\.? ?)?Hồ Chí Minh', 'gu'), ['HCM', 'tphcm', 'TP.HCM']],
  [W('gì', 'giu'), ['j']],
  [W('rồi', 'giu'), ['r']],
  [W('biết', 'giu'), ['bít', 'bik']],
  [W('vậy', 'giu'), ['v', 'z']],
  [W('những', 'giu'), ['nhg']],
  [W('bây giờ', 'giu'), ['bh']],
  [W('trước', 'giu'), ['trc']],
];

const EMOJI = ['😱', '😡', '🔥', '‼️', '👉', '🙏', '😢', '⚠️', '📢', '🤔'];
// Swaps new and old tone placement in one pass (hòa ↔ hoà, thủy ↔ thuỷ).
const TONE_SWAP: Record<string, string> = {
  òa: 'oà',
  óa: 'oá',
  ỏa: 'oả',
  õa: 'oã',
  ọa: 'oạ',
  oà: 'òa',
  oá: 'óa',
  oả: 'ỏa',
  oã: 'õa',
  oạ: 'ọa',
  òe: 'oè',
  óe: 'oé',
  ỏe: 'oẻ',
  õe: 'oẽ',
  ọe: 'oẹ',
  oè: 'òe',
  oé: 'óe',
  oẻ: 'ỏe',
  oẽ: 'õe',
  oẹ: 'ọe',
  ùy: 'uỳ',
  úy: 'uý',
  ủy: 'uỷ',
  ũy: 'uỹ',
  ụy: 'uỵ',
  uỳ: 'ùy',
  uý: 'úy',
  uỷ: 'ủy',
  uỹ: 'ũy',
  uỵ: 'ụy',
};
const TONE_SWAP_RE = new RegExp(`(?:${Object.keys(TONE_SWAP).join('|')})(?!\\p{L})`, 'gu');

/** The perturbations the generator knows. */
export type Perturbation =
  | 'no_diacritics'
  | 'half_diacritics'
  | 'no_tones'
  | 'abbreviations'
  | 'other_tone_placement'
  | 'nfd'
  | 'hashtags_emoji'
  | 'typos'
  | 'truncated'
  | 'social_mix';

function words(s: string): string[] {
  return s.split(/\s+/).filter((w) => w.length > 0);
}

function typo(word: string, r: () => number): string {
  if (word.length < 3) return word;
  const i = 1 + Math.floor(r() * (word.length - 2));
  const kind = r();
  if (kind < 0.35) return word.slice(0, i) + word.slice(i + 1); // deletion
  if (kind < 0.7)
    return word.slice(0, i - 1) + (word[i] ?? '') + (word[i - 1] ?? '') + word.slice(i + 1); // transposition
  return word.slice(0, i) + (word[i] ?? '') + word.slice(i); // doubled letter
}

/** Applies one perturbation to a query; `r` supplies randomness. */
export function perturb(text: string, kind: Perturbation, r: () => number): string {
  switch (kind) {
    case 'no_diacritics':
      return dropAll(text);
    case 'half_diacritics':
      return words(text)
        .map((w) => (r() < 0.5 ? dropAll(w) : w))
        .join(' ');
    case 'no_tones':
      return dropTones(text);
    case 'abbreviations': {
      let s = text;
      for (const [re, subs] of ABBREVIATIONS)
        s = s.replace(re, () => subs[Math.floor(r() * subs.length)] ?? '');
      return s;
    }
    case 'other_tone_placement': {
      return text.normalize('NFC').replace(TONE_SWAP_RE, (m) => TONE_SWAP[m] ?? m);
    }
    case 'nfd':
      return text.normalize('NFD');
    case 'hashtags_emoji': {
      const ws = words(text);
      const out: string[] = [];
      for (let i = 0; i < ws.length; i++) {
        const w = ws[i] ?? '';
        const next = ws[i + 1];
        if (next && r() < 0.12 && /^\p{L}/u.test(w) && /^\p{L}/u.test(next)) {
          out.push('#' + w[0]?.toUpperCase() + w.slice(1) + next[0]?.toUpperCase() + next.slice(1));
          i++;
        } else out.push(w);
        if (r() < 0.06) out.push(EMOJI[Math.floor(r() * EMOJI.length)] ?? '');
      }
      return out.join(' ') + ' ' + (EMOJI[Math.floor(r() * EMOJI.length)] ?? '') + '!!!';
    }
    case 'typos':
      return words(text)
        .map((w) => (r() < 0.12 ? typo(w, r) : w))
        .join(' ');
    case 'truncated': {
      const ws = words(text);
      const keep = Math.max(4, Math.round(ws.length * (0.5 + 0.3 * r())));
      return ws.slice(0, keep).join(' ') + '...';
    }
    case 'social_mix': {
      // What a phone post looks like: lower case, abbreviations, most diacritics gone, a typo,
      // a hashtag or emoji, sometimes cut short.
      let s = perturb(text.toLowerCase(), 'abbreviations', r);
      s = r() < 0.6 ? dropAll(s) : perturb(s, 'half_diacritics', r);
      s = perturb(s, 'typos', r);
      s = perturb(s, 'hashtags_emoji', r);
      if (r() < 0.3) s = perturb(s, 'truncated', r);
      return s;
    }
  }
}

/** All perturbations, in report order. */
export const PERTURBATIONS: readonly Perturbation[] = [
  'no_diacritics',
  'half_diacritics',
  'no_tones',
  'abbreviations',
  'other_tone_placement',
  'nfd',
  'hashtags_emoji',
  'typos',
  'truncated',
  'social_mix',
];
