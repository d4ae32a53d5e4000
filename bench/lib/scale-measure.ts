/**
 * The costs the scale benchmark measures once a load step is in: matching a new text against
 * the archive of published checks, the desk's queue queries through the API, and the public
 * check page under load. Each returns plain figures (milliseconds, requests per second).
 */
import { CheckIndex } from '../../src/core/check-index.js';
import { createPortalService } from '../../src/core/portal.service.js';
import type { Repositories } from '../../src/core/ports.js';
import type { Database } from '../../src/db/client.js';
import { portalRepository } from '../../src/db/portal.repo.js';
import { quantile } from '../../src/text/match-eval.js';
import { measureHttpLoad, type HttpLoadResult } from './http-load.js';
import { median } from './match-report.js';
import { perturb, rng, type Perturbation } from './match-perturb.js';
import type { ScaleCorpus } from './scale-corpus.js';
import { CLAIMS_PER_CHECK } from './scale-corpus.js';

/** p50 and p95 of a list of milliseconds, rounded to 0.01 ms. */
export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function percentiles(ms: readonly number[]): Percentiles {
  return {
    n: ms.length,
    p50: round(quantile(ms, 0.5)),
    p95: round(quantile(ms, 0.95)),
    max: round(Math.max(...ms)),
  };
}

/** Percentiles of several rounds of the same list: the median of each figure. */
function medianOfRounds(rounds: readonly number[][]): Percentiles {
  const each = rounds.map(percentiles);
  return {
    n: each[0]?.n ?? 0,
    p50: round(median(each.map((e) => e.p50))),
    p95: round(median(each.map((e) => e.p95))),
    max: round(median(each.map((e) => e.max))),
  };
}

const STYLES: readonly Perturbation[] = ['no_diacritics', 'social_mix', 'abbreviations', 'typos'];

export interface MatchingFigures {
  checksIndexed: number;
  /** Loading the published checks from the database and building the index. */
  indexLoadMs: number;
  /** The matcher alone (in memory), per kind of text and over all of them. */
  matcher: Record<string, Percentiles>;
  /** The portal's quick check: matcher, then the database's word on each check found. */
  quickCheck: Record<string, Percentiles>;
  /** Retold claims whose own check came first. */
  retoldTop1: number;
}

/** A text to match, and its headline when it has one (feed items). */
export interface MatchingQuery {
  text: string;
  title?: string;
}

/**
 * The texts the matching figures are measured on, for an archive of `loaded.checks` published
 * checks: claims retold the way a phone post would (with the check each retells), new feed
 * items (headline apart, as the pipeline matches them), long articles with a retold claim inside,
 * and links to items the desk knows. Deterministic in the corpus and `loaded.items`.
 */
export function matchingQueries(
  corpus: ScaleCorpus,
  loaded: { items: number; checks: number },
): {
  retold: Array<{ text: string; slug: string; check: number }>;
  kinds: Array<[string, MatchingQuery[]]>;
  links: string[];
} {
  const r = rng(loaded.items);
  const filler = () => corpus.item(10_000_000 + Math.floor(r() * 1_000_000)).text;
  const retold: Array<{ text: string; slug: string; check: number }> = [];
  for (let q = 0; q < 200; q++) {
    const check = corpus.check(Math.floor(r() * loaded.checks));
    const claim = corpus.claim(check.claim);
    const text = perturb(claim.text, STYLES[q % STYLES.length]!, r);
    retold.push({
      text: r() < 0.5 ? `${text} ${filler().slice(0, 200)}` : text,
      slug: check.slug,
      check: check.index,
    });
  }
  // New feed items, put to the matcher as the pipeline does: headline and text, headline apart.
  const fresh: MatchingQuery[] = [];
  for (let n = 20_000_000; fresh.length < 200; n++) {
    const item = corpus.item(n);
    if (item.kind === 'news')
      fresh.push({ text: `${item.title}\n${item.text}`, title: item.title });
  }
  const long: string[] = [];
  for (let q = 0; q < 40; q++) {
    const sentences = filler().split(/(?<=[.!?])\s+/);
    const claim = corpus.claim(Math.floor(r() * loaded.checks) * CLAIMS_PER_CHECK);
    const article = [filler(), filler(), filler(), perturb(claim.text, 'no_diacritics', r)];
    long.push([...sentences, ...article].join(' '));
  }
  const links: string[] = [];
  for (let q = 0; q < 100; q++) {
    const claim = corpus.claim(Math.floor(r() * loaded.checks) * CLAIMS_PER_CHECK);
    const item = corpus.item(claim.itemIndexes[0]!);
    links.push(`Cái này có thật không? ${item.url}?utm_source=zalo`);
  }
  const plain = (texts: string[]): MatchingQuery[] => texts.map((text) => ({ text }));
  return {
    retold,
    kinds: [
      ['retold claim', plain(retold.map((q) => q.text))],
      ['new feed item', fresh],
      ['long article', plain(long)],
    ],
    links,
  };
}

/**
 * Matches new texts against the published checks of the database: claims retold the way a
 * phone post would, fresh texts that match nothing, long articles (sentence by sentence) with a
 * retold claim inside, and links the desk already knows (the quick check's shortcut).
 */
export async function measureMatching(
  database: Database,
  repos: Repositories,
  corpus: ScaleCorpus,
  loaded: { items: number; checks: number },
  rounds = 3,
): Promise<MatchingFigures> {
  const index = new CheckIndex(repos.pipeline);
  const started = performance.now();
  await index.ensureFresh();
  const indexLoadMs = round(performance.now() - started);
  const portal = createPortalService(portalRepository(database.db), index);
  const { retold, kinds, links } = matchingQueries(corpus, loaded);
  const options = (q: MatchingQuery) => ({ limit: 5, ...(q.title ? { title: q.title } : {}) });
  // Warm the JIT and the connection pool.
  for (const q of [...kinds[1]![1].slice(0, 30), ...kinds[0]![1].slice(0, 30)]) {
    index.matchLoaded(q.text, options(q));
    await portal.quickCheck(q.text);
  }
  const matcherRounds = new Map<string, number[][]>();
  const quickRounds = new Map<string, number[][]>();
  const add = (map: Map<string, number[][]>, kind: string, round: number, ms: number) => {
    const runs = map.get(kind) ?? [];
    (runs[round] ??= []).push(ms);
    map.set(kind, runs);
  };
  let top1 = 0;
  for (let round = 0; round < rounds; round++) {
    for (const [kind, queries] of kinds) {
      for (const q of queries) {
        const t0 = performance.now();
        index.matchLoaded(q.text, options(q));
        const ms = performance.now() - t0;
        add(matcherRounds, kind, round, ms);
        add(matcherRounds, 'all', round, ms);
      }
    }
    // The quick check takes what a person pastes: no headline apart.
    for (const [kind, queries] of [
      ...kinds,
      ['known link', links.map((text) => ({ text }))] as [string, MatchingQuery[]],
    ]) {
      for (const { text } of queries) {
        const t0 = performance.now();
        await portal.quickCheck(text);
        const ms = performance.now() - t0;
        add(quickRounds, kind, round, ms);
        add(quickRounds, 'all', round, ms);
      }
    }
  }
  for (const q of retold) {
    if (index.matchLoaded(q.text, { limit: 1 })[0]?.check.slug === q.slug) top1 += 1;
  }
  const summarise = (map: Map<string, number[][]>) =>
    Object.fromEntries([...map].map(([kind, runs]) => [kind, medianOfRounds(runs)]));
  return {
    checksIndexed: index.size,
    indexLoadMs,
    matcher: summarise(matcherRounds),
    quickCheck: summarise(quickRounds),
    retoldTop1: round(top1 / retold.length),
  };
}

/** One desk query: a name and the API path. */
export interface DeskQuery {
  name: string;
  path: string;
}

export interface DeskQueryFigures extends Percentiles {
  name: string;
  path: string;
  /** Entries in the response. */
  rows: number;
  bytes: number;
}

/** Each query `repeats` times one after another (as one desk user does), after a warm-up. */
export async function measureDeskQueries(
  origin: string,
  token: string,
  queries: readonly DeskQuery[],
  repeats = 15,
): Promise<DeskQueryFigures[]> {
  const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' };
  const results: DeskQueryFigures[] = [];
  for (const query of queries) {
    const get = async () => {
      const response = await fetch(`${origin}${query.path}`, { headers });
      const body = await response.text();
      if (!response.ok) throw new Error(`${query.path}: ${response.status} ${body.slice(0, 300)}`);
      return body;
    };
    const body = await get();
    await get();
    const ms: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      await get();
      ms.push(performance.now() - t0);
    }
    const parsed = JSON.parse(body) as { items?: unknown[]; itemsPerDay?: unknown[] };
    results.push({
      name: query.name,
      path: query.path,
      rows: parsed.items?.length ?? parsed.itemsPerDay?.length ?? 1,
      bytes: Buffer.byteLength(body),
      ...percentiles(ms),
    });
  }
  return results;
}

export interface PortalFigures {
  /** One popular check page, as a crowd reads it (served from the page cache). */
  hot: HttpLoadResult;
  /** Every published check page in turn (most are not in the cache at the larger sizes). */
  rotating: HttpLoadResult & { distinctPages: number };
  /** Reading one check page's content from the database (what a cache miss costs). */
  pageRead: Percentiles;
}

export async function measurePortal(
  origin: string,
  database: Database,
  corpus: ScaleCorpus,
  checks: number,
  seconds: number,
): Promise<PortalFigures> {
  const slugs = Array.from({ length: checks }, (_, j) => corpus.check(j).slug);
  // A shuffled order, so consecutive requests are different pages of different ages.
  const r = rng(checks);
  for (let i = slugs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [slugs[i], slugs[j]] = [slugs[j]!, slugs[i]!];
  }
  const hotPath = `/kiem-chung/${slugs[0]}`;
  const probe = await fetch(`${origin}${hotPath}`);
  if (!probe.ok) throw new Error(`${hotPath}: ${probe.status}`);
  const browser = { 'accept-encoding': 'gzip, deflate, br' };
  const hot = await measureHttpLoad({ url: `${origin}${hotPath}`, seconds, headers: browser });
  const paths = slugs.map((slug) => `/kiem-chung/${slug}`);
  const rotating = await measureHttpLoad({
    url: `${origin}${hotPath}`,
    seconds,
    headers: browser,
    paths,
    warmupSeconds: 0,
  });
  const content = portalRepository(database.db);
  const ms: number[] = [];
  for (let i = 0; i < Math.min(300, slugs.length * 2); i++) {
    const slug = slugs[(i * 7919) % slugs.length]!;
    const t0 = performance.now();
    const page = await content.checkBySlug(slug);
    ms.push(performance.now() - t0);
    if (!page) throw new Error(`no published check ${slug}`);
  }
  return {
    hot,
    rotating: { ...rotating, distinctPages: slugs.length },
    pageRead: percentiles(ms.slice(20)),
  };
}
