import type { DB } from '../../db/database.ts';

/** Every administrator's address and language: contact messages go to each of them. */
export const administrators = (db: DB): Promise<{ email: string; preferred_lang: string }[]> =>
  db.selectFrom('users').select(['email', 'preferred_lang']).where('role', '=', 'admin').orderBy('id').execute();
