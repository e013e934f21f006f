import { html, raw, type Html } from '../../html.ts';

// Light line drawings for the Knowledge Packages and their stations, drawn for the platform:
// inline SVG (no request, a few hundred bytes each), in the brand colour (currentColor) with one
// accent, decorative (aria-hidden: the heading beside them says what they stand for). A drawing
// whose meaning runs in a direction (steps going up) is mirrored in right-to-left pages.

interface Drawing {
  /** lines, drawn in currentColor */
  lines: string;
  /** shapes filled with the accent colour */
  accent: string;
  /** shapes filled with the panel colour, behind the lines */
  panel?: string;
  directional?: boolean;
}

const drawings: Record<string, Drawing> = {
  // Package 1: a school and a company, joined by a bridge.
  'package-1': {
    panel: '<path d="M14 86V50l24-16 24 16v36zM98 86V54l14 10V54l14 10V44h12v42z"/>',
    lines: '<path d="M6 86h148M14 86V50l24-16 24 16v36M32 86V72h12v14M38 34V20h10v6h-10M98 86V54l14 10V54l14 10V44h12v42M106 76h6m8 0h6"/>',
    accent: '<path d="M62 66q18-22 36 0v4q-18-20-36 0z"/><circle cx="132" cy="22" r="7"/>',
  },
  // Package 2: a skills ecosystem, a centre linked to the partners around it.
  'package-2': {
    panel: '<circle cx="80" cy="50" r="30"/>',
    lines:
      '<path d="M80 50L40 20M80 50l40-30M80 50L32 62M80 50l48 12M80 50l-16 38M80 50l16 38"/><circle cx="40" cy="20" r="8"/><circle cx="120" cy="20" r="8"/><circle cx="32" cy="62" r="8"/><circle cx="128" cy="62" r="8"/><circle cx="64" cy="88" r="6"/><circle cx="96" cy="88" r="6"/>',
    accent: '<circle cx="80" cy="50" r="12"/>',
  },
  // Partnerships with the private sector: two linked rings.
  'package-1-station-1': {
    panel: '<circle cx="64" cy="50" r="26"/>',
    lines: '<circle cx="64" cy="50" r="26"/><circle cx="96" cy="50" r="26"/>',
    accent: '<path d="M80 30a26 26 0 0 1 0 40a26 26 0 0 1 0-40z"/>',
  },
  // Programmes that meet the labour market's needs: a curriculum with ticks, and a gear.
  'package-1-station-2': {
    panel: '<path d="M42 14h52v72H42z"/>',
    lines: '<path d="M42 14h52v72H42zM52 30l4 4 8-8M70 30h16M52 50l4 4 8-8M70 50h16M52 70l4 4 8-8M70 70h12"/><circle cx="114" cy="66" r="9"/>',
    accent:
      '<path d="M111 49h6l1 5 5 2 4-3 4 4-3 4 2 5 5 1v6l-5 1-2 5 3 4-4 4-4-3-5 2-1 5h-6l-1-5-5-2-4 3-4-4 3-4-2-5-5-1v-6l5-1 2-5-3-4 4-4 4 3 5-2zM114 59a7 7 0 1 0 0 14a7 7 0 1 0 0-14z" fill-rule="evenodd"/>',
  },
  // Training delivered with companies: a learner at a workbench.
  'package-1-station-3': {
    panel: '<path d="M36 80h92v6H36z"/>',
    lines: '<circle cx="64" cy="34" r="10"/><path d="M46 80V64q0-14 18-14t18 14v16M30 80h104M82 64l18-6M118 46l-14 14"/>',
    accent: '<path d="M98 62h26v18H98z"/><path d="M52 28q12-14 24 0z"/>',
  },
  // Partnerships in the wider ecosystem: education, industry and policy overlapping.
  'package-2-station-1': {
    panel: '<circle cx="80" cy="66" r="22"/>',
    lines: '<circle cx="66" cy="42" r="22"/><circle cx="94" cy="42" r="22"/><circle cx="80" cy="66" r="22"/>',
    accent: '<circle cx="80" cy="50" r="6"/>',
  },
  // Innovation and smart specialisation: a light bulb.
  'package-2-station-2': {
    panel: '<path d="M80 18a22 22 0 0 0-13 40v10h26V58a22 22 0 0 0-13-40z"/>',
    lines: '<path d="M80 18a22 22 0 0 0-13 40v10h26V58a22 22 0 0 0-13-40zM69 76h22M72 84h16M74 58l6-14 6 14"/>',
    accent: '<path d="M44 38h-10v4h10zM126 38h-10v4h10zM52 12l6 6-3 3-6-6zM108 12l-6 6 3 3 6-6zM78 2h4v8h-4z"/>',
  },
  // Training with the private sector's active part: steps going up, and the way forward.
  'package-2-station-3': {
    panel: '<path d="M24 86h112V30h-28v18H80v18H52v20z"/>',
    lines: '<path d="M16 86h128M24 86h28V66h28V48h28V30h28"/>',
    accent: '<path d="M30 58l30-22 14 10 30-26-4-4h14v14l-4-4-36 32-14-10-26 20z"/>',
    directional: true,
  },
};

export const illustrationNames = Object.keys(drawings);

/** The drawing of a package ("package-1") or a station ("package-1-station-2"), or nothing for one not drawn. */
export function illustration(name: string, className = ''): Html {
  const d = drawings[name];
  if (!d) return html``;
  const classes = `illustration${d.directional ? ' directional' : ''}${className ? ` ${className}` : ''}`;
  return html`<svg class="${classes}" viewBox="0 0 160 100" aria-hidden="true" focusable="false">${raw(
    `${d.panel ? `<g class="illustration-panel">${d.panel}</g>` : ''}<g class="illustration-accent">${d.accent}</g><g fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round">${d.lines}</g>`,
  )}</svg>`;
}

export const packageIllustration = (number: number, className?: string) => illustration(`package-${number}`, className);
export const stationIllustration = (pkg: number, position: number, className?: string) => illustration(`package-${pkg}-station-${position}`, className);
