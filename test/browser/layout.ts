import type { Page } from 'playwright-core';

// Layout checks: what axe and html-validate cannot see because they never look at boxes on the
// screen. One function, run in the page as it is laid out at the window's current width; each
// problem says which element to fix and by how much.

export type LayoutKind = 'sideways-scroll' | 'choice-label' | 'header-height' | 'chart-text' | 'page-height' | 'direction';

export interface LayoutProblem {
  kind: LayoutKind;
  message: string;
}

export const LAYOUT_LIMITS = {
  /** the widest a window counts as a phone, where the header limit applies */
  phoneMaxWidth: 480,
  /** the page header on a phone: the wordmark and the language and menu buttons (about 66 px; the menu opens over the page) */
  headerOnPhone: 120,
  /** a checkbox or radio drawn at its natural size is 13–24 px; more means a rule stretched it */
  choiceMaxSize: 32,
  /** the most space between a checkbox or radio and the start of its label's text */
  choiceLabelGap: 24,
  /** chart text smaller than this on screen cannot be read (font size × the SVG's scale) */
  chartTextMin: 9,
  /**
   * The page-height budget. A page needs about one line per line of its text at the width it has
   * (a line holds ~(width ÷ 8.5 px) characters of 17 px text, at most ~90 in a 48rem measure),
   * plus room for each form control (the box of a field, a button) and each image or chart as
   * drawn, plus the header, footer and margins. A page that is more than `heightFactor` times
   * that estimate is absurdly tall for what it holds: text squeezed into a narrow column (one
   * word a line) or boxes stretched. Every page type measures 0.26–1.10 times its estimate; the
   * start-a-round form of the release whose checkboxes stretched (59,051 px at 1280 px) measured
   * 2.6–4.9 times it, depending on language and width.
   */
  height: { lineHeight: 26.5, charWidth: 8.5, measure: 760, blockGap: 10, control: 64, textarea: 180, button: 56, media: 1200, frame: 900, heightFactor: 2 },
};

export type LayoutLimits = typeof LAYOUT_LIMITS;

/** Runs every layout check on the page as it is now laid out; an empty list means it passed. */
export async function checkLayout(page: Page, limits: LayoutLimits = LAYOUT_LIMITS): Promise<LayoutProblem[]> {
  return page.evaluate(measureLayout, limits);
}

// Runs in the browser: everything it uses is inside it.
function measureLayout(limits: LayoutLimits): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const root = document.documentElement;
  const vw = root.clientWidth;
  const px = (n: number) => `${Math.round(n)} px`;
  // Shown on screen: not display:none, not inside a closed <details>, not visibility:hidden.
  const rendered = (el: Element) => el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }) && el.getClientRects().length > 0;
  const tiny = (r: DOMRect) => r.width <= 1 && r.height <= 1;

  /** A selector a person can find the element by: tag, id or classes, and its parents up to one with an id. */
  function describe(el: Element): string {
    const parts: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const classes = [...e.classList].filter((c) => c !== 'js').slice(0, 2);
      parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : classes.map((c) => `.${c}`).join('')}`);
      if (e.id) break;
    }
    return parts.join(' > ');
  }
  const text = (el: Element | null, max = 40) => {
    const s = (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
  };
  const list = (items: string[], max = 6) => (items.length > max ? [...items.slice(0, max), `… and ${items.length - max} more`] : items).join('; ');

  // 1. No sideways scrolling.
  if (root.scrollWidth > vw) {
    // Inside a box that scrolls or clips sideways (a table's scroll box, the phone navigation),
    // an element cannot widen the page; but an absolutely positioned one (a visually hidden label)
    // is clipped only by boxes from its containing block up.
    const clipped = (el: Element) => {
      const position = getComputedStyle(el).position;
      if (position === 'fixed') return true;
      let e = position === 'absolute' ? (el as HTMLElement).offsetParent : el.parentElement;
      for (; e && e !== document.body && e !== root; e = e.parentElement) if (getComputedStyle(e).overflowX !== 'visible') return true;
      return false;
    };
    const out = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.right > vw + 0.5 || r.left < -0.5;
    };
    const sticking = [...document.body.querySelectorAll('*')].filter(
      (el) => rendered(el) && out(el) && !clipped(el) && !(el.parentElement && el.parentElement !== document.body && out(el.parentElement)),
    );
    problems.push({
      kind: 'sideways-scroll',
      message: `the page scrolls sideways: ${px(root.scrollWidth)} wide in a ${px(vw)} window. Sticking out (make these wrap or shrink): ${list(
        sticking.map((el) => {
          const r = el.getBoundingClientRect();
          const hidden =
            tiny(r) && getComputedStyle(el).position === 'absolute'
              ? ', visually hidden: its scroll box must be its containing block (position: relative)'
              : '';
          return `${describe(el)} (${px(r.left)} to ${px(r.right)}, ${px(r.width)} wide${hidden})`;
        }),
      )}`,
    });
  }

  // 2. Every checkbox and radio sits beside its label, at its natural size, label right after it.
  const choiceProblems: string[] = [];
  let stretched = 0;
  for (const input of document.querySelectorAll<HTMLInputElement>('input[type=checkbox], input[type=radio]')) {
    if (!rendered(input)) continue;
    const box = input.getBoundingClientRect();
    if (tiny(box)) continue;
    const name = `${input.type} ${describe(input)}`;
    if (box.width > limits.choiceMaxSize || box.height > limits.choiceMaxSize) {
      stretched++;
      choiceProblems.push(`${name} is ${px(box.width)} × ${px(box.height)}`);
      continue;
    }
    const label = input.labels?.[0];
    if (!label) {
      choiceProblems.push(`${name} has no label`);
      continue;
    }
    const range = document.createRange();
    range.selectNodeContents(label);
    if (label.contains(input)) range.setStartAfter(input);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
    const first = rects[0];
    if (!first) {
      choiceProblems.push(`${name}: its label is not shown`);
      continue;
    }
    const line = rects.filter((r) => r.top < first.bottom - 1 && r.bottom > first.top + 1);
    const top = Math.min(...line.map((r) => r.top));
    const bottom = Math.max(...line.map((r) => r.bottom));
    const rtl = getComputedStyle(input).direction === 'rtl';
    const start = rtl ? Math.max(...line.map((r) => r.right)) : Math.min(...line.map((r) => r.left));
    const gap = rtl ? box.left - start : start - box.right;
    const overlap = Math.min(box.bottom, bottom) - Math.max(box.top, top);
    const before = !label.contains(input) && Boolean(label.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_FOLLOWING);
    const what = `${name} and its label “${text(label)}”`;
    if (before) choiceProblems.push(`${what}: the label comes before the control in the page; put the control first`);
    else if (overlap < Math.min(box.height, bottom - top) / 2)
      choiceProblems.push(
        `${what}: not on the same line (the label's first line is ${px(top - box.top)} ${top > box.top ? 'below' : 'above'} the control); lay the control and the label out side by side`,
      );
    else if (gap < -1 || gap > limits.choiceLabelGap)
      choiceProblems.push(
        `${what}: the label's text starts ${px(gap)} ${gap < 0 ? 'before' : 'after'} the control's ${rtl ? 'left' : 'right'} edge (allowed 0 to ${limits.choiceLabelGap} px); the label should follow the control directly`,
      );
  }
  if (choiceProblems.length) {
    const why = stretched
      ? ` (${stretched} stretched beyond ${limits.choiceMaxSize} px: a control keeps its natural size, about 20 px; no rule like ".field input { inline-size: 100% }" may reach it)`
      : '';
    problems.push({ kind: 'choice-label', message: `${choiceProblems.length} checkbox or radio problem(s)${why}: ${list(choiceProblems, 5)}` });
  }

  // 3. The page header on a phone leaves the screen to the page.
  const header = document.querySelector('.site-header');
  if (header && vw <= limits.phoneMaxWidth) {
    const h = header.getBoundingClientRect().height;
    if (h > limits.headerOnPhone)
      problems.push({
        kind: 'header-height',
        message: `the page header is ${px(h)} tall at ${px(vw)} (limit ${limits.headerOnPhone} px); its parts: ${[...header.querySelectorAll('.header-bar > *')].map((el) => `${describe(el)} ${px(el.getBoundingClientRect().height)}`).join(', ')}`,
      });
  }

  // 4. Chart text readable: the SVG's font size times the SVG's scale on screen.
  const small = new Map<SVGSVGElement, { sizes: number[]; font: number; scale: number; sample: string }>();
  for (const t of document.querySelectorAll<SVGTextElement>('svg text')) {
    if (!rendered(t) || !(t.textContent ?? '').trim()) continue;
    const ctm = t.getScreenCTM();
    if (!ctm) continue;
    const font = parseFloat(getComputedStyle(t).fontSize);
    const scale = Math.sqrt(Math.abs(ctm.a * ctm.d - ctm.b * ctm.c));
    const size = font * scale;
    if (size >= limits.chartTextMin) continue;
    const svg = t.ownerSVGElement!;
    // The label as drawn: its text and tspans, not a <title> inside it.
    const drawn = [...t.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE || n.nodeName === 'tspan')
      .map((n) => n.textContent)
      .join('')
      .trim();
    const entry = small.get(svg) ?? { sizes: [], font, scale, sample: drawn.slice(0, 24) };
    entry.sizes.push(size);
    small.set(svg, entry);
  }
  if (small.size) {
    const charts = [...small].map(([svg, e]) => {
      const caption = svg.closest('figure')?.querySelector('figcaption');
      const box = svg.viewBox.baseVal;
      return `${caption ? `“${text(caption)}”` : describe(svg)}: ${e.sizes.length} label(s), smallest ${Math.min(...e.sizes).toFixed(1)} px (“${e.sample}”: font ${e.font} × scale ${e.scale.toFixed(2)}, the SVG ${px(svg.getBoundingClientRect().width)} wide for a viewBox ${box ? Math.round(box.width) : '?'} wide)`;
    });
    problems.push({
      kind: 'chart-text',
      message: `${small.size} chart(s) draw text below ${limits.chartTextMin} px; draw each at a width where its text is ${limits.chartTextMin} px or more (or its text larger): ${list(charts, 8)}`,
    });
  }

  // 5. No page absurdly tall for what it holds (the budget is explained in LAYOUT_LIMITS.height).
  const H = limits.height;
  const perLine = Math.max(20, Math.min(vw - 32, H.measure) / H.charWidth);
  const lines = document.body.innerText
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const textLines = lines.reduce((n, l) => n + Math.ceil(l.length / perLine), 0);
  let controls = 0;
  let controlHeight = 0;
  for (const el of document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, button')) {
    if (!rendered(el)) continue;
    controls++;
    controlHeight += el.tagName === 'TEXTAREA' ? H.textarea : el.tagName === 'BUTTON' ? H.button : H.control;
  }
  let mediaHeight = 0;
  for (const el of document.querySelectorAll('img, svg, video, canvas, iframe')) {
    if (el.parentElement?.closest('svg') || !rendered(el)) continue;
    mediaHeight += Math.min(el.getBoundingClientRect().height, H.media);
  }
  const budget = H.frame + textLines * H.lineHeight + lines.length * H.blockGap + controlHeight + mediaHeight;
  const height = root.scrollHeight;
  if (height > budget * H.heightFactor) {
    // The likely culprits: boxes much taller than their text needs at their width.
    const squeezed = [...document.body.querySelectorAll('label, p, li, td, th, dd, dt, legend, summary, h2, h3, a, span')]
      .map((el) => ({ el, r: el.getBoundingClientRect(), chars: (el.textContent ?? '').trim().length }))
      .filter(({ r, chars }) => r.height > 4 * H.lineHeight && r.width > 0 && r.height > 3 * H.lineHeight * Math.ceil((chars * H.charWidth) / r.width + 1))
      .sort((a, b) => b.r.height - a.r.height)
      // the innermost such box is the one squeezed
      .filter(({ el }, _, all) => !all.some((o) => o.el !== el && el.contains(o.el)))
      .map(({ el, r }) => `${describe(el)} is ${px(r.width)} wide and ${px(r.height)} tall for “${text(el, 30)}”`);
    problems.push({
      kind: 'page-height',
      message: `the page is ${px(height)} tall at ${px(vw)}, more than ${H.heightFactor} × the ${px(budget)} its content needs (${lines.length} blocks of text making ${textLines} lines of ${Math.round(perLine)} characters, ${controls} form controls, ${px(mediaHeight)} of images and charts).${squeezed.length ? ` Text squeezed into narrow boxes: ${list(squeezed, 4)}` : ' Look for stretched boxes or large empty space.'}`,
    });
  }

  // 6. Text of the other direction is isolated: an inline element marked with a language written
  // the other way (an English title left untranslated on an Arabic page) must run in its own
  // direction, isolated from the text around it (dir on the element, or <bdi>); otherwise its
  // words and the numbers and brackets beside it swap places. Text boxes people type into take
  // the direction of what they type (dir="auto").
  const rtlLang = (lang: string) => /^(ar|he|fa|ur|ps|yi|dv|ckb)(-|$)/i.test(lang);
  const pageRtl = getComputedStyle(document.body).direction === 'rtl';
  const unisolated: string[] = [];
  for (const el of document.body.querySelectorAll('[lang]')) {
    // SVG text is a block of its own, given its direction by the chart (ui/charts).
    if (!rendered(el) || el.closest('svg')) continue;
    const rtl = rtlLang(el.getAttribute('lang') ?? '');
    const parentRtl = el.parentElement ? getComputedStyle(el.parentElement).direction === 'rtl' : pageRtl;
    if (rtl === parentRtl) continue;
    const style = getComputedStyle(el);
    const inline = style.display.startsWith('inline');
    const own = (style.direction === 'rtl') === rtl;
    if (!own || (inline && !['isolate', 'isolate-override', 'plaintext'].includes(style.unicodeBidi))) unisolated.push(`${describe(el)} “${text(el, 30)}”`);
  }
  const typed = [...document.querySelectorAll('textarea, input:not([type]), input[type=text], input[type=search]')].filter(
    (el) => rendered(el) && !el.hasAttribute('dir'),
  );
  if (unisolated.length || typed.length) {
    problems.push({
      kind: 'direction',
      message: [
        unisolated.length
          ? `text in a language of the other direction is not isolated in its own direction (give it dir or wrap it in <bdi>): ${list(unisolated)}`
          : '',
        typed.length ? `text boxes without dir (give them dir="auto"): ${list(typed.map((el) => describe(el)))}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  }
  return problems;
}
