import { createReadStream } from 'node:fs';
import type { DB } from '../../db/database.ts';
import type { User } from '../accounts/repository.ts';
import { audit } from '../admin/repository.ts';
import { isEditor } from '../accounts/roles.ts';
import { detect, safeFileName, type Format } from './formats.ts';
import type { PdfProblem } from './pdf-check.ts';
import * as repo from './repository.ts';
import { newKey, type FileStore } from './store.ts';
import type { SpooledFile } from './upload.ts';

// Attachments of resources and case studies. Editors and administrators add and delete them;
// every change checks access first, goes into the audit log and bumps the content version, so
// cached public pages list the change at once. Rows are written after the bytes are stored and
// deleted before the bytes are, so a row never names a file that is not there.

export { attachmentsFor } from './repository.ts';
export type { Attachment, AttachmentItem, Owner, OwnerInfo, OwnerKind } from './repository.ts';

/** Why a file was refused. */
export type FileProblem = 'noFile' | 'empty' | 'tooBig' | 'type' | 'macros' | 'tooMany' | PdfProblem;

export type Inspection = { ok: true; format: Format; mime: string } | { ok: false; problem: FileProblem };

export interface FilesOptions {
  /** the largest file accepted, in bytes */
  maxBytes: number;
  /** how many files one owner may have */
  maxPerOwner?: number;
  /** after every change: bump the content version and refresh, as the editors do */
  contentChanged: () => Promise<void>;
  /** where failures to delete stored bytes are reported (they leave an orphan, not an error) */
  warn?: (error: unknown, message: string) => void;
}

export function filesService(db: DB, store: FileStore, o: FilesOptions) {
  const maxPerOwner = o.maxPerOwner ?? 50;
  const forget = async (key: string) => {
    try {
      await store.delete(key);
    } catch (error) {
      o.warn?.(error, `could not delete stored file ${key}`);
    }
  };

  /** Checks a file from its content: present, not empty, within the limit, of an accepted format. */
  async function inspect(file: SpooledFile | null): Promise<Inspection> {
    if (!file || (file.size === 0 && !file.name)) return { ok: false, problem: 'noFile' };
    if (file.size === 0) return { ok: false, problem: 'empty' };
    if (file.tooBig || file.size > o.maxBytes) return { ok: false, problem: 'tooBig' };
    const found = await detect(file.path);
    return found.ok ? found : { ok: false, problem: found.problem };
  }

  return {
    maxBytes: o.maxBytes,
    maxPerOwner,
    store,
    inspect,
    /** Deletes stored bytes whose row is gone; a failure leaves an orphan and a warning, not an error. */
    forget,

    /** An owner by its slug (a resource also by its old number: see findOwner), for editors. */
    owner: (actor: User, kind: repo.OwnerKind, key: string) => (isEditor(actor) ? repo.findOwner(db, kind, key) : Promise.resolve(null)),

    list: (actor: User, owner: repo.Owner) => (isEditor(actor) ? repo.attachmentsFor(db, owner) : Promise.resolve(null)),

    /** Stores a file under the owner, after the same checks as inspect(). */
    async add(
      actor: User,
      owner: repo.OwnerInfo,
      title: string,
      file: SpooledFile | null,
    ): Promise<'forbidden' | { ok: true; id: number } | { ok: false; problem: FileProblem }> {
      if (!isEditor(actor)) return 'forbidden';
      const checked = await inspect(file);
      if (!checked.ok) return checked;
      if ((await repo.countFor(db, owner)) >= maxPerOwner) return { ok: false, problem: 'tooMany' };
      const f = file!;
      const storageKey = newKey();
      const fileName = safeFileName(f.name, checked.format);
      await store.put(storageKey, createReadStream(f.path), { size: f.size, type: checked.mime });
      let id: number;
      try {
        id = await repo.insert(db, { owner, title, fileName, mediaType: checked.mime, size: f.size, sha256: f.sha256, storageKey, createdBy: actor.id });
      } catch (error) {
        await forget(storageKey);
        throw error;
      }
      await audit(db, actor, 'file.added', title, { file: fileName, owner: owner.title });
      await o.contentChanged();
      return { ok: true, id };
    },

    async remove(actor: User, owner: repo.OwnerInfo, attachmentId: number): Promise<'done' | 'missing' | 'forbidden'> {
      if (!isEditor(actor)) return 'forbidden';
      const a = await repo.get(db, attachmentId);
      if (!a || a.ownerKind !== owner.kind || a.ownerId !== owner.id) return 'missing';
      await repo.remove(db, a.id);
      await forget(a.storageKey);
      await audit(db, actor, 'file.deleted', a.title, { file: a.fileName, owner: owner.title });
      await o.contentChanged();
      return 'done';
    },

    /** When an owner is deleted: its rows, then its stored files. The caller checked access. */
    async removeAllFor(owner: repo.Owner): Promise<void> {
      for (const key of await repo.removeAllFor(db, owner)) await forget(key);
    },

    /** Any attachment, drafts' included, for the back office. */
    forEditor: (actor: User, id: number) => (isEditor(actor) ? repo.get(db, id) : Promise.resolve(null)),

    /** An attachment whose owner is published, for everyone. */
    published: (id: number) => repo.getPublished(db, id),
  };
}

export type FilesService = ReturnType<typeof filesService>;
