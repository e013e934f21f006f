import { Worker } from 'node:worker_threads';
import type { Database, DatabaseAddress } from '../../../db/database.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { BuildCounts } from '../../../platform/offthread/offthread.ts';
import type { Lookup, LookupRequest, LookupResult } from '../../library/lookup.ts';
import type { MemorySearch } from '../engine/memory.ts';
import { pruneSearchLog } from '../engine/memory.ts';
import type { MatchResult, SearchDocument, SearchHit, SearchProvider, SearchQuery } from '../provider.ts';
import { createSearch } from '../index.ts';
import { logRebuilt } from '../repository/documents.ts';
import type { HostAsk, HostInput, HostMessage, HostRequest } from './protocol.ts';

// The server's side of the search thread (host.ts). The thread holds the search index and the
// facet index and does the matching, counting and ranking of every search, so the server's
// thread only renders: on two cores, new searches no longer queue behind one core while the
// other waits. Writes still go to the database from here (the database's provider), and the
// thread catches up from the change log, as another instance would. The thread starts with the
// first request; if it ends (a crash), the requests it had fail and the next one starts another.

export interface SearchThread {
  search: SearchProvider & Pick<MemorySearch, 'warm' | 'refresh'>;
  lookup: Lookup;
  /** The builds the thread ran (for /metrics); null when it is not running. */
  builds(): Promise<BuildCounts | null>;
  /** Ends the thread (the app's close). */
  close(): Promise<void>;
}

export function searchThread(
  database: Database,
  address: DatabaseAddress,
  o: { contentVersion: () => string; workerFrom: number | null; log: (level: 'warn' | 'error', message: string) => void },
): SearchThread {
  const writer = createSearch(database);
  let worker: Worker | null = null;
  let closed = false;
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  function start(): Worker {
    const input: HostInput = { address, workerFrom: o.workerFrom };
    const w = new Worker(new URL('./host.ts', import.meta.url), { workerData: input });
    // The thread never keeps the process alive by itself: the server's sockets do.
    w.unref();
    w.on('message', (m: HostMessage) => {
      if ('log' in m) return o.log(m.log, m.message);
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.message));
    });
    // An uncaught error ends the thread: its requests fail now (its 'exit' may come later, or
    // not before the process ends), and the next request starts another.
    const ended = () => {
      if (worker === w) worker = null;
      for (const p of pending.values()) p.reject(new Error('the search thread ended before it answered'));
      pending.clear();
    };
    w.on('error', (err: Error) => {
      o.log('error', `the search thread failed: ${err.message}`);
      ended();
    });
    w.on('exit', (code) => {
      if (!closed && code !== 0 && worker === w) o.log('error', `the search thread ended (exit code ${code}); the next search starts another`);
      ended();
    });
    return w;
  }

  function ask<T>(request: HostAsk): Promise<T> {
    if (closed) return Promise.reject(new Error('the search thread is closed'));
    const w = (worker ??= start());
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ ...request, id, version: o.contentVersion() } satisfies HostRequest);
    });
  }

  return {
    search: {
      async index(documents: SearchDocument[]) {
        await writer.index(documents);
        await pruneSearchLog(database.db);
        await ask({ op: 'refresh' });
      },
      async remove(refPrefixes: string[]) {
        await writer.remove(refPrefixes);
        await ask({ op: 'refresh' });
      },
      async rebuild() {
        const n = await writer.rebuild();
        // The log's "rebuilt" entry makes the thread (and every other instance) build again.
        await logRebuilt(database.db);
        await ask({ op: 'refresh' });
        return n;
      },
      search: (query: SearchQuery) => ask<{ hits: SearchHit[]; total: number }>({ op: 'search', query }),
      // Ids and scores without the phrase bonus (a function cannot cross threads): the e-library uses `lookup`.
      matchDocuments: (text: string, lang: Lang, kind?: SearchDocument['kind']) =>
        ask<MatchResult | null>({ op: 'match', text, lang, ...(kind ? { kind } : {}) }),
      warm: () => ask<{ documents: number; ms: number }>({ op: 'warm' }),
      refresh: () => ask<void>({ op: 'refresh' }),
    },
    lookup: {
      find: (req: LookupRequest) => ask<LookupResult>({ op: 'find', req }),
      warm: () => ask<{ documents: number; ms: number }>({ op: 'warm' }).then(() => undefined),
    },
    builds: () => (worker ? ask<BuildCounts>({ op: 'builds' }) : Promise.resolve(null)),
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
