import { html, raw, type Html } from '../../html.ts';
import { table } from '../table/table.ts';
import { MARKER_RADIUS, mapGeometry, type Shape } from './geometry.ts';

// A map of the platform's countries shaded by a count (centres per country), each country with a
// count a link (to the directory filtered by it), followed by the same figures as a table. The
// table is the accessible equivalent and the way to the smallest countries on a phone; the map is
// for the eye. The drawing is computed once per process (geometry.ts): a page joins strings.
//
// The SVG is a group of links named by its title (never role="img", whose children assistive
// technologies may flatten into one picture). It is never mirrored on right-to-left pages (a map
// has one orientation); the key and the table follow the page. No text is drawn in the SVG, so
// nothing in it gets too small to read on a phone. Colours are classes (country-map.css): the
// Content-Security-Policy forbids inline styles. Wording comes from the caller.

export interface CountryMapOptions {
  /** unique id prefix within the page, [a-z0-9-] */
  id: string;
  caption: string;
  /** alpha-2 code → count; a country missing or at 0 is drawn but is not a link */
  counts: ReadonlyMap<string, number>;
  countryName: (code: string) => string;
  href: (code: string) => string;
  /** each country link's accessible name and tooltip, e.g. "France: 12 centres" */
  linkLabel: (code: string, count: number) => string;
  tableHeadings: { country: string; count: string };
  formatNumber: (n: number) => string;
  /** countries currently filtered: outlined on the map, marked current in the table */
  selected?: readonly string[];
  legend?: {
    /** a heading above the key, e.g. "Centres" */
    title?: string;
    /** one step's label, e.g. "3 to 5"; from === to for a step of one value. Default: the formatted numbers with an en dash. */
    step?: (from: number, to: number) => string;
  };
}

/** The shades, lightest first: each at least 3:1 against white, the pale land and the white borders (country-map.test.ts checks). */
export const SHADES = ['#3a87c0', '#2171b5', '#08519c', '#08306b'] as const;

const NICE = [1, 2, 3, 5];

/** The smallest of 1, 2, 3 or 5 times a power of ten that is at least n. */
function niceAbove(n: number): number {
  const mag = 10 ** Math.floor(Math.log10(n));
  return [...NICE.map((m) => m * mag), 10 * mag].find((c) => c >= n - 1e-9)!;
}

/**
 * The steps of the scale for counts up to `max`: up to four ranges [from, to], each count in one.
 * Up to four, one count per step; beyond, round bounds spaced about evenly on a log scale (1–2,
 * 3–5, 6–10, 11–14; 1–5, 6–20, 21–50, 51–120), since a few countries have many centres and most
 * have few.
 */
export function scaleSteps(max: number): [number, number][] {
  if (max < 1) return [];
  const uppers =
    max <= SHADES.length
      ? Array.from({ length: max - 1 }, (_, i) => i + 1)
      : [...new Set([1, 2, 3].map((k) => niceAbove(max ** (k / 4))))].filter((u) => u < max);
  return [...uppers, max].map((to, i) => [i === 0 ? 1 : uppers[i - 1]! + 1, to]);
}

/** Which shade each of n steps takes: spread over the four, the darkest always for the top step. */
function shadeOf(step: number, n: number): number {
  return n === 1 ? 2 : Math.round((step * (SHADES.length - 1)) / (n - 1));
}

// Each country's path as markup, made once: the drawing is the same for every page (geometry.ts).
const pathElements = new WeakMap<Shape, Html>();
function pathElement(s: Shape): Html {
  let element = pathElements.get(s);
  if (!element) pathElements.set(s, (element = html`<path d="${raw(s.d)}"/>`));
  return element;
}

export function countryMap(o: CountryMapOptions): Html {
  if (!/^[a-z0-9-]+$/.test(o.id)) throw new Error(`country map id must be [a-z0-9-]: ${JSON.stringify(o.id)}`);
  const geometry = mapGeometry();
  const selected = new Set(o.selected ?? []);
  const count = (code: string) => o.counts.get(code) ?? 0;

  // Countries with a count, most first then by name: the order of the map's links (so that
  // keyboard order matches the table's) and of the table.
  const names = new Map<string, string>();
  const name = (code: string) => {
    let n = names.get(code);
    if (n === undefined) names.set(code, (n = o.countryName(code)));
    return n;
  };
  const listed = [...o.counts].filter(([, n]) => n > 0).map(([code]) => code);
  listed.sort((a, b) => count(b) - count(a) || name(a).localeCompare(name(b)));

  const steps = scaleSteps(Math.max(0, ...listed.map(count)));
  const shade = (n: number) =>
    shadeOf(
      steps.findIndex(([, to]) => n <= to),
      steps.length,
    ) + 1;

  const zero: (Html | '')[] = [];
  const zeroMarkers: Html[] = [];
  const links: Html[] = [];
  const smallLinks: Html[] = [];
  const rings: string[] = [];
  // Paths and markers take their colours from the link or group around them (country-map.css),
  // and so do their copies in the outlines of the selected countries.
  const marker = ({ x, y }: NonNullable<Shape['marker']>, id: string) => html`<circle${id ? html` id="${id}"` : ''} cx="${x}" cy="${y}" r="${MARKER_RADIUS}"/>`;
  const ringId = (code: string) => (selected.has(code) ? `${o.id}-${code.toLowerCase()}` : '');

  const path = (s: Shape, id: string) => (!s.d ? '' : id && !s.marker ? html`<path id="${id}" d="${raw(s.d)}"/>` : pathElement(s));

  for (const [code, s] of geometry.shapes) {
    if (count(code) > 0) continue;
    const id = ringId(code);
    if (s.d) zero.push(path(s, id));
    if (s.marker) zeroMarkers.push(marker(s.marker, id));
    if (id) rings.push(id);
  }
  for (const code of listed) {
    const s = geometry.shapes.get(code);
    if (!s) continue; // a country the map does not know: the table still lists it
    const id = ringId(code);
    const cls = `cm-${shade(count(code))}`;
    const link = html`<a class="${cls}" href="${o.href(code)}"${id ? html` aria-current="true"` : ''}><title>${o.linkLabel(code, count(code))}</title>${path(s, id)}${s.marker ? marker(s.marker, id) : ''}</a>`;
    (s.marker ? smallLinks : links).push(link);
    if (id) rings.push(id);
  }

  // Drawn in this order, each over the ones before: the land around, countries without a count,
  // countries with one, the markers of small countries (last, so no neighbour covers them), and
  // the outlines of the selected countries on top of everything.
  const svg = html`<svg class="country-map-svg" role="group" viewBox="0 0 ${geometry.width} ${geometry.height}" width="100%" dir="ltr"><title>${o.caption}</title>
<path class="cm-land" aria-hidden="true" d="${raw(geometry.land)}"/>
<g class="cm-zero" aria-hidden="true">${zero}</g>
${links}
<g class="cm-zero" aria-hidden="true">${zeroMarkers}</g>
${smallLinks}
${rings.length ? ['cm-rings', 'cm-rings cm-rings-line'].map((cls) => html`<g class="${cls}" aria-hidden="true">${rings.map((id) => html`<use href="#${id}"/>`)}</g>`) : ''}
</svg>`;

  const stepLabel = o.legend?.step ?? ((from: number, to: number) => (from === to ? o.formatNumber(from) : `${o.formatNumber(from)}–${o.formatNumber(to)}`));
  const legend = html`<div class="country-map-legend">${o.legend?.title ? html`<p class="country-map-legend-title" id="${o.id}-legend">${o.legend.title}</p>` : ''}<ul${o.legend?.title ? html` aria-labelledby="${o.id}-legend"` : ''}>
<li><span class="cm-swatch cm-swatch-0"></span>${stepLabel(0, 0)}</li>
${steps.map(([from, to], i) => html`<li><span class="cm-swatch cm-swatch-${shadeOf(i, steps.length) + 1}"></span>${stepLabel(from, to)}</li>`)}
</ul></div>`;

  const figures = listed.length
    ? table({
        id: `${o.id}-table`,
        caption: o.caption,
        captionHidden: true,
        className: 'country-map-table',
        head: [o.tableHeadings.country, { text: o.tableHeadings.count, className: 'numeric' }],
        rowHeadings: true,
        numeric: [1],
        rows: listed.map((code) => [
          html`<a href="${o.href(code)}"${selected.has(code) ? html` aria-current="true"` : ''}>${name(code)}</a>`,
          o.formatNumber(count(code)),
        ]),
      })
    : '';

  return html`<figure class="country-map" id="${o.id}">
<figcaption id="${o.id}-caption">${o.caption}</figcaption>
${svg}
${legend}
${figures}
</figure>`;
}
