/**
 * Mentions in staff notes: `@lan.nguyen` (the part of a colleague's e-mail before the @) or
 * `@lan.nguyen@so-tttt.gov.vn` (the whole address). Only handles are read here; which user each
 * names is the user repository's answer.
 */
const MENTION =
  /(^|[^\p{L}\p{N}_@.])@([\p{L}\p{N}_%+-]+(?:\.[\p{L}\p{N}_%+-]+)*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)/gu;

/** The distinct handles mentioned in a text, lower-case, in order of first mention. */
export function extractMentions(text: string): string[] {
  const handles = new Set<string>();
  for (const match of text.matchAll(MENTION)) handles.add(match[2]!.toLowerCase());
  return [...handles].slice(0, 50);
}
