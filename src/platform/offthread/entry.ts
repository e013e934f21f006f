import { parentPort, workerData } from 'node:worker_threads';
import { openAddress } from '../../db/database.ts';
import { packArrays, transferablesOf, type WorkerInput, type WorkerOutput } from './offthread.ts';

// The worker thread of a build (offthread.ts): opens the database, runs the task's function,
// sends what it returned with its typed arrays packed into one buffer and moved, and ends.

const input = workerData as WorkerInput;
const database = openAddress(input.address, 2);
let out: WorkerOutput;
try {
  const mod = (await import(input.module)) as Record<string, unknown>;
  const run = mod[input.name];
  if (typeof run !== 'function') throw new Error(`${input.module} has no function ${input.name}`);
  out = { ok: true, value: packArrays(await (run as (db: unknown) => Promise<unknown>)(database.db)) };
} catch (err) {
  out = { ok: false, message: err instanceof Error ? err.message : String(err) };
} finally {
  await database.close();
}
parentPort!.postMessage(out, out.ok ? transferablesOf(out.value) : []);
