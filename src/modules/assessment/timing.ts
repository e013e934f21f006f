import type { QuestionPage } from './questionnaire/pages.ts';
import { itemsOf } from './questionnaire/pages.ts';

// How long answering takes, said the same way everywhere: the welcome page, the mails, the
// posters and the form that starts a round. Reading a statement with its explanation and choosing
// on the scale takes about 20 seconds; each page adds a few seconds to read its heading and move
// on. Rounded up to whole minutes, never under 3.

export const SECONDS_PER_STATEMENT = 20;
export const SECONDS_PER_PAGE = 10;

/** Minutes to answer this many statements over this many pages. */
export const answeringMinutes = (statements: number, pages: number): number =>
  Math.max(3, Math.ceil((statements * SECONDS_PER_STATEMENT + pages * SECONDS_PER_PAGE) / 60));

/** Minutes to answer a group's pages. */
export const minutesFor = (pages: QuestionPage[]): number =>
  answeringMinutes(
    pages.reduce((n, p) => n + itemsOf(p).length, 0),
    pages.length,
  );
