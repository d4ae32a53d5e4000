import { ValidationError } from './errors.js';

/** Query parameters that only track the reader; they never change what a page says. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'zarsrc',
  'zaloid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  'ref_src',
  'spm',
  'share_source',
]);

/**
 * One URL per page: lower-case scheme and host, no fragment, no default port, no tracking
 * parameters (utm_* and the list above), remaining parameters kept in their order.
 * Throws a validation error naming `field` for anything that is not an absolute http(s) URL.
 */
export function canonicalizeUrl(input: string, field = 'url'): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ValidationError([{ field, message: 'must be an absolute http(s) URL' }]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError([{ field, message: 'must use http or https' }]);
  }
  url.hash = '';
  url.username = '';
  url.password = '';
  for (const key of [...url.searchParams.keys()]) {
    const lower = key.toLowerCase();
    if (lower.startsWith('utm_') || TRACKING_PARAMS.has(lower)) url.searchParams.delete(key);
  }
  // URL already lower-cases the host and drops default ports.
  let text = url.toString();
  if (url.search === '' && text.endsWith('?')) text = text.slice(0, -1);
  return text;
}
