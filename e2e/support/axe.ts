/**
 * Accessibility checks with axe-core, injected into the page through the DevTools protocol (the
 * desk's CSP forbids inline scripts, and the test must not weaken it).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Fails when axe finds a serious or critical violation on the page as it is now. */
export async function assertNoSeriousA11yViolations(page: Page, what: string): Promise<void> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<AxeResults> };
      document: unknown;
    };
    return g.axe.run(g.document, { resultTypes: ['violations'] });
  });
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  assert.deepEqual(serious, [], `axe: serious or critical violations on ${what}`);
}

/** Fails on any axe violation at all, whatever its impact (the public portal's bar). */
export async function assertNoA11yViolations(page: Page, what: string): Promise<void> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<AxeResults> };
      document: unknown;
    };
    return g.axe.run(g.document, { resultTypes: ['violations'] });
  });
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
  assert.deepEqual(violations, [], `axe: violations on ${what}`);
}
