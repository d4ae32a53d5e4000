/** Runs the `kiemchung` command as a user would, for the command-line tests. */
import { spawn } from 'node:child_process';

const bin = new URL('../bin/kiemchung.js', import.meta.url).pathname;

/** Runs `kiemchung ...args` with `env` over this environment (no demo data, no logs). */
export function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, DEMO_DATA: 'never', LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
