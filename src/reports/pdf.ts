/**
 * PDF by converting the .docx with LibreOffice, so the PDF is exactly the Word document as
 * printed. LibreOffice is optional: without it the error names the package to install.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Raised when no LibreOffice is installed (or it failed to convert). */
export class PdfConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfConversionError';
  }
}

export const LIBREOFFICE_MISSING =
  'PDF needs LibreOffice, which is not installed: install the Debian package libreoffice-writer ' +
  '(apt-get install --no-install-recommends libreoffice-writer) or choose --format docx.';

const CANDIDATES = ['soffice', 'libreoffice'];

function run(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ ok: boolean; missing: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        resolve({ ok: !error, missing: code === 'ENOENT', output: `${stdout}${stderr}`.trim() });
      },
    );
  });
}

/** The LibreOffice command found on the PATH, or undefined. */
export async function findSoffice(): Promise<string | undefined> {
  for (const candidate of CANDIDATES) {
    const probe = await run(candidate, ['--version'], 30_000);
    if (!probe.missing && probe.ok) return candidate;
  }
  return undefined;
}

/**
 * Converts a .docx to PDF. Each conversion gets its own LibreOffice profile directory, so
 * concurrent conversions (and a desktop LibreOffice of the same user) do not lock each other.
 */
export async function convertDocxToPdf(
  docx: Buffer,
  options: { timeoutMs?: number; soffice?: string } = {},
): Promise<Buffer> {
  const soffice = options.soffice ?? (await findSoffice());
  if (!soffice) throw new PdfConversionError(LIBREOFFICE_MISSING);
  const dir = await mkdtemp(join(tmpdir(), 'kiemchung-pdf-'));
  try {
    const input = join(dir, 'bao-cao.docx');
    await writeFile(input, docx);
    const result = await run(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ],
      options.timeoutMs ?? 120_000,
    );
    if (result.missing) throw new PdfConversionError(LIBREOFFICE_MISSING);
    try {
      return await readFile(join(dir, 'bao-cao.pdf'));
    } catch {
      throw new PdfConversionError(
        `LibreOffice did not produce a PDF${result.ok ? '' : ' (it failed or timed out)'}: ${result.output.slice(0, 500)}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
