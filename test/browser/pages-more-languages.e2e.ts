// The page checks of pages.e2e.ts for the languages it leaves to this file (Russian and
// Ukrainian, a page type in one of them each, in turn), so that the test runner can take the two
// in parallel. The unit suite's HTML checks still see every page in every language.
import { langs } from '../pages/catalogue.ts';

process.env.INTVE_PAGE_LANGS = langs.filter((l) => !['en', 'fr', 'ar'].includes(l)).join(',');
process.env.INTVE_PAGE_ALTERNATE = '1';
await import('./pages.e2e.ts');
