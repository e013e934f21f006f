// Start-up's loading of framework files lives in framework/load.ts. This file stays only because
// test/helpers/app.ts (another branch's) still imports it from here; drop it once that import moves.
export { loadFrameworks } from './framework/load.ts';
