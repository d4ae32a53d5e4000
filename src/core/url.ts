import { ValidationError } from './errors.js';

/** Query parameters that only track the reader; they never change what a page says. */
const TRACKING_PARAMS = new Set([
  // Ad click identifiers
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'ttclid',
  'twclid',
  'li_fat_id',
  'epik',
  'srsltid',
  'rb_clickid',
  // Zalo and Vietnamese news sites
  'zarsrc',
  'zaloid',
  'gidzl',
  'vn_source',
  'vn_medium',
  'vn_campaign',
  'vn_term',
  'vn_content',
  // Analytics and e-mail campaigns
  'igshid',
  'igsh',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'hsctatracking',
  'mkt_tok',
  'ocid',
  'cmpid',
  'icid',
  's_cid',
  'oly_anon_id',
  'oly_enc_id',
  'wickedid',
  '_openstat',
  '__twitter_impression',
  'ref_src',
  'spm',
  'share_source',
  'fb_action_ids',
  'fb_action_types',
  'fb_source',
  'fb_ref',
]);

/** Prefixes of tracking parameter families (Google/Matomo/Piwik/Mailchimp/HubSpot campaigns). */
const TRACKING_PREFIXES = ['utm_', 'mtm_', 'pk_', 'mc_', 'hsa_'];

function isTracking(rawKey: string): boolean {
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    key = rawKey.toLowerCase();
  }
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/**
 * One URL per page: lower-case scheme and host, no trailing dot on the host, no fragment, no
 * userinfo, no default port, no tracking parameters (utm_* and the lists above), remaining parameters
 * kept byte for byte in their order, no empty or trailing "?" / "&".
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
  // "example.vn." and "example.vn" are the same host.
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  // Filter the raw query: URLSearchParams would re-encode every remaining parameter (',' → '%2C',
  // '%20' → '+'), so the same page would get two canonical forms.
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(pair.split('=', 1)[0] ?? ''));
  url.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  // URL already lower-cases the host and drops default ports.
  let text = url.toString();
  if (text.endsWith('?')) text = text.slice(0, -1);
  return text;
}
