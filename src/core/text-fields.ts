import { createHash } from 'node:crypto';
import { foldKey } from '../text/fold.js';
import { normalizeText } from '../text/normalize.js';

/** The searchable forms stored next to a text. */
export interface TextFields {
  normalizedText: string;
  foldedText: string;
}

/** Normalised (display) and folded (diacritic-free) forms of a text. */
export function textFields(text: string): TextFields {
  const normalizedText = normalizeText(text);
  return { normalizedText, foldedText: foldKey(normalizedText) };
}

/**
 * Fingerprint of content regardless of Unicode form, tone placement, case or diacritics: the
 * same post pasted twice, once without accents, is one item.
 */
export function contentFingerprint(title: string, text: string): string {
  return fingerprintOfFolded(foldKey(normalizeText(`${title}\n${text}`)));
}

/** {@link contentFingerprint} of a text already folded by {@link textFields}. */
export function fingerprintOfFolded(foldedText: string): string {
  const key = foldedText.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(key).digest('hex');
}
