import { z } from 'zod';

// Inputs of the editor's routes. Field names and values are checked item by item (form.ts with
// the pack's schemas, then rules.ts); these bound what can arrive.

export const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100) });
export const revisionParams = slugParams.extend({ revision: z.coerce.number().int().min(1).max(2 ** 31 - 1) });
export const anyForm = z.record(z.string().max(60), z.union([z.string().max(50000), z.array(z.string().max(100)).max(300)]));
export const listQuery = z.object({ q: z.string().trim().max(200).optional().default(''), done: z.string().max(20).optional() });
