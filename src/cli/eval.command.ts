/**
 * `kiemchung eval …`: measures the text engine on any labelled data, so held-out sets can be
 * scored the same way as the benchmarks.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ClusterDocument } from '../text/cluster.js';
import { clusterDocuments } from '../text/cluster.js';
import { evaluateClustering } from '../text/cluster-eval.js';
import { evaluateMatching, type EvalQuery } from '../text/match-eval.js';
import type { MatchDocument } from '../text/matcher.js';
import { evaluateRedaction, type RedactionCase } from '../text/redact-eval.js';

/** Parses a JSON-lines file; a bad line is reported with its number. */
export function readJsonl<T>(file: string): T[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const out: T[] = [];
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      throw new Error(`${file}:${index + 1}: not valid JSON`);
    }
  });
  return out;
}

/** TREC qrels (`qid 0 docid rel`), keeping judgements with rel > 0. */
export function readQrels(file: string): Map<string, Set<string>> {
  const qrels = new Map<string, Set<string>>();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 4) continue;
    const [qid, , docid, rel] = parts as [string, string, string, string];
    if (Number(rel) <= 0) continue;
    let set = qrels.get(qid);
    if (!set) qrels.set(qid, (set = new Set()));
    set.add(docid);
  }
  return qrels;
}

/** A line of an evaluation file: the documented `{id, text}` or the shared sets' field names. */
interface EvalRecord {
  id?: string | number;
  doc_id?: string | number;
  query_id?: string | number;
  text?: string;
  title?: string;
  summary?: string;
  body?: string;
}

function recordId(record: EvalRecord): string {
  const id = record.id ?? record.doc_id ?? record.query_id;
  if (id === undefined) throw new Error('every line needs an "id"');
  return String(id);
}

function print(result: Record<string, unknown>, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  for (const [key, value] of Object.entries(result)) {
    console.log(`${key.padEnd(14)} ${JSON.stringify(value)}`);
  }
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function registerEvalCommands(program: Command): void {
  const evalCommand = program
    .command('eval')
    .description('Measure the text engine on labelled data');

  evalCommand
    .command('match')
    .description('Claim matching: MAP@5, P@1, MRR and latency')
    .requiredOption('--archive <file>', 'JSONL of {"id","text"[,"title"]}')
    .requiredOption('--queries <file>', 'JSONL of {"id","text"}')
    .requiredOption('--qrels <file>', 'TREC qrels: qid 0 docid 1')
    .option('--json', 'print JSON')
    .action((options: { archive: string; queries: string; qrels: string; json?: boolean }) => {
      const archive = readJsonl<EvalRecord>(options.archive).map((d): MatchDocument => {
        const title = d.title ?? undefined;
        return {
          id: recordId(d),
          text: d.text ?? [d.summary, d.body].filter(Boolean).join('\n'),
          ...(title ? { title } : {}),
        };
      });
      const queries = readJsonl<EvalRecord>(options.queries).map((q): EvalQuery => ({
        id: recordId(q),
        text: q.text ?? q.title ?? '',
      }));
      const r = evaluateMatching({ archive, queries, qrels: readQrels(options.qrels) });
      print(
        {
          n: r.n,
          map5: round(r.map5),
          p1: round(r.p1),
          mrr: round(r.mrr),
          latency_ms: { p50: round(r.latency_ms.p50, 3), p95: round(r.latency_ms.p95, 3) },
          build_ms: Math.round(r.build_ms),
          recall5: round(r.recall5),
          answer: { rate: round(r.answer.rate), precision: round(r.answer.precision) },
        },
        options.json === true,
      );
    });

  evalCommand
    .command('cluster')
    .description('Story clustering: pairwise and B-cubed precision, recall, F1')
    .requiredOption('--docs <file>', 'JSONL of {"doc_id","cluster_id","title","body"[,"summary"]}')
    .option('--json', 'print JSON')
    .action((options: { docs: string; json?: boolean }) => {
      const rows = readJsonl<{
        doc_id: string | number;
        cluster_id: string | number;
        title?: string;
        body?: string;
        summary?: string;
      }>(options.docs);
      const docs: ClusterDocument[] = rows.map((row) => ({
        id: String(row.doc_id),
        title: row.title ?? '',
        text: [row.summary, row.body].filter(Boolean).join('\n'),
      }));
      const gold = new Map(rows.map((row) => [String(row.doc_id), String(row.cluster_id)]));
      const t0 = performance.now();
      const predicted = clusterDocuments(docs);
      const ms = performance.now() - t0;
      const r = evaluateClustering(predicted, gold);
      const pr = (x: { precision: number; recall: number; f1: number }) => ({
        precision: round(x.precision),
        recall: round(x.recall),
        f1: round(x.f1),
      });
      print(
        {
          n: r.n,
          ...pr(r.pairwise),
          bcubed: pr(r.bcubed),
          clusters: r.clusters,
          ms_per_doc: round(ms / Math.max(1, r.n), 3),
        },
        options.json === true,
      );
    });

  evalCommand
    .command('redact')
    .description('Personal-data redaction: span precision and recall')
    .requiredOption('--cases <file>', 'JSONL of {"text","spans":[[start,end,"type"],...]}')
    .option('--json', 'print JSON')
    .action((options: { cases: string; json?: boolean }) => {
      const r = evaluateRedaction(readJsonl<RedactionCase>(options.cases));
      print(
        {
          n: r.n,
          precision: round(r.precision),
          recall: round(r.recall),
          f1: round(r.f1),
          exact: r.exact,
          byType: r.byType,
        },
        options.json === true,
      );
    });
}
