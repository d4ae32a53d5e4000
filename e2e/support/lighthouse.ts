/**
 * Lighthouse, run programmatically on the same Chromium the browser tests use (e2e/support/
 * browser.ts), in Lighthouse's default mode: a mobile device with simulated slow 4G and a
 * 4× slower CPU — the conditions of PRODUCT.md's target (performance ≥ 95, accessibility 100,
 * SEO 100). Returns the category scores and, for diagnostics, the audits that pulled them down.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig, type Flags, type Result } from 'lighthouse';
import { findChromium } from './browser.js';

export const LIGHTHOUSE_CATEGORIES = [
  'performance',
  'accessibility',
  'best-practices',
  'seo',
] as const;
export type LighthouseCategory = (typeof LIGHTHOUSE_CATEGORIES)[number];

/** Scores 0–100 as Lighthouse shows them; null for a category not run (or not scorable). */
export type LighthouseScores = Record<LighthouseCategory, number | null>;

/** An audit that lost points, with enough to find the cause. */
export interface LighthouseFailure {
  id: string;
  title: string;
  categories: LighthouseCategory[];
  /** 0–1; below 1 for a failed pass/fail audit, below 0.9 for a metric. */
  score: number;
  displayValue?: string;
  /** Up to five offending elements or URLs, as Lighthouse names them. */
  items: string[];
}

export interface LighthouseRun {
  requestedUrl: string;
  finalUrl: string;
  scores: LighthouseScores;
  failures: LighthouseFailure[];
  /** Warnings Lighthouse gave about the run itself (e.g. the page redirected or was slow). */
  runWarnings: string[];
  lighthouseVersion: string;
  /** Core metrics in milliseconds (performance only), e.g. largest-contentful-paint. */
  metrics: Record<string, number>;
}

export interface LighthouseOptions {
  /** Categories to run; default all four. Fewer is faster (the test runs two). */
  onlyCategories?: LighthouseCategory[];
  /** Default "mobile", Lighthouse's own default and the product's target. */
  formFactor?: 'mobile' | 'desktop';
  /** A Chromium started with `launchLighthouseChromium`, reused across runs; else one per run. */
  chromium?: LighthouseChromium;
}

export interface LighthouseChromium {
  port: number;
  kill(): void;
}

/**
 * Starts the tests' Chromium with a remote-debugging port for Lighthouse. Flags of the packaged
 * build that would change what Lighthouse measures (web security off, mixed content allowed)
 * or break its page handling (single process) are left out.
 */
export async function launchLighthouseChromium(): Promise<LighthouseChromium> {
  const binary = await findChromium();
  const unwanted =
    /^--(single-process|no-zygote|headless.*|disable-web-security|allow-running-insecure-content)$/;
  const chrome = await chromeLauncher.launch({
    chromePath: binary.path,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      ...binary.args.filter((a) => !unwanted.test(a)),
    ],
    logLevel: 'silent',
    connectionPollInterval: 250,
    maxConnectionRetries: 200,
  });
  return { port: chrome.port, kill: () => chrome.kill() };
}

const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
] as const;

/** Runs Lighthouse against `url` and summarises the result. */
export async function runLighthouse(
  url: string,
  options: LighthouseOptions = {},
): Promise<LighthouseRun> {
  const chromium = options.chromium ?? (await launchLighthouseChromium());
  try {
    const categories = options.onlyCategories ?? [...LIGHTHOUSE_CATEGORIES];
    const flags: Flags = {
      port: chromium.port,
      logLevel: 'error',
      output: 'json',
      onlyCategories: categories,
    };
    // Lighthouse's default config is the mobile one (emulated phone, simulated throttling).
    const config = options.formFactor === 'desktop' ? desktopConfig : undefined;
    const result = await lighthouse(url, flags, config);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const lhr = result.lhr;
    if (lhr.runtimeError) {
      throw new Error(
        `Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`,
      );
    }
    return summarise(lhr, categories);
  } finally {
    if (!options.chromium) chromium.kill();
  }
}

/** The scores, failing audits and metrics of a Lighthouse result. */
export function summarise(lhr: Result, categories: readonly LighthouseCategory[]): LighthouseRun {
  const scores = Object.fromEntries(
    LIGHTHOUSE_CATEGORIES.map((id) => {
      const score = categories.includes(id) ? lhr.categories[id]?.score : null;
      return [id, typeof score === 'number' ? Math.round(score * 100) : null];
    }),
  ) as LighthouseScores;

  const categoriesOf = new Map<string, LighthouseCategory[]>();
  for (const id of categories) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      // Weightless audits (diagnostics) do not move the score.
      if (ref.weight === 0 && id !== 'performance') continue;
      categoriesOf.set(ref.id, [...(categoriesOf.get(ref.id) ?? []), id]);
    }
  }
  const failures: LighthouseFailure[] = [];
  for (const [id, inCategories] of categoriesOf) {
    const audit = lhr.audits[id];
    if (!audit || typeof audit.score !== 'number') continue;
    const threshold = audit.scoreDisplayMode === 'binary' ? 1 : 0.9;
    if (audit.score >= threshold) continue;
    failures.push({
      id,
      title: audit.title,
      categories: inCategories,
      score: audit.score,
      ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
      items: detailItems(audit.details),
    });
  }
  failures.sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));

  const metrics: Record<string, number> = {};
  for (const id of METRICS) {
    const value = lhr.audits[id]?.numericValue;
    if (categories.includes('performance') && typeof value === 'number') metrics[id] = value;
  }
  return {
    requestedUrl: lhr.requestedUrl ?? '',
    finalUrl: lhr.finalDisplayedUrl,
    scores,
    failures,
    runWarnings: lhr.runWarnings.map(String),
    lighthouseVersion: lhr.lighthouseVersion,
    metrics,
  };
}

function detailItems(details: Result['audits'][string]['details']): string[] {
  if (!details || !('items' in details) || !Array.isArray(details.items)) return [];
  return details.items.slice(0, 5).map((item: unknown) => {
    const row = item as Record<string, unknown>;
    const node = row.node as { snippet?: string; selector?: string } | undefined;
    if (node?.snippet) return node.snippet;
    if (typeof row.url === 'string') return row.url;
    if (typeof row.source === 'string') return row.source;
    return JSON.stringify(row).slice(0, 200);
  });
}

/** A one-line-per-failure text for assertion messages. */
export function describeFailures(run: LighthouseRun): string {
  return run.failures
    .map(
      (f) => `${f.id} (${f.categories.join(',')}, ${f.score}): ${f.title} ${f.items.join(' | ')}`,
    )
    .join('\n');
}
