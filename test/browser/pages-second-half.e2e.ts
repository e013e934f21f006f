// The second half of the page checks of pages.e2e.ts (every other check of the list of page types
// × languages), so that the test runner takes the two halves in parallel.
process.env.INTVE_PAGE_SHARD = '1/2';
await import('./pages.e2e.ts');
