/**
 * Reads a CSV or JSON Lines file of items to import into the pipeline (channel `import`) and
 * validates every row, reporting problems with their line numbers.
 *
 * Fields: `url`, `title`, `text`, `published_at`, `language` (default `vi`). Header names and
 * JSON keys are matched ignoring case, diacritics, spaces and punctuation, with a few aliases
 * (`link`, `tiêu đề`, `nội dung`, `đường dẫn`, `ngày đăng`, `ngôn ngữ`, …). A row needs an absolute
 * http(s) `url` or a non-empty `text`; `title` ≤ 1,000 characters, `text` ≤ 100,000, `url` ≤ 2,048.
 * Dates are ISO 8601 or Vietnamese day-first forms (`21/11/2026`, `21/11/2026 14:30`, `14h30
 * 21-11-2026`); times without a zone are Vietnam time (UTC+7) unless told otherwise.
 * Cells that look like spreadsheet formulas (`=…`, `+…`, `@…`) are content and kept as text.
 *
 * Encoding: UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; anything else is
 * decoded by detecting a legacy Vietnamese encoding (TCVN5712, CP1258, VISCII), with a warning.
 * CSV delimiters `,` `;` and tab are detected from the header line (Excel in a Vietnamese locale
 * writes `;`).
 *
 * Problems are either row errors (that row is left out of `rows`) or file errors: too large, too
 * many rows, undecodable, unknown or duplicate columns, no header. A file error empties `rows`.
 *
 * Decision rule the CLI applies ({@link rowsToStore}): nothing is stored from a file with errors
 * unless `--skip-bad` is given, in which case only the good rows are stored; a file with a file
 * error is never stored.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import {
  decodeBytesDetecting,
  decodeLegacyBytes,
  type LegacyByteEncoding,
} from '../../text/legacy-encodings.js';

/** File formats the reader understands. */
export type ImportFormat = 'csv' | 'jsonl';

/** The fields an import row may carry, under their canonical names. */
export const IMPORT_FIELDS = ['url', 'title', 'text', 'published_at', 'language'] as const;
/** One of {@link IMPORT_FIELDS}. */
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** One valid row, ready for the item service with channel `import`. */
export interface ImportItemInput {
  url?: string;
  title: string;
  text: string;
  publishedAt?: Date;
  language: string;
}

/** A valid row and the (1-based) line where it starts in the file. */
export interface ImportRow {
  line: number;
  input: ImportItemInput;
}

/**
 * A problem found while reading. `scope: 'file'` problems make the whole file unusable; `line` is
 * null when a problem concerns the whole file rather than a place in it.
 */
export interface ImportProblem {
  scope: 'file' | 'row';
  line: number | null;
  field?: ImportField;
  message: string;
}

/** Everything the reader found in a file. */
export interface ImportResult {
  format: ImportFormat;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyByteEncoding;
  /** Valid rows, in file order; empty when there is a file error. */
  rows: ImportRow[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
  /** Data rows seen (valid or not), blank lines not counted. */
  rowsRead: number;
  /** Data rows left out because of row errors. */
  rowsRejected: number;
}

/** Reader options; every limit has a default suited to the CLI. */
export interface ImportReadOptions {
  /** Explicit format; otherwise taken from the file name's extension. */
  format?: ImportFormat;
  /** Used for the format when none is given (`.csv`, `.tsv`, `.jsonl`, `.ndjson`). */
  fileName?: string;
  /** Default 50 MB. */
  maxBytes?: number;
  /** Default 100,000 data rows. */
  maxRows?: number;
  /** Reading stops after this many row errors (default 1,000) with a file error. */
  maxErrors?: number;
  /** `auto` (default): UTF-8, else a detected legacy encoding with a warning. */
  encoding?: 'auto' | 'utf-8' | LegacyByteEncoding;
  /** Offset of times written without a zone, in minutes east of UTC; default 420 (Vietnam). */
  utcOffsetMinutes?: number;
  /** CSV delimiter; detected from the header line when not given. */
  delimiter?: ',' | ';' | '\t';
}

/** Default largest file accepted, in bytes. */
export const DEFAULT_MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Default most data rows accepted. */
export const DEFAULT_MAX_IMPORT_ROWS = 100_000;

const LIMITS = { url: 2048, title: 1000, text: 100_000 } as const;
const DEFAULT_MAX_ERRORS = 1000;
const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** Folded header name → field. Names are folded by {@link foldHeader} before lookup. */
const HEADER_ALIASES = new Map<string, ImportField>([
  ['url', 'url'],
  ['link', 'url'],
  ['uri', 'url'],
  ['source_url', 'url'],
  ['duong_dan', 'url'],
  ['lien_ket', 'url'],
  ['title', 'title'],
  ['headline', 'title'],
  ['tieu_de', 'title'],
  ['text', 'text'],
  ['content', 'text'],
  ['body', 'text'],
  ['noi_dung', 'text'],
  ['van_ban', 'text'],
  ['published_at', 'published_at'],
  ['publishedat', 'published_at'],
  ['published', 'published_at'],
  ['date', 'published_at'],
  ['pub_date', 'published_at'],
  ['ngay_dang', 'published_at'],
  ['thoi_gian_dang', 'published_at'],
  ['ngay_xuat_ban', 'published_at'],
  ['language', 'language'],
  ['lang', 'language'],
  ['ngon_ngu', 'language'],
]);

/** Header or key name folded for matching: no diacritics, lower case, `_` between words. */
export function foldHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The import format a file name implies, or null. */
export function formatFromFileName(fileName: string): ImportFormat | null {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const VN_TIME = String.raw`(\d{1,2})\s*[:hg]\s*(\d{2})(?:\s*:\s*(\d{2}))?`;
const VN_DATE = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
const VN_ZONE = String.raw`(?:\(?\s*(?:GMT|UTC)\s*([+-]\d{1,2})(?::?(\d{2}))?\s*\)?)?`;
// Date then time ("21/11/2026 14:30", "21/11/2026, lúc 14h30") or time then date ("14:30 21/11/2026").
const VN_DATE_TIME = new RegExp(
  String.raw`^${VN_DATE}(?:\s*,?\s*(?:lúc\s*)?${VN_TIME})?\s*${VN_ZONE}$`,
  'iu',
);
const VN_TIME_DATE = new RegExp(
  String.raw`^${VN_TIME}\s*,?\s*(?:ngày\s*)?${VN_DATE}\s*${VN_ZONE}$`,
  'iu',
);
const WEEKDAY_PREFIX = /^(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn)\s*,?\s*/iu;

function zoneOffset(zone: string | undefined, fallback: number): number | null {
  if (!zone) return fallback;
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

function buildDate(
  parts: {
    year: number;
    month: number;
    day: number;
    hour?: number;
    minute?: number;
    second?: number;
    ms?: number;
  },
  offsetMinutes: number,
): Date | null {
  const { year, month, day, hour = 0, minute = 0, second = 0, ms = 0 } = parts;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  // Date.UTC rolls 31/02 over into March; a calendar date must come back unchanged.
  if (
    utc.getUTCFullYear() !== year ||
    utc.getUTCMonth() !== month - 1 ||
    utc.getUTCDate() !== day
  ) {
    return null;
  }
  return new Date(utc.getTime() - offsetMinutes * 60_000);
}

/**
 * Parses a publication time: ISO 8601 (`2026-11-21`, `2026-11-21T14:30:00+07:00`) or Vietnamese
 * day-first forms (`21/11/2026`, `21/11/2026 14:30`, `21-11-2026 14h30`, `14:30 21/11/2026`,
 * `Thứ bảy, 21/11/2026 14:30 (GMT+7)`). Times without a zone are at `utcOffsetMinutes`.
 * Null when the text is not one of these forms or not a real calendar date.
 */
export function parsePublishedAt(
  input: string,
  utcOffsetMinutes = VIETNAM_OFFSET_MINUTES,
): Date | null {
  const s = input.trim().normalize('NFC');
  const iso = ISO_DATE.exec(s);
  if (iso) {
    const offset = zoneOffset(iso[8], utcOffsetMinutes);
    if (offset === null) return null;
    const fraction = iso[7] ? Number(`0.${iso[7]}`) : 0;
    return buildDate(
      {
        year: Number(iso[1]),
        month: Number(iso[2]),
        day: Number(iso[3]),
        hour: Number(iso[4] ?? 0),
        minute: Number(iso[5] ?? 0),
        second: Number(iso[6] ?? 0),
        ms: Math.round(fraction * 1000),
      },
      offset,
    );
  }
  const local = s.replace(WEEKDAY_PREFIX, '');
  let day: string | undefined;
  let month: string | undefined;
  let year: string | undefined;
  let hour: string | undefined;
  let minute: string | undefined;
  let second: string | undefined;
  let zoneHours: string | undefined;
  let zoneMinutes: string | undefined;
  const dateFirst = VN_DATE_TIME.exec(local);
  const timeFirst = dateFirst ? null : VN_TIME_DATE.exec(local);
  if (dateFirst) {
    [, day, month, year, hour, minute, second, zoneHours, zoneMinutes] = dateFirst;
  } else if (timeFirst) {
    [, hour, minute, second, day, month, year, zoneHours, zoneMinutes] = timeFirst;
  } else {
    return null;
  }
  let offset = utcOffsetMinutes;
  if (zoneHours !== undefined) {
    const h = Number(zoneHours);
    const total = Math.abs(h) * 60 + Number(zoneMinutes ?? 0);
    if (total > 14 * 60) return null;
    offset = zoneHours.startsWith('-') ? -total : total;
  }
  return buildDate(
    {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour ?? 0),
      minute: Number(minute ?? 0),
      second: Number(second ?? 0),
    },
    offset,
  );
}

// ---------------------------------------------------------------------------------------------
// Row validation

type RawRow = Partial<Record<ImportField, string>>;

const LANGUAGE_TAG = /^([A-Za-z]{2,3})((?:-[A-Za-z0-9]{2,8})*)$/;

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is a single character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function tooLong(s: string, limit: number): boolean {
  return s.length > limit && codePointLength(s) > limit;
}

function isHttpUrl(s: string): boolean {
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

function validateRow(
  raw: RawRow,
  line: number,
  utcOffsetMinutes: number,
): { input: ImportItemInput } | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const problem = (field: ImportField | undefined, message: string): void => {
    problems.push(field ? { scope: 'row', line, field, message } : { scope: 'row', line, message });
  };
  const url = (raw.url ?? '').trim();
  const title = (raw.title ?? '').replace(/\s+/g, ' ').trim();
  const text = (raw.text ?? '').replace(/\r\n?/g, '\n').trim();
  const published = (raw.published_at ?? '').trim();
  const language = (raw.language ?? '').trim();

  if (url) {
    if (tooLong(url, LIMITS.url)) problem('url', `longer than ${LIMITS.url} characters`);
    else if (!isHttpUrl(url)) problem('url', 'must be an absolute http(s) URL');
  }
  if (tooLong(title, LIMITS.title)) {
    problem('title', `longer than ${LIMITS.title.toLocaleString('en')} characters`);
  }
  if (tooLong(text, LIMITS.text)) {
    problem('text', `longer than ${LIMITS.text.toLocaleString('en')} characters`);
  }
  if (!url && !text) problem(undefined, 'a row needs a url or a text');
  let publishedAt: Date | null = null;
  if (published) {
    publishedAt = parsePublishedAt(published, utcOffsetMinutes);
    if (!publishedAt) {
      problem(
        'published_at',
        `"${published.slice(0, 40)}" is not a date (use 2026-11-21, 21/11/2026 or 21/11/2026 14:30)`,
      );
    }
  }
  let lang = 'vi';
  if (language) {
    const m = LANGUAGE_TAG.exec(language);
    if (m) lang = m[1]!.toLowerCase() + m[2]!;
    else problem('language', `"${language.slice(0, 20)}" is not a language code such as vi or en`);
  }
  if (problems.length > 0) return { problems };
  const input: ImportItemInput = { title, text, language: lang };
  if (url) input.url = url;
  if (publishedAt) input.publishedAt = publishedAt;
  return { input };
}

// ---------------------------------------------------------------------------------------------
// Reading

interface Collector {
  rows: ImportRow[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
  rowsRead: number;
  rowsRejected: number;
  rowErrors: number;
  maxRows: number;
  maxErrors: number;
  utcOffsetMinutes: number;
}

/** Raised inside the parsers to stop reading at a limit; never escapes this module. */
class StopReading extends Error {}

function fileError(c: Collector, line: number | null, message: string, field?: ImportField): void {
  c.errors.push(field ? { scope: 'file', line, field, message } : { scope: 'file', line, message });
}

function rowError(c: Collector, line: number, message: string): void {
  c.errors.push({ scope: 'row', line, message });
  c.rowsRejected++;
  countRowError(c, line, 1);
}

function countRowError(c: Collector, line: number, rows: number): void {
  c.rowErrors += rows;
  if (c.rowErrors >= c.maxErrors) {
    fileError(c, line, `stopped after ${c.maxErrors} rows with errors`);
    throw new StopReading();
  }
}

/** Counts a data row against the limit; stops reading when the file has too many. */
function countRow(c: Collector, line: number): void {
  c.rowsRead++;
  if (c.rowsRead > c.maxRows) {
    c.rowsRead--;
    fileError(c, line, `more than ${c.maxRows.toLocaleString('en')} rows; split the file`);
    throw new StopReading();
  }
}

function acceptRow(c: Collector, raw: RawRow, line: number): void {
  const result = validateRow(raw, line, c.utcOffsetMinutes);
  if ('input' in result) {
    c.rows.push({ line, input: result.input });
    return;
  }
  c.errors.push(...result.problems);
  c.rowsRejected++;
  countRowError(c, line, 1);
}

interface Columns {
  /** Field of each column; null for a column with an empty header. */
  fields: (ImportField | null)[];
}

/** Maps header names to fields; records unknown and duplicate names as file errors. */
function mapHeader(c: Collector, names: readonly string[], line: number | null): Columns | null {
  const fields: (ImportField | null)[] = [];
  const seen = new Map<ImportField, string>();
  const unknown: string[] = [];
  let ok = true;
  for (const rawName of names) {
    const name = rawName.trim();
    if (name === '') {
      fields.push(null);
      continue;
    }
    const field = HEADER_ALIASES.get(foldHeader(name));
    if (!field) {
      unknown.push(name);
      fields.push(null);
      continue;
    }
    const earlier = seen.get(field);
    if (earlier !== undefined) {
      fileError(c, line, `columns "${earlier}" and "${name}" both mean ${field}`, field);
      ok = false;
    }
    seen.set(field, name);
    fields.push(field);
  }
  if (unknown.length > 0) {
    fileError(
      c,
      line,
      `unknown columns: ${unknown.map((u) => `"${u.slice(0, 60)}"`).join(', ')} (known: ${IMPORT_FIELDS.join(', ')})`,
    );
    ok = false;
  }
  if (ok && !seen.has('url') && !seen.has('text')) {
    fileError(c, line, 'the file needs a url or a text column');
    ok = false;
  }
  return ok ? { fields } : null;
}

/** Finds where lines start, for line numbers that only grow. */
class LineIndex {
  private line = 1;
  private offset = 0;
  constructor(private readonly bytes: Buffer) {}
  /** Byte offset where `line` (1-based) starts, or -1 past the end. */
  offsetOf(line: number): number {
    while (this.line < line) {
      const nl = this.bytes.indexOf(0x0a, this.offset);
      if (nl === -1) return -1;
      this.offset = nl + 1;
      this.line++;
    }
    return this.offset;
  }
}

function countNewlines(record: readonly string[]): number {
  let n = 0;
  for (const field of record) {
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** Picks the delimiter that occurs most often outside quotes in the first line. */
function sniffDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 65_536; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

const CSV_ERROR_MESSAGES: Partial<Record<CsvError['code'], string>> = {
  CSV_QUOTE_NOT_CLOSED: 'malformed CSV: a quoted field is never closed (missing ")',
  CSV_INVALID_CLOSING_QUOTE:
    'malformed CSV: text right after a closing quote; double quotes inside a quoted field ("")',
  INVALID_OPENING_QUOTE:
    'malformed CSV: a quote inside an unquoted field; quote the whole field and double inner quotes',
};

function csvErrorMessage(error: CsvError): string {
  return CSV_ERROR_MESSAGES[error.code] ?? `malformed CSV (${error.code})`;
}

/**
 * Reads CSV rows into the collector; false when the file has no header row at all. Line numbers
 * come from the records themselves: with line breaks normalised to LF and empty lines kept as
 * records, a record spans one line plus the line breaks inside its quoted fields.
 */
function readCsv(c: Collector, text: string, delimiter: ',' | ';' | '\t'): boolean {
  const bytes = Buffer.from(text.replace(/\r\n?/g, '\n'), 'utf8');
  const index = new LineIndex(bytes);
  const options = {
    delimiter,
    record_delimiter: '\n',
    relax_column_count: true,
    skip_empty_lines: false,
  } as const;
  let columns: Columns | null = null;
  let headerSeen = false;
  let line = 1;
  const take = (records: readonly string[][]): void => {
    for (const record of records) {
      const start = line;
      line += 1 + countNewlines(record);
      if (record.every((cell) => cell.trim() === '')) continue;
      if (!headerSeen) {
        headerSeen = true;
        columns = mapHeader(c, record, start);
        if (!columns) throw new StopReading();
        continue;
      }
      countRow(c, start);
      // Set with the header, which always comes first.
      csvRow(c, columns!, record, start);
    }
  };
  let base = 0;
  while (base < bytes.length) {
    const segment = bytes.subarray(base);
    let records: string[][];
    try {
      records = parse(segment, options);
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      // The sync API returns nothing on error: parse again the records before the bad one.
      const good = typeof error.records === 'number' ? error.records : 0;
      take(good > 0 ? parse(segment, { ...options, to: good }) : []);
      if (!headerSeen) {
        fileError(c, line, `the header row is ${csvErrorMessage(error)}`);
        return true;
      }
      countRow(c, line);
      rowError(c, line, csvErrorMessage(error));
      // Resume on the line after the bad record's first line: an unclosed quote must not swallow
      // the rest of the file.
      line++;
      base = index.offsetOf(line);
      if (base === -1) break;
      continue;
    }
    take(records);
    break;
  }
  return headerSeen;
}

function csvRow(c: Collector, columns: Columns, record: readonly string[], line: number): void {
  const { fields } = columns;
  if (record.length < fields.length) {
    rowError(c, line, `has ${record.length} fields; the header has ${fields.length}`);
    return;
  }
  for (let i = fields.length; i < record.length; i++) {
    // Trailing empty cells are what spreadsheets leave behind; values there would be lost.
    if (record[i]!.trim() !== '') {
      rowError(c, line, `has ${record.length} fields; the header has ${fields.length}`);
      return;
    }
  }
  const raw: RawRow = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const value = record[i]!;
    if (field) raw[field] = value;
    else if (value.trim() !== '') {
      rowError(c, line, `a value in column ${i + 1}, which has no header`);
      return;
    }
  }
  acceptRow(c, raw, line);
}

function readJsonl(c: Collector, text: string): void {
  const unknown = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const source = lines[i]!.trim();
    if (source === '') continue;
    const line = i + 1;
    countRow(c, line);
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      rowError(c, line, `invalid JSON: ${(error as Error).message}`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      rowError(c, line, 'each line must be a JSON object');
      continue;
    }
    const raw: RawRow = {};
    const problems: ImportProblem[] = [];
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const field = HEADER_ALIASES.get(foldHeader(key));
      if (!field) {
        if (!unknown.has(key)) unknown.set(key, line);
        continue;
      }
      if (v === null || v === undefined) continue;
      if (typeof v !== 'string') {
        problems.push({ scope: 'row', line, field, message: `must be a string, not ${typeof v}` });
        continue;
      }
      if (raw[field] !== undefined) {
        problems.push({ scope: 'row', line, field, message: `given twice (as "${key}" too)` });
        continue;
      }
      raw[field] = v;
    }
    if (problems.length > 0) {
      c.errors.push(...problems);
      c.rowsRejected++;
      countRowError(c, line, 1);
      continue;
    }
    acceptRow(c, raw, line);
  }
  if (unknown.size > 0) {
    const list = [...unknown].map(([key, line]) => `"${key.slice(0, 60)}" (line ${line})`);
    fileError(c, null, `unknown fields: ${list.join(', ')} (known: ${IMPORT_FIELDS.join(', ')})`);
  }
}

function decode(
  bytes: Uint8Array,
  encoding: NonNullable<ImportReadOptions['encoding']>,
  c: Collector,
): { text: string; encoding: ImportResult['encoding'] } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes).normalize('NFC'),
      encoding: 'utf-16le',
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes).normalize('NFC'),
      encoding: 'utf-16be',
    };
  }
  if (encoding === 'utf-8') {
    try {
      // TextDecoder drops a leading BOM.
      return {
        text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).normalize('NFC'),
        encoding: 'utf-8',
      };
    } catch {
      fileError(c, null, 'the file is not valid UTF-8; save it as "CSV UTF-8" and try again');
      return null;
    }
  }
  if (encoding !== 'auto') return { text: decodeLegacyBytes(bytes, encoding), encoding };
  const detected = decodeBytesDetecting(bytes);
  if (detected.encoding !== 'utf-8') {
    c.warnings.push({
      scope: 'file',
      line: null,
      message: `the file is not UTF-8; read it as ${detected.encoding.toUpperCase()}: check that the Vietnamese text below looks right`,
    });
  }
  return { text: detected.text.replace(/^\uFEFF/, ''), encoding: detected.encoding };
}

function resolveFormat(options: ImportReadOptions): ImportFormat {
  const format = options.format ?? (options.fileName ? formatFromFileName(options.fileName) : null);
  if (!format) {
    throw new TypeError(
      `Cannot tell the format of "${options.fileName ?? 'the file'}": name it .csv or .jsonl, or give the format.`,
    );
  }
  return format;
}

function newCollector(options: ImportReadOptions): Collector {
  return {
    rows: [],
    errors: [],
    warnings: [],
    rowsRead: 0,
    rowsRejected: 0,
    rowErrors: 0,
    maxRows: options.maxRows ?? DEFAULT_MAX_IMPORT_ROWS,
    maxErrors: options.maxErrors ?? DEFAULT_MAX_ERRORS,
    utcOffsetMinutes: options.utcOffsetMinutes ?? VIETNAM_OFFSET_MINUTES,
  };
}

function finish(
  c: Collector,
  format: ImportFormat,
  encoding: ImportResult['encoding'],
): ImportResult {
  const fatal = c.errors.some((e) => e.scope === 'file');
  return {
    format,
    encoding,
    rows: fatal ? [] : c.rows,
    errors: c.errors,
    warnings: c.warnings,
    rowsRead: c.rowsRead,
    rowsRejected: c.rowsRejected,
  };
}

function tooLarge(options: ImportReadOptions, format: ImportFormat): ImportResult {
  const c = newCollector(options);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  fileError(c, null, `the file is larger than ${formatBytes(maxBytes)}; split it`);
  return finish(c, format, 'utf-8');
}

/**
 * Reads and validates an import file already in memory. Bad content never throws: problems are
 * in `errors` and `warnings`. Throws a TypeError when the format is neither given nor implied by
 * `fileName`.
 */
export function parseImport(bytes: Uint8Array, options: ImportReadOptions = {}): ImportResult {
  const format = resolveFormat(options);
  if (bytes.length > (options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES)) {
    return tooLarge(options, format);
  }
  const c = newCollector(options);
  const decoded = decode(bytes, options.encoding ?? 'auto', c);
  if (!decoded) return finish(c, format, 'utf-8');
  try {
    if (format === 'csv') {
      const delimiter = options.delimiter ?? sniffDelimiter(decoded.text);
      const hasHeader = readCsv(c, decoded.text, delimiter);
      if (!hasHeader) fileError(c, null, 'the file is empty');
      else if (c.errors.length === 0 && c.rowsRead === 0) {
        fileError(c, null, 'the file has a header but no data rows');
      }
    } else {
      readJsonl(c, decoded.text);
      if (c.errors.length === 0 && c.rowsRead === 0) fileError(c, null, 'the file is empty');
    }
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
  }
  return finish(c, format, decoded.encoding);
}

/**
 * Reads and validates an import file from disk, refusing a file over the size limit before
 * reading it. I/O failures (missing file, permissions) throw as usual, as does an unknown format.
 */
export async function readImportFile(
  path: string,
  options: ImportReadOptions = {},
): Promise<ImportResult> {
  const withName = { ...options, fileName: options.fileName ?? path };
  const format = resolveFormat(withName);
  const { size } = await stat(path);
  if (size > (options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES)) return tooLarge(withName, format);
  return parseImport(await readFile(path), withName);
}

/**
 * The rows to store under the CLI's decision rule: all valid rows when the file has no errors;
 * with `skipBad`, the valid rows even if others had errors; nothing when there is a file error.
 */
export function rowsToStore(result: ImportResult, skipBad: boolean): ImportRow[] {
  if (result.errors.some((e) => e.scope === 'file')) return [];
  if (result.errors.length > 0 && !skipBad) return [];
  return result.rows;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toLocaleString('en')} MB`;
  if (n >= 1024) return `${(n / 1024).toLocaleString('en')} KB`;
  return `${n} bytes`;
}

function describeProblem(p: ImportProblem): string {
  const where = p.line === null ? 'file' : `line ${p.line}`;
  return `  ${where}${p.field ? `, ${p.field}` : ''}: ${p.message}`;
}

/** A plain-text report of a read for the terminal: a summary, then warnings and errors by line. */
export function formatImportReport(result: ImportResult, fileName?: string): string {
  const fileErrors = result.errors.filter((e) => e.scope === 'file');
  const head = [
    fileName ? `${fileName}:` : 'Import:',
    `${result.format.toUpperCase()},`,
    `${result.encoding.toUpperCase()},`,
    `${result.rowsRead.toLocaleString('en')} rows read,`,
    `${result.rows.length.toLocaleString('en')} valid,`,
    `${result.rowsRejected.toLocaleString('en')} with errors.`,
  ].join(' ');
  const out = [head];
  if (fileErrors.length > 0) out.push('The file cannot be imported:');
  else if (result.errors.length === 0) out.push('No errors.');
  if (result.warnings.length > 0) {
    out.push('Warnings:', ...result.warnings.map(describeProblem));
  }
  if (result.errors.length > 0) {
    const sorted = [...result.errors].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.scope === 'file' ? -1 : 1),
    );
    out.push('Errors:', ...sorted.map(describeProblem));
  }
  return `${out.join('\n')}\n`;
}
