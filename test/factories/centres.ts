import type { Database } from '../../src/db/database.ts';
import { addMember, createCentre, type NetworkProfile, type ProfileInput } from '../../src/modules/centres/repository.ts';
import { user, type UserRecord } from './people.ts';

// Centres with their administrator and members, made through the centres repository.

export interface CentreRecord {
  id: number;
  slug: string;
  name: string;
  /** the centre's administrator (its creator) */
  admin: UserRecord;
  /** members with the centre role "member" */
  members: UserRecord[];
}

export interface CentreOptions extends Partial<ProfileInput> {
  slug?: string;
  /** the administrator (default: a new person) */
  admin?: UserRecord;
  /** members: people to add, or how many new ones to make (default none) */
  members?: UserRecord[] | number;
}

let n = 0;

/** A published centre in Moldova (tourism), administered by a new person, unless told otherwise. */
export async function centre(t: { database: Database }, o: CentreOptions = {}): Promise<CentreRecord> {
  const i = ++n;
  const { slug = `centre-${i}-${process.pid}`, admin = await user(t, { name: `Centre Leader ${i}` }), members: wanted = [], ...profile } = o;
  const p: ProfileInput = {
    name: `Centre ${i}`,
    country: 'MD',
    city: 'Chișinău',
    website: null,
    type: 'cove',
    description: null,
    eqfLevels: [],
    languages: [],
    sectors: ['tourism'],
    published: true,
    ...profile,
  };
  const id = await createCentre(t.database.db, slug, p, admin.id);
  const members: UserRecord[] = typeof wanted === 'number' ? [] : wanted;
  for (let k = 0; typeof wanted === 'number' && k < wanted; k++) members.push(await user(t));
  for (const m of members) await addMember(t.database.db, id, m.id, 'member');
  return { id, slug, name: p.name, admin, members };
}

/** A network profile with nothing said (no offers, seeks, identifiers, programmes, contacts or signals), and what the caller adds. */
export const networkProfile = (o: Partial<NetworkProfile> = {}): NetworkProfile => ({
  offers: [],
  seeks: [],
  erasmusOid: null,
  euPic: null,
  accredited: false,
  eneMember: false,
  programmes: [],
  contacts: [],
  showRounds: false,
  showActivity: false,
  shareMaturity: false,
  ...o,
});
