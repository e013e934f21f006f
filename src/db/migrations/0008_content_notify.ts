import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// PostgreSQL: every new content version is announced on the channel `intve_content_<schema>`, so
// every instance drops its cached pages at once, whoever made the change (an editor on another
// instance, the content loader, an import). SQLite runs in one process and needs nothing.
// Immutable once landed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql
    .raw(
      `create function intve_content_notify() returns trigger language plpgsql as $$
      begin
        if new.key = 'content_version' then
          perform pg_notify('intve_content_' || current_schema(), new.value);
        end if;
        return new;
      end $$`,
    )
    .execute(db);
  await sql.raw(`create trigger content_meta_notify after insert or update on content_meta for each row execute function intve_content_notify()`).execute(db);
}
