import type { Session } from 'fastify';
import type { SessionStore } from '@fastify/session';
import type { DB } from '../../db/database.ts';
import { destroySession, getSession, setSession } from './repository.ts';

// The store behind @fastify/session: sessions live in the database, so every instance sees
// them, and they can be listed and revoked per person ("sign out everywhere").

declare module 'fastify' {
  interface Session {
    /** the signed-in person, if any */
    userId?: number;
  }
}

type Callback = (error?: unknown) => void;

export function databaseSessionStore(db: DB, maxAgeMs: number): SessionStore {
  return {
    set(id: string, session: Session, callback: Callback) {
      const expires = session.cookie.expires ? new Date(session.cookie.expires) : new Date(Date.now() + maxAgeMs);
      setSession(db, id, JSON.stringify(session), session.userId ?? null, expires).then(() => callback(), callback);
    },
    get(id: string, callback: (error: unknown, session?: Session | null) => void) {
      getSession(db, id).then(
        (row) => callback(null, row ? (JSON.parse(row.data) as Session) : null),
        (error: unknown) => callback(error),
      );
    },
    destroy(id: string, callback: Callback) {
      destroySession(db, id).then(() => callback(), callback);
    },
  };
}

/** The person signed in with a session id (the cookie's value, already verified), if any: for pages outside the session scope that only need to know. */
export async function sessionUserId(db: DB, id: string): Promise<number | null> {
  const row = await getSession(db, id);
  if (!row) return null;
  const userId = (JSON.parse(row.data) as Partial<Session>).userId;
  return typeof userId === 'number' ? userId : null;
}
