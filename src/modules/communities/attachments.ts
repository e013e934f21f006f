import { createReadStream } from 'node:fs';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { User } from '../accounts/repository.ts';
import { safeFileName } from '../files/formats.ts';
import type { FileProblem, FilesService } from '../files/service.ts';
import { newKey } from '../files/store.ts';
import type { SpooledFile } from '../files/upload.ts';
import * as repo from './repository.ts';
import { canFacilitate, canRead, canWrite, type CommunitiesService } from './service.ts';

// Files attached to posts: the types and checks of the files module (the type judged from the
// content, macros and scripted PDFs refused), stored in the same file store. A file is stored as
// soon as its form is sent, so a form that comes back with a problem keeps it (its name is shown
// with a box to keep it; the browser cannot refill a file field), and it is given to the post once
// the post is written. Who may download a file is who reads its post's text: anyone who reads
// the community for a shown post in a listed topic; its author and the facilitators otherwise.

export const MAX_FILES_PER_POST = 5;
/** the files a person may have waiting for a post at once, across communities */
const MAX_WAITING = 20;
/** how long a file waits for its post before it is swept */
export const WAITING_MS = 24 * 3_600_000;
export const FILES_PER_PAGE = 40;

export const SWEEP_JOB = 'communities.files.sweep';
export const SWEEP_CRON = '41 * * * *';

export type { PostFile } from './repository/files.ts';

/** A file refused, with why: the files module's problems, and more than a post may have. */
export interface Refused {
  name: string;
  problem: FileProblem;
}

export function attachmentsService(db: DB, o: { communities: CommunitiesService; files: Pick<FilesService, 'inspect' | 'store' | 'maxBytes' | 'forget'> }) {
  const store = o.files.store;
  const forget = async (keys: readonly string[]) => {
    for (const key of keys) await o.files.forget(key);
  };

  async function readable(slug: string, user: User | null) {
    const c = await o.communities.load(slug);
    if (!c) return null;
    const m = await o.communities.membershipOf(c, user);
    return canRead(c, user, m) ? { c, m, facilitate: user !== null && canFacilitate(c, user, m) } : null;
  }

  return {
    maxBytes: o.files.maxBytes,

    /**
     * Stores the files sent with a post's form, for a member who may write there, and gathers those
     * kept from an earlier try: the post's files so far, and those refused with why. Anyone else's
     * files are not stored (the post itself is then refused with its own reason).
     */
    async stash(
      slug: string,
      user: User,
      uploads: readonly SpooledFile[],
      keep: readonly number[],
    ): Promise<{ files: repo.files.PostFile[]; refused: Refused[] }> {
      const c = await o.communities.load(slug);
      const m = c ? await o.communities.membershipOf(c, user) : null;
      if (!c || !canWrite(c, m)) return { files: [], refused: [] };
      const files = await repo.files.pendingOf(db, c.id, user.id, keep.slice(0, MAX_FILES_PER_POST));
      const refused: Refused[] = [];
      let waiting = await repo.files.pendingCount(db, user.id);
      for (const file of uploads) {
        if (file.size === 0 && !file.name) continue; // the field left empty
        const checked = await o.files.inspect(file);
        if (!checked.ok) refused.push({ name: file.name, problem: checked.problem });
        else if (files.length >= MAX_FILES_PER_POST || waiting >= MAX_WAITING) refused.push({ name: file.name, problem: 'tooMany' });
        else {
          const storageKey = newKey();
          await store.put(storageKey, createReadStream(file.path), { size: file.size, type: checked.mime });
          try {
            const fileName = safeFileName(file.name, checked.format);
            files.push(
              await repo.files.insertPending(db, {
                communityId: c.id,
                userId: user.id,
                fileName,
                mediaType: checked.mime,
                size: file.size,
                sha256: file.sha256,
                storageKey,
              }),
            );
            waiting += 1;
          } catch (error) {
            await o.files.forget(storageKey);
            throw error;
          }
        }
      }
      return { files, refused };
    },

    /** Gives the files to the post just written (the ids are the writer's own files, waiting). */
    attach: (postId: number, communityId: number, userId: number, ids: readonly number[]) => repo.files.attach(db, { postId, communityId, userId, ids }),

    /** The files of the posts on a page, by post. */
    ofPosts: (postIds: readonly number[]) => repo.files.ofPosts(db, postIds),

    /** A file, when the person may read the text of its post. */
    async download(slug: string, id: number, user: User | null): Promise<repo.files.FileAccess | null> {
      const r = await readable(slug, user);
      if (!r) return null;
      const f = await repo.files.access(db, r.c.id, id);
      if (!f || f.postId === null) return null;
      const own = (authorId: number | null) => user !== null && authorId === user.id;
      const topicRead = repo.LISTED.includes(f.topicStatus ?? '') || r.facilitate || own(f.topicUserId);
      const postRead = f.postStatus === 'shown' || r.facilitate || own(f.postUserId);
      return topicRead && postRead ? f : null;
    },

    store,

    /** A page of the community's files, for whoever reads it. */
    async list(slug: string, user: User | null, page: number) {
      const r = await readable(slug, user);
      if (!r) return null;
      return repo.files.listed(db, r.c.id, (page - 1) * FILES_PER_PAGE, FILES_PER_PAGE);
    },

    /** Deletes files that waited for a post too long, or lost theirs; how many. */
    async sweep(now = Date.now()): Promise<number> {
      let swept = 0;
      for (;;) {
        const keys = await repo.files.sweep(db, new Date(now - WAITING_MS).toISOString(), 200);
        await forget(keys);
        swept += keys.length;
        if (keys.length < 200) return swept;
      }
    },

    forget,
  };
}

export type AttachmentsService = ReturnType<typeof attachmentsService>;

export const sweepJob = (attachments: AttachmentsService): JobDefinition<Record<string, never>> => ({
  name: SWEEP_JOB,
  payload: z.object({}).strict(),
  unique: true,
  retryLimit: 3,
  run: async () => {
    await attachments.sweep();
  },
});
