import { randomUUID } from 'node:crypto';
/**
 * The first steps of the pipeline, the same for every channel: normalise, redact personal data,
 * canonicalise the link, fingerprint. Pure: storage happens in the intake service.
 */
import { ValidationError, type FieldProblem } from './errors.js';
import type { ItemValues, SightingValues } from './ports.js';
import { fingerprintOfFolded, contentFingerprint, textFields } from './text-fields.js';
import type { Channel } from './types.js';
import { canonicalizeUrl } from './url.js';
import { redactPersonalData } from '../text/redact.js';

/** Largest fields an item may have; longer input is refused (API) or cut (feeds, pages). */
export const ITEM_LIMITS = Object.freeze({ url: 2048, title: 1000, text: 100_000, note: 2000 });

/** A piece of content handed in through any channel. */
export interface IntakeInput {
  channel: Channel;
  url?: string | undefined;
  title?: string | undefined;
  text?: string | undefined;
  language?: string | undefined;
  publishedAt?: Date | undefined;
  sourceId?: string | undefined;
  /**
   * Names this sighting (a feed entry of one source, a tip, an import row), so handing the same
   * sighting in twice — a retried job, a re-polled feed — counts it once.
   */
  sightingKey?: string | undefined;
  /** When it was seen; defaults to now. */
  seenAt?: Date | undefined;
  /** A staff report's note and reporter. */
  note?: string | undefined;
  reportedById?: string | undefined;
}

/** An item ready to be stored, with the sighting that brought it. */
export interface PreparedItem {
  values: ItemValues;
  sighting: SightingValues;
}

/** What happened to one handed-in item. */
export interface IntakeOutcome {
  itemId: string;
  /** A new item was stored (false: it was already known). */
  created: boolean;
  /** The sighting was counted (false: this very sighting had been counted before). */
  counted: boolean;
  sightingsCount: number;
}

/** Cuts a string to `max` characters without splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * Validates and prepares one input. With `clipLongFields` (feeds, fetched pages) long text is
 * cut to the limits; without it (people and API clients) it is refused with a clear message.
 */
export function prepareItem(
  input: IntakeInput,
  now: Date,
  options: { clipLongFields?: boolean } = {},
): PreparedItem {
  const problems: FieldProblem[] = [];
  let rawTitle = (input.title ?? '').trim();
  let rawText = (input.text ?? '').trim();
  if (options.clipLongFields) {
    rawTitle = clip(rawTitle, ITEM_LIMITS.title);
    rawText = clip(rawText, ITEM_LIMITS.text);
  } else {
    if (rawTitle.length > ITEM_LIMITS.title) {
      problems.push({ field: 'title', message: `must be at most ${ITEM_LIMITS.title} characters` });
    }
    if (rawText.length > ITEM_LIMITS.text) {
      problems.push({ field: 'text', message: `must be at most ${ITEM_LIMITS.text} characters` });
    }
  }
  let canonicalUrl: string | null = null;
  const url = input.url?.trim() || undefined;
  if (url !== undefined) {
    if (url.length > ITEM_LIMITS.url) {
      problems.push({ field: 'url', message: `must be at most ${ITEM_LIMITS.url} characters` });
    } else {
      try {
        canonicalUrl = canonicalizeUrl(url);
      } catch (error) {
        if (error instanceof ValidationError) problems.push(...error.problems);
        else throw error;
      }
    }
  }
  const note = input.note?.trim() || undefined;
  if (note && note.length > ITEM_LIMITS.note) {
    problems.push({ field: 'note', message: `must be at most ${ITEM_LIMITS.note} characters` });
  }
  if (!url && !rawText) problems.push({ field: 'text', message: 'an item needs a url or a text' });
  if (problems.length > 0) throw new ValidationError(problems);

  // Personal data in public content is redacted before anything is stored or indexed.
  const title = redactPersonalData(rawTitle).text;
  const text = redactPersonalData(rawText).text;
  const fields = textFields(`${title}\n${text}`);
  // A link without text is fingerprinted by its URL; otherwise by the folded text at hand.
  const contentHash = text
    ? fingerprintOfFolded(fields.foldedText)
    : contentFingerprint(title, canonicalUrl ?? '');
  const seenAt = input.seenAt ?? now;
  return {
    values: {
      id: randomUUID(),
      channel: input.channel,
      sourceId: input.sourceId ?? null,
      url: url ?? null,
      canonicalUrl,
      title,
      text,
      language: input.language ?? 'vi',
      publishedAt: input.publishedAt ?? null,
      ...fields,
      contentHash,
    },
    sighting: {
      channel: input.channel,
      sourceId: input.sourceId ?? null,
      url: url ?? null,
      seenAt,
      dedupeKey: input.sightingKey ?? null,
      note: note ? redactPersonalData(note).text : null,
      reportedById: input.reportedById ?? null,
    },
  };
}

/** A fetched page's text for an item that came as a bare link: cut, redacted, normalised. */
export function preparePageText(page: { title: string; text: string }): {
  title: string;
  text: string;
  normalizedText: string;
  foldedText: string;
} {
  const title = redactPersonalData(clip(page.title.trim(), ITEM_LIMITS.title)).text;
  const text = redactPersonalData(clip(page.text.trim(), ITEM_LIMITS.text)).text;
  return { title, text, ...textFields(`${title}\n${text}`) };
}
