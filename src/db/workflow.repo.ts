/** Repositories of the desk's working material: stored files and snapshots, checklists, notes. */
import { and, asc, eq, max, ne, sql } from 'drizzle-orm';
import type { ChecklistRepository, FileRepository, NoteRepository } from '../core/ports.js';
import type { ChecklistItem, ChecklistTemplate, ClaimNote } from '../core/types.js';
import type { Db } from './client.js';
import { guarded, updateVersioned } from './repo-support.js';
import {
  checklistTemplates,
  claimChecklistItems,
  claimNotes,
  fileBlobs,
  snapshots,
} from './schema.js';

const snapshotColumns = {
  id: snapshots.id,
  url: snapshots.url,
  finalUrl: snapshots.finalUrl,
  fetchedAt: snapshots.fetchedAt,
  httpStatus: snapshots.httpStatus,
  contentType: snapshots.contentType,
  sha256: snapshots.sha256,
  sizeBytes: snapshots.sizeBytes,
  title: snapshots.title,
  text: snapshots.text,
};

export function fileRepository(db: Db): FileRepository {
  return {
    async putBlob(blob) {
      await db
        .insert(fileBlobs)
        .values({ ...blob, sizeBytes: blob.data.length })
        .onConflictDoNothing();
    },
    async getBlob(sha256) {
      const [row] = await db
        .select({ mime: fileBlobs.mime, data: fileBlobs.data })
        .from(fileBlobs)
        .where(eq(fileBlobs.sha256, sha256));
      return row;
    },
    async insertSnapshot(values) {
      const [row] = await guarded(db.insert(snapshots).values(values).returning(snapshotColumns));
      return row!;
    },
    async findSnapshot(id) {
      const [row] = await db
        .select({ ...snapshotColumns, storageKey: snapshots.storageKey })
        .from(snapshots)
        .where(eq(snapshots.id, id));
      return row;
    },
  };
}

export function checklistRepository(db: Db): ChecklistRepository {
  return {
    listTemplates: () =>
      db
        .select()
        .from(checklistTemplates)
        .orderBy(sql`${checklistTemplates.isDefault} desc`, asc(checklistTemplates.name)),
    async findTemplate(id) {
      const [row] = await db.select().from(checklistTemplates).where(eq(checklistTemplates.id, id));
      return row;
    },
    async defaultTemplate() {
      const [row] = await db
        .select()
        .from(checklistTemplates)
        .where(eq(checklistTemplates.isDefault, true));
      return row;
    },
    async insertTemplate(values) {
      const [row] = await guarded(db.insert(checklistTemplates).values(values).returning());
      return row!;
    },
    updateTemplate: (id, version, patch) =>
      updateVersioned<ChecklistTemplate>(db, checklistTemplates, id, version, patch),
    async clearDefault(exceptId) {
      await db
        .update(checklistTemplates)
        .set({
          isDefault: false,
          version: sql`${checklistTemplates.version} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(checklistTemplates.isDefault, true), ne(checklistTemplates.id, exceptId)));
    },
    async deleteTemplate(id) {
      const rows = await db
        .delete(checklistTemplates)
        .where(eq(checklistTemplates.id, id))
        .returning({ id: checklistTemplates.id });
      return rows.length === 1;
    },
    listForClaim: (claimId) =>
      db
        .select()
        .from(claimChecklistItems)
        .where(eq(claimChecklistItems.claimId, claimId))
        .orderBy(asc(claimChecklistItems.position), asc(claimChecklistItems.createdAt)),
    async addItems(claimId, labels) {
      if (labels.length === 0) return [];
      const [last] = await db
        .select({ position: max(claimChecklistItems.position) })
        .from(claimChecklistItems)
        .where(eq(claimChecklistItems.claimId, claimId));
      const start = (last?.position ?? -1) + 1;
      return guarded(
        db
          .insert(claimChecklistItems)
          .values(labels.map((label, index) => ({ claimId, label, position: start + index })))
          .returning(),
      );
    },
    async findItem(id) {
      const [row] = await db
        .select()
        .from(claimChecklistItems)
        .where(eq(claimChecklistItems.id, id));
      return row;
    },
    updateItem: (id, version, patch) =>
      updateVersioned<ChecklistItem>(db, claimChecklistItems, id, version, patch),
  };
}

export function noteRepository(db: Db): NoteRepository {
  return {
    async insert(values) {
      const [row] = await guarded(
        db
          .insert(claimNotes)
          .values({ ...values, mentionIds: [...values.mentionIds] })
          .returning(),
      );
      return row!;
    },
    async findById(id) {
      const [row] = await db.select().from(claimNotes).where(eq(claimNotes.id, id));
      return row;
    },
    listForClaim: (claimId) =>
      db
        .select()
        .from(claimNotes)
        .where(eq(claimNotes.claimId, claimId))
        .orderBy(asc(claimNotes.createdAt), asc(claimNotes.id)),
    updateVersioned: (id, version, patch) =>
      updateVersioned<ClaimNote>(db, claimNotes, id, version, {
        body: patch.body,
        mentionIds: [...patch.mentionIds],
      }),
  };
}
