import { Worker } from 'node:worker_threads';
import { addressOf, type Database, type DatabaseAddress, type DB } from '../../db/database.ts';

// Builds that read a whole table and make a lot of short-lived garbage (the search index, the
// e-library's facet index) run in a worker thread of their own, which ends when the build is done.
// Its heap goes with it: built on the main thread, a 100,000-resource library left about 300 MB
// of heap pages that V8 kept (resident) long after the garbage was collected. What the build
// returns is plain data (structured clone), its typed arrays moved rather than copied.
//
// The worker opens the database again from its address (addressOf), so an in-memory SQLite
// database, which only its own connection sees, builds here instead.

/** A build a worker thread can run: a function `name` exported by `module`, which is `run`. */
export interface BuildTask<T> {
  module: URL;
  name: string;
  run: (db: DB) => Promise<T>;
}

export function buildTask<T>(module: URL, name: string, run: (db: DB) => Promise<T>): BuildTask<T> {
  return { module, name, run };
}

/** What the worker is given (entry.ts). */
export interface WorkerInput {
  address: DatabaseAddress;
  module: string;
  name: string;
}

export type WorkerOutput = { ok: true; value: unknown } | { ok: false; message: string };

export interface BuildOptions {
  /** how many rows make a build worth a thread of its own (null: never) */
  workerFrom: number | null;
  /** how many rows the build will read */
  count: (db: DB) => Promise<number>;
  /** told when a worker failed and the build ran here instead */
  onFallback?: (err: Error) => void;
}

/**
 * Runs the task in a worker thread when it has at least `workerFrom` rows to read and the
 * database can be opened from there; otherwise here, where a small build is quicker than a
 * thread's start. A worker that fails is reported through `onFallback` and the task runs here:
 * the database is the same, so a build that cannot work in a thread still works.
 */
export async function runBuild<T>(database: Database, task: BuildTask<T>, o: BuildOptions): Promise<T> {
  const address = addressOf(database);
  if (o.workerFrom === null || !address || (await o.count(database.db)) < o.workerFrom) {
    buildsRun.inline++;
    return task.run(database.db);
  }
  try {
    const value = await inWorker<T>({ address, module: task.module.href, name: task.name });
    buildsRun.worker++;
    return value;
  } catch (err) {
    buildsRun.fallback++;
    o.onFallback?.(err as Error);
    return task.run(database.db);
  }
}

/** How many builds ran where: in a worker thread, in the thread that needed them, and there after a worker failed. */
export interface BuildCounts {
  worker: number;
  inline: number;
  fallback: number;
}

/** The builds this thread asked for (/metrics adds the search thread's: search/thread). */
export const buildsRun: BuildCounts = { worker: 0, inline: 0, fallback: 0 };

/** Runs a task in a worker thread of its own and resolves to what it returned. */
export function inWorker<T>(input: WorkerInput): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(new URL('./entry.ts', import.meta.url), { workerData: input });
    let settled = false;
    worker.once('message', (out: WorkerOutput) => {
      settled = true;
      if (out.ok) resolve(out.value as T);
      else reject(new Error(out.message));
    });
    worker.once('error', (err: unknown) => {
      if (!settled) reject(err instanceof Error ? err : new Error(String(err)));
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the build's worker thread ended (exit code ${code}) without a result`));
      settled = true;
    });
  });
}

type Typed = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/**
 * The value with every typed array in it copied into one new buffer (views of it, each aligned to
 * 8 bytes; one array met twice stays one). What a worker sends back: a buffer this large is a
 * mapping of its own, so the thread's allocator keeps nothing the main thread still uses, and
 * everything else it allocated is given back when the thread ends.
 */
export function packArrays<T>(value: T): T {
  const arrays = new Set<Typed>();
  visit(value, (a) => arrays.add(a as Typed));
  let bytes = 0;
  for (const a of arrays) bytes += align(a.byteLength);
  const buffer = new ArrayBuffer(bytes);
  const copies = new Map<unknown, unknown>();
  let at = 0;
  for (const a of arrays) {
    const copy = new (a.constructor as new (b: ArrayBuffer, offset: number, length: number) => Typed)(buffer, at, a.length);
    copy.set(a);
    copies.set(a, copy);
    at += align(a.byteLength);
  }
  return replaced(value, copies, new Map()) as T;
}

const align = (n: number) => (n + 7) & ~7;

/** Calls `each` with every typed array in a value of plain objects, arrays and maps. */
function visit(value: unknown, each: (view: ArrayBufferView) => void, seen = new Set<object>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (ArrayBuffer.isView(value)) each(value);
  else if (value instanceof Map)
    for (const [k, x] of value) {
      visit(k, each, seen);
      visit(x, each, seen);
    }
  else if (Array.isArray(value)) for (const x of value) visit(x, each, seen);
  else for (const x of Object.values(value)) visit(x, each, seen);
}

function replaced(value: unknown, copies: Map<unknown, unknown>, done: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (copies.has(value)) return copies.get(value);
  if (done.has(value)) return done.get(value);
  if (value instanceof Map) {
    const out = new Map();
    done.set(value, out);
    for (const [k, x] of value) out.set(replaced(k, copies, done), replaced(x, copies, done));
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    done.set(value, out);
    for (const x of value) out.push(replaced(x, copies, done));
    return out;
  }
  const out: Record<string, unknown> = {};
  done.set(value, out);
  for (const [k, x] of Object.entries(value)) out[k] = replaced(x, copies, done);
  return out;
}

/** The buffers of every typed array in a value of plain objects, arrays and maps, once each: what postMessage can move. */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  visit(value, (v) => {
    if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  });
  return [...out];
}
