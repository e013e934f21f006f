import type { DatabaseAddress } from '../../../db/database.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { LookupRequest } from '../../library/lookup.ts';
import type { SearchDocument, SearchQuery } from '../provider.ts';

// What the server's thread and the search thread (host.ts) say to each other.

export interface HostInput {
  address: DatabaseAddress;
  /** from how many rows the host's whole builds go to a worker thread of their own (null: never) */
  workerFrom: number | null;
}

/** What the server's thread asks. */
export type HostAsk =
  | { op: 'search'; query: SearchQuery }
  | { op: 'find'; req: LookupRequest }
  | { op: 'match'; text: string; lang: Lang; kind?: SearchDocument['kind'] }
  | { op: 'refresh' }
  | { op: 'warm' }
  | { op: 'builds' };

/** Every request carries the content version the server has seen: the host's indexes catch up to it. */
export type HostRequest = HostAsk & { id: number; version: string };

export type HostMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string }
  /** something for the server's log (the host has none) */
  | { id: 0; log: 'warn' | 'error'; message: string };
