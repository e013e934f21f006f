import { existsSync } from 'node:fs';

// Which Chromium the browser suite (and `npm run shots`) drives. Debian's package
// chromium-headless-shell is Chromium's engine without the browser around it (the "old" headless
// mode, which Playwright itself uses for headless runs): the same Blink, the same layout and the
// same axe results, with much less work per page. On the 2-core machine, one file of page checks
// (266 of them, run alone) took 84 s with it against 133 s with the full browser. The full
// browser stays the fallback, and what Lighthouse drives.
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const FULL_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM);
