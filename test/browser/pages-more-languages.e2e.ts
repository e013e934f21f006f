// The page checks of pages.e2e.ts for the languages it leaves to this file, so that the test
// runner can take the two in parallel.
import { langs } from '../pages/catalogue.ts';

process.env.INTVE_PAGE_LANGS = langs.filter((l) => !['en', 'fr', 'ar'].includes(l)).join(',');
await import('./pages.e2e.ts');
