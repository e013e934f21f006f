// The charts' colours. Text is INK or white, whichever contrasts more with what is behind it
// (every pair used is ≥ 4.5:1, checked in the tests); bars and axis lines are ≥ 3:1 against white.

export const INK = '#1b1b1b';
export const WHITE = '#ffffff';
export const AXIS = '#595959';
export const GRID = '#d9d9d9';
/** Sequential blues, low to high: dark text on the first three, white on the last two (the heat map's cells take them as the classes heat-1 … heat-5 of ui/styles/90-charts.css). */
export const SCALE = ['#deebf7', '#9ecae1', '#4f9bcf', '#2171b5', '#08306b'] as const;
/**
 * Answers on an agreement scale, "strongly disagree" to "strongly agree": a diverging orange to
 * purple (ColorBrewer's PuOr, colour-blind safe), strong at both ends so that neither end looks
 * like nothing, a light grey in the middle. Segments are outlined and carry their counts, and the
 * figures are in the chart's table as well.
 */
export const DIVERGING = ['#b35806', '#f1a340', '#d9d9d9', '#998ec3', '#542788'] as const;
/** Non-answers in a distribution, after the five ordered answers: greys darker than the scale's middle. */
export const EXTRA = ['#707070', '#4d4d4d', '#2b2b2b'] as const;
/** Grouped bars: distinct hues, each ≥ 3:1 against white. */
export const SERIES = ['#2171b5', '#b35806', '#1b7837', '#762a83', '#595959', '#b2182b'] as const;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
/** Text colour for a fill: the darker ink on light fills, white on dark ones. */
const textColours = new Map<string, string>();
export const textOn = (fill: string): string => {
  let colour = textColours.get(fill);
  if (!colour) textColours.set(fill, (colour = contrast(fill, INK) >= contrast(fill, WHITE) ? INK : WHITE));
  return colour;
};
