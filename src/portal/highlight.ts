/**
 * Marks the words of a text that match a search: compared folded (no diacritics, đ = d, kỹ = kĩ)
 * and forgiving one typo in longer words, the way the matcher found them.
 */
import { foldToken } from '../text/fold.js';
import { editDistance } from '../text/matcher.js';
import { normalizeText } from '../text/normalize.js';
import { foldedSyllables, scanWordSpans } from '../text/tokenize.js';
import { html, type SafeHtml } from './html.js';

/** The folded words of a query, as a predicate on folded words of a text. */
export function queryMatcher(query: string): (folded: string) => boolean {
  const terms = [...new Set(foldedSyllables(query))].filter((term) => term.length > 0);
  const exact = new Set(terms);
  const long = terms.filter((term) => term.length >= 4);
  return (word) =>
    exact.has(word) || (word.length >= 4 && long.some((term) => editDistance(term, word, 1) <= 1));
}

/** The text, escaped, with matching words inside `<mark>`. */
export function highlight(text: string, matches: (folded: string) => boolean): SafeHtml {
  const normalized = normalizeText(text);
  const parts: SafeHtml[] = [];
  let last = 0;
  scanWordSpans(normalized, (start, end) => {
    const word = normalized.slice(start, end);
    if (!matches(foldToken(word.toLowerCase()))) return;
    parts.push(html`${normalized.slice(last, start)}<mark>${word}</mark>`);
    last = end;
  });
  parts.push(html`${normalized.slice(last)}`);
  return html`${parts}`;
}
