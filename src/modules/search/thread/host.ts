import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openAddress } from '../../../db/database.ts';
import { buildsRun } from '../../../platform/offthread/offthread.ts';
import { facetBuilder } from '../../library/facet-build.ts';
import { localLookup } from '../../library/lookup.ts';
import { createSearchEngine } from '../index.ts';
import type { HostInput, HostMessage, HostRequest } from './protocol.ts';

// The search thread (client.ts starts it): the in-memory search index and the e-library's facet
// index live here, with a database connection of their own to build and update them, and every
// match, facet count and ranking runs here, beside the server's thread rather than on it.

/** how much lower the thread's scheduling priority is than the server's (nice steps) */
const HOST_NICENESS = 5;

// The server's thread comes first: when the processors are busy, searches wait rather than the
// pages everyone reads (Linux; elsewhere the thread keeps the process's priority).
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + HOST_NICENESS));
} catch {
  // not Linux, or not allowed: the same priority as the server's thread
}

const input = workerData as HostInput;
const port = parentPort!;
const database = openAddress(input.address, 4);
let version = '';
const send = (m: HostMessage) => port.postMessage(m);
const onFallback = (err: Error) =>
  send({ id: 0, log: 'warn', message: `index build in a worker thread failed; building in the search thread: ${err.message}` });
const search = createSearchEngine(database, { engine: 'memory', contentVersion: () => version, workerFrom: input.workerFrom, onFallback });
const lookup = localLookup(search, () => version, facetBuilder(database, { workerFrom: input.workerFrom, onFallback }));

async function answer(m: HostRequest): Promise<unknown> {
  switch (m.op) {
    case 'search':
      return search.search(m.query);
    case 'find':
      return lookup.find(m.req);
    case 'match': {
      // Ids and scores only: the phrase bonus is a function and stays here (the e-library asks with 'find').
      const found = await search.matchDocuments(m.text, m.lang, m.kind);
      return (
        found && {
          perLang: found.perLang.map((l) => ({
            ...l,
            ids: Int32Array.from(l.ids),
            titleIds: Int32Array.from(l.titleIds),
            scores: l.scores && Float32Array.from(l.scores),
          })),
        }
      );
    }
    case 'refresh':
      return search.refresh!();
    case 'builds':
      return buildsRun;
    case 'warm': {
      const [built] = await Promise.all([search.warm!(), lookup.warm()]);
      return built;
    }
  }
}

port.on('message', (m: HostRequest) => {
  // The server's version only moves forward, and messages arrive in the order they were sent.
  version = m.version;
  answer(m).then(
    (value) => send({ id: m.id, ok: true, value }),
    (err: unknown) => send({ id: m.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});
