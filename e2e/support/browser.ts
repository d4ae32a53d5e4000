/**
 * Chromium for the browser tests, driven by playwright-core: Debian's `chromium` when it is
 * installed (CI installs it), otherwise the Chromium shipped inside the @sparticuz/chromium
 * package (unpacked on first use), so `npm ci && npm test` needs nothing else.
 * E2E_CHROMIUM=bundled forces the packaged one; CHROMIUM_PATH names any other binary.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumBinary {
  path: string;
  args: string[];
  source: 'CHROMIUM_PATH' | 'debian' | '@sparticuz/chromium';
}

/** Which Chromium the tests use on this machine. */
export async function findChromium(): Promise<ChromiumBinary> {
  const override = process.env.CHROMIUM_PATH;
  if (override) return { path: override, args: [], source: 'CHROMIUM_PATH' };
  if (process.env.E2E_CHROMIUM !== 'bundled' && existsSync(DEBIAN_CHROMIUM)) {
    return { path: DEBIAN_CHROMIUM, args: [], source: 'debian' };
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  // Its defaults target serverless hosts; a desktop or CI machine needs no single-process mode.
  const args = packaged.args.filter((arg) => !/^--(single-process|no-zygote)$/.test(arg));
  return { path: await packaged.executablePath(), args, source: '@sparticuz/chromium' };
}

/** A headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
  const binary = await findChromium();
  return chromium.launch({
    executablePath: binary.path,
    args: binary.args,
    headless: true,
    timeout: 60_000,
  });
}
