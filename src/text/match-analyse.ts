/**
 * Text analysis for the claim matcher: turns a claim or a query into the terms of the
 * matcher's fields (folded unigrams, folded bigrams, accented syllables), with a cheap
 * language guess (Vietnamese / English / other) that decides abbreviation expansion and the
 * English stop list. Pure, no I/O.
 */
import { stemmer } from 'stemmer';
import { foldToken } from './fold.js';
import { cleanForMatching } from './normalize.js';
import { expandAbbreviations, syllables } from './tokenize.js';

/** Language guessed for a text. `other` is treated like Vietnamese (no stop list, no stemming needs). */
export type MatchLanguage = 'vi' | 'en' | 'other';

/** The analysed form of a text, as the matcher's fields see it. */
export interface MatchAnalysis {
  language: MatchLanguage;
  /** Folded (no diacritics, lower case) terms: abbreviations expanded (vi), stop words dropped and Porter-stemmed (en). */
  terms: string[];
  /** Lower-case accented syllables that carry a diacritic, aligned with nothing: a small bonus field. */
  accented: string[];
}

// Vietnamese letters that carry a diacritic (lower case, NFC); their presence is a strong Vietnamese signal.
const VI_DIACRITIC = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/u;
const HAS_NON_ASCII_LETTER = /[\u0080-\uffff]/u;

/** English stop list (a short Lucene/SMART-style list); used only when the text is judged English. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves s t don ll re ve d m o y also via amp rt pic twitter com http https www'
  ).split(' '),
);

// Frequent Vietnamese function syllables (folded), excluding ones that are also English words
// ("to", "do", "an", "the", "me", "may", "no", "can"), plus social-media abbreviations.
const VI_MARKERS: ReadonlySet<string> = new Set(
  (
    'va cua la cac nhung duoc khong nguoi trong voi cho mot nay da den tu nhu thi se ve tai ngay cung nhieu sau khi con phai ' +
    'lam nuoc viet ban dang hon ra vao len bi theo tren duoi minh anh chi em toi nhat moi thanh pho tinh huyen xa dan ' +
    'chung cong nghe biet gi roi nua ko dc k j vs ng mn bn ck tp hn hcm vn tq ah uh nha nhe ha luon'
  ).split(' '),
);

const ENGLISH_MARKERS: ReadonlySet<string> = new Set(
  'the of and is are was were that this with for from have has been will would not they their which what about said says'.split(
    ' ',
  ),
);

// Onset + nucleus + coda of a folded Vietnamese syllable; English words mostly fail it.
const VI_SYLLABLE =
  /^(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?(?:[aeiouy]{1,3})(?:ch|ng|nh|[cmnpt])?$/;

/**
 * Guesses the language of a text cheaply: Vietnamese diacritics, then function-word hits,
 * then the share of tokens shaped like Vietnamese syllables.
 */
export function detectLanguage(
  accentedTokens: readonly string[],
  foldedTokens: readonly string[],
): MatchLanguage {
  const n = accentedTokens.length;
  if (n === 0) return 'other';
  let diacritic = 0;
  let nonAscii = 0;
  const enoughDiacritics = Math.max(1, 0.12 * n);
  for (const t of accentedTokens) {
    if (VI_DIACRITIC.test(t)) {
      // Enough for the verdict below: stop counting.
      if (++diacritic >= enoughDiacritics) return 'vi';
    } else if (HAS_NON_ASCII_LETTER.test(t)) nonAscii++;
  }
  if (nonAscii > 0.5 * n) return 'other';
  let vi = 0;
  let en = 0;
  let shaped = 0;
  let letters = 0;
  for (const t of foldedTokens) {
    if (VI_MARKERS.has(t)) vi++;
    if (ENGLISH_MARKERS.has(t)) en++;
    if (/^[a-z]+$/.test(t)) {
      letters++;
      if (VI_SYLLABLE.test(t)) shaped++;
    }
  }
  if (en > vi) return 'en';
  if (vi > en) return 'vi';
  if (letters === 0) return 'other';
  return shaped >= 0.85 * letters ? 'vi' : 'en';
}

const stemCache = new Map<string, string>();

/** Porter stem with a bounded cache (the vocabulary is small compared with the number of calls). */
export function stemCached(token: string): string {
  if (token.length <= 3) return token;
  let s = stemCache.get(token);
  if (s === undefined) {
    s = stemmer(token);
    if (stemCache.size > 300_000) stemCache.clear();
    stemCache.set(token, s);
  }
  return s;
}

const PIC_LINK = /pic\.twitter\.com\/\S+/gu;
// The date that closes a pasted tweet embed ("— Name (@handle) January 25, 2021") says when it was
// posted, not what it claims; names stay, as tweets are often checked for what their poster says.
const EMBED_DATE = /(\(@[\p{L}\p{N}_]+\)\s*)\p{L}+\.? \d{1,2}, \d{4}\s*["”]?\s*$/u;
// Links glued to the previous word ("#Minecrafthttps://…", "#Iranpic.twitter.com/…").
const GLUED_LINK = /(?=https?:\/\/|pic\.twitter\.com\/)/gu;
const APOSTROPHE = /['’ʼ]/gu;
const HAS_APOSTROPHE = /['’ʼ]/u;
const POSSESSIVE = /['’ʼ]s$/u;
// "@realDonaldTrump" → "real Donald Trump": handles in pasted posts often name the subject of the claim.
const MENTION = /@([\p{L}\p{N}_]+)/gu;

function splitHandle(_m: string, name: string): string {
  return ' ' + name.replace(/_/g, ' ').replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2') + ' ';
}

/** Prepares raw text for tokenisation: links and handles first, then the shared matching clean-up. */
export function preClean(text: string): string {
  // Each pattern needs a character or word that most texts lack; testing for it first is cheaper.
  let s = text;
  const pic = s.includes('pic.twitter.com/');
  if (pic || s.includes('http')) s = s.replace(GLUED_LINK, ' ');
  if (s.includes('@')) {
    s = s.replace(EMBED_DATE, '$1');
    if (pic) s = s.replace(PIC_LINK, ' ');
    s = s.replace(MENTION, splitHandle);
  } else if (pic) s = s.replace(PIC_LINK, ' ');
  return cleanForMatching(s);
}

/**
 * Analyses a text for the matcher. `language` overrides the guess (e.g. a document's declared
 * language). Folded terms are Porter-stemmed for every language: on folded Vietnamese syllables
 * Porter is the identity apart from final y→i, so a wrong language guess costs nothing there.
 */
export function analyseForMatch(text: string, language?: string): MatchAnalysis {
  // syllables() lower-cases; its tokens are normalised, so foldToken (no normalising) suffices.
  const accentedAll = syllables(preClean(text));
  const folded = new Array<string>(accentedAll.length);
  for (let i = 0; i < accentedAll.length; i++) {
    let t = accentedAll[i]!;
    if (HAS_APOSTROPHE.test(t)) {
      t = t.replace(POSSESSIVE, '').replace(APOSTROPHE, '');
      accentedAll[i] = t;
    }
    folded[i] = foldToken(t);
  }
  const lang: MatchLanguage =
    language === 'vi' || language === 'en'
      ? language
      : language
        ? 'other'
        : detectLanguage(accentedAll, folded);
  const terms: string[] = [];
  if (lang === 'en') {
    for (let i = 0; i < folded.length; i++) {
      const t = folded[i] ?? '';
      // Stop words are checked before folding: folding maps "by" to "bi", "my" to "mi".
      if (
        t.length === 0 ||
        ENGLISH_STOP_WORDS.has(accentedAll[i] ?? '') ||
        ENGLISH_STOP_WORDS.has(t)
      )
        continue;
      terms.push(stemCached(t));
    }
  } else {
    for (const t of expandAbbreviations(folded)) {
      if (t.length === 0) continue;
      terms.push(stemCached(t));
    }
  }
  const accented: string[] = [];
  if (lang !== 'en') {
    for (const t of accentedAll) if (HAS_NON_ASCII_LETTER.test(t)) accented.push(t);
  }
  return { language: lang, terms, accented };
}
