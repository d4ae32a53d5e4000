/**
 * Robustness and agreement evaluation of {@link parseFeed} over the shared feed corpora
 * (`feeds-*` under the evaluation data directory).
 *
 * Robustness: every file of every corpus (feeds, oracle outputs, licences alike) goes through
 * parseFeed in a worker thread with a per-file time limit and a heap limit; each file ends as
 * parsed, rejected with a reason, timed out or crashed.
 *
 * Agreement: where gofeed (`feeds-gofeed`, input + expected JSON) or rss-parser
 * (`feeds-rss-parser`, test/input + test/output) give expected output, entries are compared
 * by position on three fields:
 * - title: the oracle's value through HTML-to-text (tags stripped, entities decoded,
 *   whitespace collapsed, NFC; the oracles return raw markup at varying levels of escaping)
 *   equals ours whitespace-collapsed, or ours through the same HTML-to-text step. Where the
 *   oracle itself mis-decoded bytes (U+FFFD in its title), each U+FFFD matches one character;
 * - link: both parsed as URLs and equal after resolution against the same base (the feed's
 *   document URL given to parseFeed);
 * - date: equal to the second. gofeed's published and updated are compared with publishedAt and
 *   updatedAt; rss-parser's single isoDate with publishedAt, else updatedAt.
 * An oracle entry with no value for a field (absent or empty) is not counted for that field:
 * it is left out of the denominator and reported separately as "oracle has none", with how
 * many of those we did fill. An oracle entry we did not produce at all counts as disagreeing
 * on every field the oracle has.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { collapseText, htmlToText } from './feed-text.js';
import type { FeedFormat, FeedRejectReason } from './feed.types.js';

/** A message to the evaluation worker: parse one file. */
export interface FeedFileJob {
  id: number;
  path: string;
  /** The document URL handed to parseFeed (relative links resolve against it). */
  url: string;
  wantEntries: boolean;
}

/** The fields of an entry that agreement looks at; dates as epoch milliseconds. */
export interface EntrySample {
  title: string;
  link?: string;
  publishedAt?: number;
  updatedAt?: number;
}

/** What became of one file. */
export interface FeedFileOutcome {
  id: number;
  status: 'ok' | 'rejected' | 'timeout' | 'crashed';
  format?: FeedFormat;
  reason?: FeedRejectReason;
  message?: string;
  entries: number;
  bytes: number;
  ms: number;
  sample?: EntrySample[];
}

/** One file of the corpora. */
export interface CorpusFile {
  corpus: string;
  path: string;
  /** Path relative to the corpus folder. */
  name: string;
}

/** An input with an oracle's expected output. */
export interface OraclePair {
  oracle: 'gofeed' | 'rss-parser';
  input: string;
  expected: string;
}

/** An oracle's view of one entry. */
export interface OracleEntry {
  title?: string;
  link?: string;
  published?: number;
  updated?: number;
  /** rss-parser's isoDate: published, else updated. */
  date?: number;
}

/** Counts for one field of one oracle. */
export interface FieldAgreement {
  compared: number;
  agreed: number;
  /** compared > 0 ? agreed / compared : 1 */
  rate: number;
  /** Oracle entries with no value for the field (not in `compared`). */
  oracleNone: number;
  /** Of those, how many we gave a value. */
  oracleNoneWeHave: number;
}

/** Agreement with one oracle. */
export interface OracleAgreement {
  pairs: number;
  /** Pairs whose input we rejected although the oracle has entries. */
  rejectedWithEntries: number;
  entries: number;
  title: FieldAgreement;
  link: FieldAgreement;
  date: FieldAgreement;
  /** A few disagreements, for reading. */
  examples: string[];
}

/** The whole evaluation. */
export interface FeedEvalReport {
  files: number;
  bytes: number;
  entries: number;
  elapsedMs: number;
  /** Per corpus: files, and counts by outcome ("ok:rss", "rejected:not-a-feed", "timeout"…). */
  corpora: Record<string, { files: number; outcomes: Record<string, number> }>;
  reasons: Record<string, number>;
  timeouts: string[];
  crashes: string[];
  /** Slowest single parse, and the 99th percentile, in milliseconds. */
  maxMs: number;
  maxMsFile: string;
  p99Ms: number;
  agreement: Record<OraclePair['oracle'], OracleAgreement>;
}

/** Options for {@link evaluateFeedCorpora}. */
export interface FeedEvalOptions {
  /** Per-file time limit; a worker over it is terminated. Default 10 s. */
  timeoutMs?: number;
  /** Heap limit of each worker in MB. Default 256. */
  maxHeapMb?: number;
  /** Worker threads. Default 2. */
  concurrency?: number;
}

/** Every file under the `feeds-*` folders of the data directory, sorted. */
export function listCorpusFiles(dataDir: string): CorpusFile[] {
  const out: CorpusFile[] = [];
  const corpora = readdirSync(dataDir)
    .filter((n) => n.startsWith('feeds-'))
    .sort();
  for (const corpus of corpora) {
    const root = join(dataDir, corpus);
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else out.push({ corpus, path: full, name: relative(root, full) });
      }
    };
    walk(root);
  }
  return out;
}

/** Input/expected pairs of the two oracles present among the files. */
export function findOraclePairs(files: readonly CorpusFile[]): OraclePair[] {
  const paths = new Set(files.map((f) => f.path));
  const pairs: OraclePair[] = [];
  for (const f of files) {
    const ext = extname(f.path);
    const stem = f.path.slice(0, -ext.length);
    if (f.corpus === 'feeds-gofeed') {
      if (ext === '.xml' && paths.has(`${stem}.json`))
        pairs.push({ oracle: 'gofeed', input: f.path, expected: `${stem}.json` });
      else if (ext === '.json' && paths.has(`${stem}_expected.json`))
        pairs.push({ oracle: 'gofeed', input: f.path, expected: `${stem}_expected.json` });
    } else if (f.corpus === 'feeds-rss-parser' && f.name.startsWith('test/input/')) {
      const expected = join(dirname(dirname(f.path)), 'output', `${basename(stem)}.json`);
      if (paths.has(expected)) pairs.push({ oracle: 'rss-parser', input: f.path, expected });
    }
  }
  return pairs;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function time(v: unknown): number | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** Reads an oracle file; rss-parser wrote one output in latin-1, so non-UTF-8 falls back to it. */
function readJsonLoose(path: string): unknown {
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = bytes.toString('latin1');
  }
  return JSON.parse(text) as unknown;
}

/** gofeed's link for an item: `link`, else the alternate among `links`, else `url` (JSON Feed). */
function gofeedLink(item: Record<string, unknown>): string | undefined {
  const direct = str(item.link);
  if (direct) return direct;
  if (Array.isArray(item.links)) {
    for (const l of item.links as unknown[]) {
      if (typeof l === 'string') return str(l);
      if (isRecord(l)) {
        const rel = str(l.rel) ?? 'alternate';
        if (rel === 'alternate') return str(l.href);
      }
    }
  }
  return str(item.url);
}

/** The entries an oracle expects for a pair. */
export function readOracle(pair: OraclePair): OracleEntry[] {
  const doc = readJsonLoose(pair.expected);
  if (pair.oracle === 'rss-parser') {
    const feed = isRecord(doc) && isRecord(doc.feed) ? doc.feed : doc;
    const items = isRecord(feed) && Array.isArray(feed.items) ? (feed.items as unknown[]) : [];
    return items.filter(isRecord).map((item) => {
      const e: OracleEntry = {};
      const title = str(item.title);
      if (title !== undefined) e.title = title;
      const link = str(item.link);
      if (link !== undefined) e.link = link;
      const date = time(item.isoDate);
      if (date !== undefined) e.date = date;
      return e;
    });
  }
  const items = isRecord(doc)
    ? Array.isArray(doc.items)
      ? (doc.items as unknown[])
      : Array.isArray(doc.entries)
        ? (doc.entries as unknown[])
        : []
    : [];
  return items.filter(isRecord).map((item) => {
    const e: OracleEntry = {};
    const title = str(item.title);
    if (title !== undefined) e.title = title;
    const link = gofeedLink(item);
    if (link !== undefined) e.link = link;
    const published =
      time(item.publishedParsed) ?? time(item.pubDateParsed) ?? time(item.date_published);
    if (published !== undefined) e.published = published;
    const updated = time(item.updatedParsed) ?? time(item.date_modified);
    if (updated !== undefined) e.updated = updated;
    return e;
  });
}

/** Title normalisation for comparison: plain text, whitespace collapsed, NFC. */
export function normaliseTitle(s: string): string {
  return htmlToText(s);
}

/** Title agreement as described in the module comment. */
export function sameTitle(oracle: string, ours: string): boolean {
  const o = normaliseTitle(oracle);
  const plain = collapseText(ours);
  if (o === plain || o === normaliseTitle(ours)) return true;
  if (!o.includes('\uFFFD')) return false;
  const oc = Array.from(o);
  const wc = Array.from(plain);
  return oc.length === wc.length && oc.every((c, i) => c === '\uFFFD' || c === wc[i]);
}

/** True when two links are the same URL after resolution against base. */
export function sameLink(a: string | undefined, b: string | undefined, base: string): boolean {
  if (a === undefined || b === undefined) return false;
  try {
    return new URL(a.trim(), base).href === new URL(b.trim(), base).href;
  } catch {
    return a.trim() === b.trim();
  }
}

/** True when two instants are equal to the second. */
export function sameSecond(a: number | undefined, b: number | undefined): boolean {
  return a !== undefined && b !== undefined && Math.floor(a / 1000) === Math.floor(b / 1000);
}

function emptyField(): FieldAgreement {
  return { compared: 0, agreed: 0, rate: 1, oracleNone: 0, oracleNoneWeHave: 0 };
}

function emptyAgreement(): OracleAgreement {
  return {
    pairs: 0,
    rejectedWithEntries: 0,
    entries: 0,
    title: emptyField(),
    link: emptyField(),
    date: emptyField(),
    examples: [],
  };
}

function tally(
  field: FieldAgreement,
  oracleHas: boolean,
  weHave: boolean,
  agree: boolean,
): boolean {
  if (!oracleHas) {
    field.oracleNone += 1;
    if (weHave) field.oracleNoneWeHave += 1;
    return true;
  }
  field.compared += 1;
  if (agree) field.agreed += 1;
  return agree;
}

/** The document URL given to parseFeed for a corpus file (a reserved .invalid host). */
export function corpusFileUrl(file: Pick<CorpusFile, 'corpus' | 'name'>): string {
  return new URL(`${file.corpus}/${file.name}`, 'https://corpus.invalid/').href;
}

/** Compares our entries for one pair with the oracle's, adding to `agg`. */
export function compareWithOracle(
  agg: OracleAgreement,
  pair: OraclePair,
  expected: readonly OracleEntry[],
  ours: FeedFileOutcome,
  base: string,
): void {
  agg.pairs += 1;
  agg.entries += expected.length;
  if (ours.status !== 'ok' && expected.length > 0) agg.rejectedWithEntries += 1;
  const sample = ours.sample ?? [];
  const note = (what: string, o: unknown, w: unknown, i: number): void => {
    if (agg.examples.length < 40)
      agg.examples.push(
        `${pair.input.split('/').slice(-2).join('/')}#${i} ${what}: oracle ${JSON.stringify(o)} ours ${JSON.stringify(w)}`,
      );
  };
  expected.forEach((o, i) => {
    const w = sample[i];
    const ot = o.title !== undefined ? normaliseTitle(o.title) : '';
    const wt = w?.title ?? '';
    if (!tally(agg.title, ot !== '', wt !== '', sameTitle(o.title ?? '', wt)))
      note('title', ot, wt, i);
    if (
      !tally(agg.link, o.link !== undefined, w?.link !== undefined, sameLink(o.link, w?.link, base))
    )
      note('link', o.link, w?.link, i);
    if (pair.oracle === 'rss-parser') {
      const ours = w?.publishedAt ?? w?.updatedAt;
      if (!tally(agg.date, o.date !== undefined, ours !== undefined, sameSecond(o.date, ours)))
        note('date', o.date && new Date(o.date), ours && new Date(ours), i);
    } else {
      const pub = tally(
        agg.date,
        o.published !== undefined,
        w?.publishedAt !== undefined,
        sameSecond(o.published, w?.publishedAt),
      );
      if (!pub) note('published', o.published, w?.publishedAt, i);
      const upd = tally(
        agg.date,
        o.updated !== undefined,
        w?.updatedAt !== undefined,
        sameSecond(o.updated, w?.updatedAt),
      );
      if (!upd) note('updated', o.updated, w?.updatedAt, i);
    }
  });
}

function finishRates(a: OracleAgreement): void {
  for (const f of [a.title, a.link, a.date]) f.rate = f.compared > 0 ? f.agreed / f.compared : 1;
}

/** Starts a worker for {@link FeedFileJob}s, with tsx when this module runs from TypeScript. */
function startWorker(maxHeapMb: number): Worker {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  const workerUrl = new URL(`./feed-eval.worker${ext}`, import.meta.url);
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 32 };
  if (ext === '.ts') {
    // Workers do not inherit tsx's loader; register it before importing the worker module.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); })`;
    return new Worker(boot, { eval: true, resourceLimits });
  }
  return new Worker(workerUrl, { resourceLimits });
}

/**
 * Parses files in worker threads, each under a time limit; a worker that overruns is
 * terminated and replaced, one that dies (out of heap, crash) is recorded and replaced.
 */
export async function runFeedFiles(
  jobs: readonly FeedFileJob[],
  options: FeedEvalOptions = {},
): Promise<FeedFileOutcome[]> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxHeapMb = options.maxHeapMb ?? 256;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 2, jobs.length));
  const outcomes: FeedFileOutcome[] = new Array<FeedFileOutcome>(jobs.length);
  let next = 0;
  let done = 0;

  return new Promise((resolve) => {
    if (jobs.length === 0) {
      resolve([]);
      return;
    }
    const lane = (): void => {
      let worker = startWorker(maxHeapMb);
      let current: FeedFileJob | undefined;
      let timer: NodeJS.Timeout | undefined;

      const finish = (outcome: FeedFileOutcome): void => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        outcomes[outcome.id] = outcome;
        current = undefined;
        done += 1;
        if (done === jobs.length) resolve(outcomes);
      };
      const replace = (): void => {
        void worker.terminate();
        worker = startWorker(maxHeapMb);
        wire();
        feed();
      };
      const feed = (): void => {
        if (next >= jobs.length) {
          void worker.terminate();
          return;
        }
        const job = jobs[next] as FeedFileJob;
        next += 1;
        current = job;
        timer = setTimeout(() => {
          const bytes = safeSize(job.path);
          finish({ id: job.id, status: 'timeout', entries: 0, bytes, ms: timeoutMs });
          replace();
        }, timeoutMs);
        worker.postMessage(job);
      };
      const wire = (): void => {
        const w = worker;
        w.on('message', (outcome: FeedFileOutcome) => {
          if (w !== worker || !current || outcome.id !== current.id) return;
          finish(outcome);
          feed();
        });
        const died = (message: string): void => {
          if (w !== worker) return;
          if (current) {
            const job = current;
            finish({
              id: job.id,
              status: 'crashed',
              message: message.slice(0, 200),
              entries: 0,
              bytes: safeSize(job.path),
              ms: 0,
            });
          }
          if (next < jobs.length) replace();
        };
        w.on('error', (error: Error) => died(error.message));
        w.on('exit', (code) => {
          if (current) died(`worker exited with code ${code}`);
        });
      };
      wire();
      feed();
    };
    for (let i = 0; i < concurrency; i++) lane();
  });
}

function safeSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Runs robustness and agreement over every `feeds-*` corpus under dataDir. */
export async function evaluateFeedCorpora(
  dataDir: string,
  options: FeedEvalOptions = {},
): Promise<FeedEvalReport> {
  const started = performance.now();
  const files = listCorpusFiles(dataDir);
  const pairs = findOraclePairs(files);
  const wanted = new Set(pairs.map((p) => p.input));
  const jobs: FeedFileJob[] = files.map((f, id) => ({
    id,
    path: f.path,
    url: corpusFileUrl(f),
    wantEntries: wanted.has(f.path),
  }));
  const outcomes = await runFeedFiles(jobs, options);

  const report: FeedEvalReport = {
    files: files.length,
    bytes: 0,
    entries: 0,
    elapsedMs: 0,
    corpora: {},
    reasons: {},
    timeouts: [],
    crashes: [],
    maxMs: 0,
    maxMsFile: '',
    p99Ms: 0,
    agreement: { gofeed: emptyAgreement(), 'rss-parser': emptyAgreement() },
  };
  const times: number[] = [];
  const byPath = new Map<string, FeedFileOutcome>();
  files.forEach((f, i) => {
    const o = outcomes[i] as FeedFileOutcome;
    byPath.set(f.path, o);
    report.bytes += o.bytes;
    report.entries += o.entries;
    times.push(o.ms);
    if (o.ms > report.maxMs) {
      report.maxMs = o.ms;
      report.maxMsFile = `${f.corpus}/${f.name}`;
    }
    const key =
      o.status === 'ok'
        ? `ok:${o.format ?? '?'}`
        : o.status === 'rejected'
          ? `rejected:${o.reason ?? '?'}`
          : o.status;
    const corpus = (report.corpora[f.corpus] ??= { files: 0, outcomes: {} });
    corpus.files += 1;
    corpus.outcomes[key] = (corpus.outcomes[key] ?? 0) + 1;
    if (o.status === 'rejected' && o.reason)
      report.reasons[o.reason] = (report.reasons[o.reason] ?? 0) + 1;
    if (o.status === 'timeout') report.timeouts.push(`${f.corpus}/${f.name}`);
    if (o.status === 'crashed') report.crashes.push(`${f.corpus}/${f.name}: ${o.message ?? ''}`);
  });
  times.sort((a, b) => a - b);
  report.p99Ms = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0;

  const fileByPath = new Map(files.map((f) => [f.path, f]));
  for (const pair of pairs) {
    const ours = byPath.get(pair.input);
    const file = fileByPath.get(pair.input);
    if (!ours || !file) continue;
    let expected: OracleEntry[];
    try {
      expected = readOracle(pair);
    } catch {
      continue; // An unreadable oracle file is no evidence either way.
    }
    compareWithOracle(report.agreement[pair.oracle], pair, expected, ours, corpusFileUrl(file));
  }
  finishRates(report.agreement.gofeed);
  finishRates(report.agreement['rss-parser']);
  report.elapsedMs = performance.now() - started;
  return report;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** A readable summary of a report: per-corpus outcomes, reasons, agreement. */
export function formatFeedEvalReport(r: FeedEvalReport): string {
  const lines: string[] = [];
  lines.push(
    `feeds: ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.entries} entries, ` +
      `${(r.elapsedMs / 1000).toFixed(1)} s; slowest ${r.maxMs.toFixed(0)} ms (${r.maxMsFile}), p99 ${r.p99Ms.toFixed(1)} ms`,
  );
  for (const [corpus, c] of Object.entries(r.corpora)) {
    const parts = Object.entries(c.outcomes)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`);
    lines.push(`  ${corpus}: ${c.files} files — ${parts.join(', ')}`);
  }
  lines.push(
    `  reject reasons: ${Object.entries(r.reasons)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  lines.push(`  timeouts: ${r.timeouts.length}, crashes: ${r.crashes.length}`);
  for (const [oracle, a] of Object.entries(r.agreement)) {
    const field = (name: string, f: FieldAgreement): string =>
      `${name} ${pct(f.rate)} (${f.agreed}/${f.compared}; oracle has none ${f.oracleNone}, we have ${f.oracleNoneWeHave})`;
    lines.push(
      `  agreement with ${oracle}: ${a.pairs} pairs, ${a.entries} entries, ${a.rejectedWithEntries} rejected — ` +
        `${field('title', a.title)}; ${field('link', a.link)}; ${field('date', a.date)}`,
    );
  }
  return lines.join('\n');
}

/** True when the shared evaluation data has feed corpora. */
export function hasFeedCorpora(dataDir: string): boolean {
  return existsSync(dataDir) && readdirSync(dataDir).some((n) => n.startsWith('feeds-'));
}
