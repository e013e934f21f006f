import type { PageContext } from '../../http/context.ts';
import type { Html } from '../html.ts';
import { examples as button } from './button/examples.ts';
import { examples as card } from './card/examples.ts';
import { examples as choiceList } from './choice-list/examples.ts';
import { examples as countryMap } from './country-map/examples.ts';
import { examples as disclosure } from './disclosure/examples.ts';
import { examples as field } from './field/examples.ts';
import { examples as illustration } from './illustration/examples.ts';
import { examples as notice } from './notice/examples.ts';
import { examples as pagination } from './pagination/examples.ts';
import { examples as scale } from './scale/examples.ts';
import { examples as table } from './table/examples.ts';
import { examples as tag } from './tag/examples.ts';
import { examples as wordmark } from './wordmark/examples.ts';

// Every component's examples, by component: the design-system page shows them, the unit suite
// validates their HTML and the browser suite runs axe and the layout checks on each one alone.
// A new component adds its folder's examples here.

export interface Example {
  name: string;
  render: (ctx: PageContext) => Html;
}

export const componentExamples: { component: string; examples: Example[] }[] = [
  // The header and the footer are on every page, so every page type of the browser suite checks
  // them; their states are in header/examples.ts and footer/examples.ts, but are not listed here:
  // shown a second time on one page they would repeat its landmarks and ids.
  { component: 'wordmark', examples: wordmark },
  { component: 'illustration', examples: illustration },
  { component: 'button', examples: button },
  { component: 'field', examples: field },
  { component: 'choice-list', examples: choiceList },
  { component: 'scale', examples: scale },
  { component: 'card', examples: card },
  { component: 'tag', examples: tag },
  { component: 'notice', examples: notice },
  { component: 'disclosure', examples: disclosure },
  { component: 'pagination', examples: pagination },
  { component: 'table', examples: table },
  { component: 'country-map', examples: countryMap },
];

/** Every example's name, unique across components (the page's ?example= and anchors use it). */
export const exampleNames: string[] = componentExamples.flatMap((c) => c.examples.map((e) => e.name));
