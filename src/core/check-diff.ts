/**
 * What changed between two saved versions of a check, field by field, as structured parts an
 * editor's screen can colour: word by word for every text, and line by line for the
 * explanation (Markdown is written in lines).
 */
import { diffLines, diffWordsWithSpace, type ChangeObject } from 'diff';

/** One run of text: kept, added or removed. */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** How one field differs. */
export interface FieldDiff {
  field: string;
  before: unknown;
  after: unknown;
  /** Word-level parts of a text field (absent for other values). */
  words?: DiffPart[];
  /** Line-level parts of the explanation. */
  lines?: DiffPart[];
}

/** Fields compared, in the order a reader sees them. */
const FIELDS = [
  'title',
  'rating',
  'summary',
  'explanation',
  'status',
  'slug',
  'categoryId',
  'reviewerId',
] as const;
const TEXT_FIELDS = new Set<string>(['title', 'summary', 'explanation']);

function parts(changes: ChangeObject<string>[]): DiffPart[] {
  return changes.map((change) => ({
    op: change.added ? 'insert' : change.removed ? 'delete' : 'equal',
    text: change.value,
  }));
}

/** The fields that differ between two snapshots of a check, with their text diffs. */
export function diffCheckSnapshots(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of FIELDS) {
    const a = before[field] ?? null;
    const b = after[field] ?? null;
    if (a === b) continue;
    const diff: FieldDiff = { field, before: a, after: b };
    if (TEXT_FIELDS.has(field)) {
      const from = typeof a === 'string' ? a : '';
      const to = typeof b === 'string' ? b : '';
      diff.words = parts(diffWordsWithSpace(from, to));
      if (field === 'explanation') diff.lines = parts(diffLines(from, to));
    }
    out.push(diff);
  }
  return out;
}
