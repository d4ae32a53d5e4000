/**
 * Loaders for the shared evaluation data used by the claim-matching benchmarks (bench code may do
 * I/O; the data stays outside the product). Data lives in ../shared/data beside the checkout.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MatchDocument } from '../../src/text/matcher.js';
import type { EvalQuery } from '../../src/text/match-eval.js';

/** Root of the project checkout. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Shared evaluation data. */
export const dataDir = path.resolve(projectRoot, '../shared/data');

/** A query set with judgements. */
export interface MatchDataset {
  name: string;
  archive: MatchDocument[];
  queries: EvalQuery[];
  qrels: Map<string, Set<string>>;
}

function read(rel: string): string {
  return readFileSync(path.join(dataDir, rel), 'utf8');
}

/** Parses tab-separated text where a field may be quoted ("…", "" for a quote) and span lines. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) break;
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      // Anything after the closing quote up to the delimiter belongs to the field.
      while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
    } else {
      while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
    }
    row.push(field);
    if (text[i] === '\t') {
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function jsonl<T>(rel: string): T[] {
  return read(rel)
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T);
}

/** TREC qrels: `query 0 doc rel` (tab or space separated), rel > 0 kept. */
export function parseQrels(text: string): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || Number(f[3]) <= 0) continue;
    const q = f[0] ?? '';
    const d = f[2] ?? '';
    let s = m.get(q);
    if (!s) m.set(q, (s = new Set()));
    s.add(d);
  }
  return m;
}

interface VClaim2022 {
  vclaim_id: string;
  vclaim: string;
  title?: string;
  subtitle?: string;
}

/** CheckThat! 2022 2A (English): the archive and one split ('train' | 'dev' | 'dev-test'). */
export function loadClef2022(
  split: 'train' | 'dev' | 'dev-test',
  opts: { subtitle?: boolean } = {},
): MatchDataset {
  const archive: MatchDocument[] = jsonl<VClaim2022>('clef2022-task2a-en/vclaims.jsonl').map(
    (c) => ({
      id: c.vclaim_id,
      text: c.vclaim,
      title: opts.subtitle && c.subtitle ? `${c.title ?? ''}. ${c.subtitle}` : (c.title ?? ''),
      language: 'en',
    }),
  );
  const qfile =
    split === 'dev-test'
      ? 'clef2022-task2a-en/queries/CT2022-Task2A-EN-Dev-Test_Queries.tsv'
      : 'clef2022-task2a-en/queries/CT2022-Task2A-EN-Train-Dev_Queries.tsv';
  const rfile =
    split === 'dev-test'
      ? 'clef2022-task2a-en/qrels/CT2022-Task2A-EN-Dev-Test_QRELs.tsv'
      : split === 'dev'
        ? 'clef2022-task2a-en/qrels/CT2022-Task2A-EN-Dev_QRELs.tsv'
        : 'clef2022-task2a-en/qrels/CT2022-Task2A-EN-Train_QRELs.tsv';
  const qrels = parseQrels(read(rfile));
  const queries = parseTsv(read(qfile))
    .filter((r) => r[0] !== 'iclaim_id' && qrels.has(r[0] ?? ''))
    .map((r) => ({ id: r[0] ?? '', text: r[1] ?? '' }));
  return { name: `clef2022-2a-en/${split}`, archive, queries, qrels };
}

/** CheckThat! 2020 task 2 (English): 'train' or 'dev'. */
export function loadClef2020(split: 'train' | 'dev'): MatchDataset {
  const archive: MatchDocument[] = parseTsv(read('clef2020-task2/verified_claims.docs.tsv'))
    .slice(1)
    .map((r) => ({ id: r[0] ?? '', text: r[1] ?? '', title: r[2] ?? '', language: 'en' }));
  const qrels = parseQrels(read(`clef2020-task2/${split}/tweet-vclaim-pairs.qrels`));
  const queries = parseTsv(read(`clef2020-task2/${split}/tweets.queries.tsv`))
    .slice(1)
    .filter((r) => qrels.has(r[0] ?? ''))
    .map((r) => ({ id: r[0] ?? '', text: r[1] ?? '' }));
  return { name: `clef2020-task2/${split}`, archive, queries, qrels };
}

/** The written forms of a vnPara derived query. */
export type VnParaForm =
  | 'text'
  | 'text_no_diacritics'
  | 'text_nfd'
  | 'text_tone_on_second_vowel'
  | 'text_tone_on_first_vowel';

interface VnParaQuery {
  query_id: string;
  text: string;
  text_no_diacritics: string;
  text_nfd: string;
  text_tone_on_second_vowel: string;
  text_tone_on_first_vowel: string;
}

/** vnPara derived: archive of sentences and queries in one written form. */
export function loadVnPara(form: VnParaForm = 'text'): MatchDataset {
  const archive: MatchDocument[] = parseTsv(read('vnpara/derived/archive.tsv'))
    .slice(1)
    .map((r) => ({ id: r[0] ?? '', text: r[1] ?? '' }));
  const queries = jsonl<VnParaQuery>('vnpara/derived/queries.jsonl').map((q) => ({
    id: q.query_id,
    text: q[form],
  }));
  return {
    name: `vnpara/${form}`,
    archive,
    queries,
    qrels: parseQrels(read('vnpara/derived/qrels.tsv')),
  };
}

interface MdsDoc {
  doc_id: string;
  title: string;
  summary: string;
  body: string;
}
interface MdsQuery {
  query_id: string;
  title: string;
  title_no_diacritics: string;
}

/** vietnamese-mds-200 derived: each cluster's first title against the other articles (title + summary). */
export function loadMds(form: 'title' | 'title_no_diacritics' = 'title'): MatchDataset {
  const archive: MatchDocument[] = jsonl<MdsDoc>('vietnamese-mds-200/derived/archive.jsonl').map(
    (d) => ({
      id: d.doc_id,
      text: d.summary,
      title: d.title,
    }),
  );
  const queries = jsonl<MdsQuery>('vietnamese-mds-200/derived/queries.jsonl').map((q) => ({
    id: q.query_id,
    text: q[form],
  }));
  return {
    name: `mds200/${form}`,
    archive,
    queries,
    qrels: parseQrels(read('vietnamese-mds-200/derived/qrels.tsv')),
  };
}

/** Strips Vietnamese diacritics (and đ) the simple way, independent of the product's folding. */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

interface VfndRecord {
  id: string;
  title?: string | null;
  description?: string | null;
  maintext?: string | null;
}

/** vfnd posts and articles, raw text (for building a large latency archive). */
export function loadVfndTexts(): { id: string; text: string }[] {
  return jsonl<VfndRecord>('vfnd/vfnd_all.jsonl').map((r) => ({
    id: r.id,
    text: [r.title, r.description, r.maintext]
      .filter((x): x is string => typeof x === 'string')
      .join('\n'),
  }));
}

/** The raw mds documents (title, summary, body) for the latency archive. */
export function loadMdsDocs(): MdsDoc[] {
  return jsonl<MdsDoc>('vietnamese-mds-200/docs.jsonl');
}
