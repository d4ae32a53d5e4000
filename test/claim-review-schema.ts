/**
 * JSON Schema (validated with Ajv) of ClaimReview markup as schema.org defines its types and
 * Google's fact-check structured data asks for it: ClaimReview with claimReviewed, reviewRating
 * (a Rating with alternateName, and ratingValue within worstRating…bestRating when numeric), url,
 * author (an Organization or Person with a name), datePublished; itemReviewed a Claim with
 * appearance and firstAppearance (CreativeWork) and datePublished.
 * https://developers.google.com/search/docs/appearance/structured-data/factcheck
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats ships CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const text = { type: 'string', minLength: 1 };
const url = { type: 'string', format: 'uri', pattern: '^https?://' };
const dateTime = { type: 'string', format: 'date-time' };

const creativeWork = {
  type: 'object',
  required: ['@type'],
  properties: { '@type': { const: 'CreativeWork' }, url, datePublished: dateTime, text },
  anyOf: [{ required: ['url'] }, { required: ['text'] }],
};

export const CLAIM_REVIEW_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: [
    '@context',
    '@type',
    'claimReviewed',
    'reviewRating',
    'url',
    'author',
    'datePublished',
    'itemReviewed',
  ],
  properties: {
    '@context': { enum: ['https://schema.org', 'http://schema.org', 'https://schema.org/'] },
    '@type': { const: 'ClaimReview' },
    claimReviewed: text,
    url,
    datePublished: dateTime,
    dateModified: dateTime,
    headline: text,
    inLanguage: text,
    author: {
      type: 'object',
      required: ['@type', 'name'],
      properties: { '@type': { enum: ['Organization', 'Person'] }, name: text, url },
    },
    reviewRating: {
      type: 'object',
      required: ['@type', 'alternateName'],
      properties: {
        '@type': { const: 'Rating' },
        alternateName: text,
        ratingValue: { type: 'number' },
        bestRating: { type: 'number' },
        worstRating: { type: 'number' },
      },
      dependentRequired: {
        ratingValue: ['bestRating', 'worstRating'],
        bestRating: ['ratingValue', 'worstRating'],
        worstRating: ['ratingValue', 'bestRating'],
      },
    },
    itemReviewed: {
      type: 'object',
      required: ['@type', 'appearance', 'firstAppearance', 'datePublished'],
      properties: {
        '@type': { const: 'Claim' },
        datePublished: dateTime,
        appearance: { type: 'array', items: creativeWork },
        firstAppearance: creativeWork,
      },
    },
  },
};

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
const validate = ajv.compile(CLAIM_REVIEW_SCHEMA);

/** The problems of a ClaimReview object ([] when valid), schema and range rules together. */
export function claimReviewProblems(value: unknown): string[] {
  const problems = validate(value)
    ? []
    : (validate.errors ?? []).map(
        (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`,
      );
  const rating = (value as { reviewRating?: Record<string, unknown> }).reviewRating;
  if (rating && typeof rating.ratingValue === 'number') {
    const { ratingValue, bestRating, worstRating } = rating as Record<string, number>;
    if (!(worstRating! <= ratingValue! && ratingValue! <= bestRating!)) {
      problems.push(
        `/reviewRating ratingValue ${ratingValue} outside ${worstRating}…${bestRating}`,
      );
    }
  }
  return problems;
}
