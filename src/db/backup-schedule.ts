/**
 * Scheduled backups: the worker's housekeeping asks every minute; a backup is made when the
 * newest one in the directory is older than the interval, and only the newest N are kept. The
 * files' names carry their time, so several workers sharing the directory agree on what is due.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createBackup, type BackupManifest } from './backup.js';
import type { Database } from './client.js';

export interface BackupSchedule {
  dir: string;
  everyHours: number;
  keep: number;
  passphrase?: string | undefined;
}

const NAME = /^kiemchung-(\d{8}T\d{6}Z)\.kcb$/;

/** The file name of a backup made at `at`: sortable, so the newest is the last by name. */
export function backupFileName(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll('-', '')
    .replaceAll(':', '');
  return `kiemchung-${stamp}.kcb`;
}

function timeOf(name: string): number {
  const stamp = NAME.exec(name)![1]!;
  return Date.parse(
    `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`,
  );
}

/** When a scheduled backup was made, from its file name (null for another name). */
export function backupTime(name: string): Date | null {
  return NAME.test(name) ? new Date(timeOf(name)) : null;
}

/** Scheduled backups in the directory, oldest first. */
export async function listScheduledBackups(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((n) => NAME.test(n)).sort();
}

/**
 * Makes a backup when one is due and prunes the old ones. Returns what it made and removed, or
 * null when none was due.
 */
export async function runScheduledBackup(
  database: Database,
  schedule: BackupSchedule,
  clock: () => Date,
): Promise<{ file: string; manifest: BackupManifest; removed: string[] } | null> {
  if (schedule.everyHours <= 0) return null;
  const now = clock();
  const existing = await listScheduledBackups(schedule.dir);
  const newest = existing.at(-1);
  if (newest && now.getTime() - timeOf(newest) < schedule.everyHours * 3_600_000) return null;
  await mkdir(schedule.dir, { recursive: true, mode: 0o700 });
  const file = join(schedule.dir, backupFileName(now));
  const manifest = await createBackup(database, file, {
    passphrase: schedule.passphrase,
    clock,
  });
  const all = await listScheduledBackups(schedule.dir);
  const removed = all.slice(0, Math.max(0, all.length - schedule.keep));
  for (const name of removed) await rm(join(schedule.dir, name), { force: true });
  return { file, manifest, removed };
}
