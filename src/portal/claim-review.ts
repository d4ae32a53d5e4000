/**
 * ClaimReview structured data (schema.org, with the fields Google's fact-check markup asks for)
 * of a published check.
 */
import type { PublicCheckDetail } from '../core/portal.service.js';
import { RATING_INFO } from './i18n.js';

/** The best and worst numeric ratings of the scale: 1 = false … 4 = true. */
export const RATING_SCALE = Object.freeze({ best: 4, worst: 1 });

/** The ClaimReview object of a check page. */
export function claimReviewOf(
  check: PublicCheckDetail,
  options: { url: string; publisher: string; baseUrl: string },
): Record<string, unknown> {
  const info = RATING_INFO[check.rating];
  const alternateName = check.language === 'en' ? info.en : info.vi;
  // "Not a checkable claim" is not a point on the true–false scale: it carries its name only.
  const numeric =
    check.rating === 'not_checkable'
      ? {}
      : {
          ratingValue: info.value,
          bestRating: RATING_SCALE.best,
          worstRating: RATING_SCALE.worst,
        };
  const seen = check.appearances.filter((a) => /^https?:\/\//i.test(a.url));
  const first = seen[0];
  const appearance = seen.map((a) => ({
    '@type': 'CreativeWork',
    url: a.url,
    datePublished: a.firstSeenAt.toISOString(),
  }));
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: options.url,
    headline: check.title,
    claimReviewed: check.claimText,
    datePublished: check.firstPublishedAt.toISOString(),
    dateModified: check.updatedAt.toISOString(),
    inLanguage: check.language,
    author: { '@type': 'Organization', name: options.publisher, url: options.baseUrl },
    reviewRating: { '@type': 'Rating', ...numeric, alternateName },
    itemReviewed: {
      '@type': 'Claim',
      datePublished: check.claimFirstSeenAt.toISOString(),
      appearance,
      firstAppearance: first
        ? {
            '@type': 'CreativeWork',
            url: first.url,
            datePublished: first.firstSeenAt.toISOString(),
          }
        : // Known only as reported to us: the text itself is its first known appearance.
          {
            '@type': 'CreativeWork',
            text: check.claimText,
            datePublished: check.claimFirstSeenAt.toISOString(),
          },
    },
  };
}
