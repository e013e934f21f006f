import type { Database } from '../../src/db/database.ts';
import * as repo from '../../src/modules/communities/repository.ts';
import { user, type UserRecord } from './people.ts';

// Communities made through the repository (their back office is tested on its own).

/** A community's texts in English: its name, and a description that says so. */
export const communityTexts = (name: string, extra: Partial<repo.CommunityTexts> = {}): repo.CommunityTexts[] => [
  { lang: 'en', name, description: `About **${name}**.`, joinQuestion: null, codeOfConduct: null, ...extra },
];

/** A community (open and public unless told), created by a new administrator, with its facilitator if given. */
export async function community(t: { database: Database }, slug: string, o: Partial<repo.CommunityInput> & { facilitator?: UserRecord } = {}): Promise<number> {
  const admin = await user(t, { role: 'admin' });
  const id = await repo.createCommunity(
    t.database.db,
    {
      slug,
      theme: 'work-based-learning',
      joining: 'open',
      visibility: 'public',
      approveFirstPosts: false,
      texts: communityTexts(`Community ${slug}`),
      ...o,
    },
    admin.id,
  );
  if (o.facilitator) await repo.putMember(t.database.db, { communityId: id, userId: o.facilitator.id, role: 'facilitator', status: 'active' });
  return id;
}
