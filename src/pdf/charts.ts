import { AXIS, GRID, SCALE, SERIES, textOn } from '../ui/charts/colours.ts';
import type { TextBox } from './line-layout.ts';
import type { PdfBlock } from './model.ts';
import type { Item, Renderer, Tag } from './renderer.ts';
import { colors } from './style.ts';

// Charts drawn as vectors with pdfkit: grouped horizontal bars, and the heat map's grid of
// coloured cells, in the page's colours (ui/charts/colours.ts). Each is one tagged Figure whose
// alternative text is its caption; the caller puts the same figures in a table after it. A chart
// is cut into rows, so that a long one continues on the next page. Right-to-left documents mirror it.

const LABEL = 8;
const VALUE = 8;

type Bars = Extract<PdfBlock, { kind: 'bars' }>;
type Heat = Extract<PdfBlock, { kind: 'heat' }>;

/** x of a box of width w that starts `from` points after the start edge. */
const xAt = (r: Renderer, from: number, w = 0) => (r.rtl ? r.right - from - w : r.left + from);

function text(r: Renderer, box: TextBox, from: number, width: number, top: number): void {
  box.lines.forEach((line, i) => r.drawLine(box, line, xAt(r, from, width), width, top + i * box.lineHeight, 'start'));
}

function caption(r: Renderer, figure: Tag, words: string): Item[] {
  const box = r.layoutText(words, { size: 9.5, bold: true, color: colors.text }, r.width);
  return [{ height: box.lineHeight * box.lines.length, gap: 12, keep: true, draw: (top) => r.tagged(figure, () => text(r, box, 0, r.width, top)) }];
}

/** A legend flowing along lines: per entry, an optional word before its swatch, the swatch, and its name; unnamed swatches touch (a scale). */
function legend(r: Renderer, figure: Tag, entries: { fill: string; label: string; lead?: string; dashed?: boolean }[]): Item[] {
  const style = { size: LABEL, bold: false, color: colors.text };
  type Placed = { x: number; entry: (typeof entries)[number]; lead: TextBox | null; box: TextBox; leadW: number; w: number };
  const lines: Placed[][] = [[]];
  let x = 0;
  for (const entry of entries) {
    const box = r.layoutText(entry.label, style, r.width - 14);
    const lead = entry.lead ? r.layoutText(entry.lead, style, r.width - 14) : null;
    const leadW = lead?.lines[0] ? lead.lines[0].width + 4 : 0;
    const named = Boolean(box.lines[0]);
    const w = leadW + 9 + (named ? 4 + box.lines[0]!.width : 0);
    if (x > 0 && x + w > r.width) {
      lines.push([]);
      x = 0;
    }
    lines.at(-1)!.push({ x, entry, lead, box, leadW, w });
    x += w + (named ? 12 : 0);
  }
  return lines.map((line, n) => ({
    height: 13,
    gap: n === 0 ? 4 : 0,
    keep: true,
    draw: (top) =>
      r.tagged(figure, () => {
        for (const e of line) {
          const leadLine = e.lead?.lines[0];
          if (leadLine) r.drawLine(e.lead!, leadLine, xAt(r, e.x, e.leadW - 4), e.leadW - 4, top, 'start');
          r.doc.save().lineWidth(0.5).strokeColor(AXIS);
          if (e.entry.dashed) r.doc.dash(1.5, { space: 1.5 });
          r.doc
            .rect(xAt(r, e.x + e.leadW, 9), top + 1, 9, 9)
            .fillAndStroke(e.entry.fill, AXIS)
            .restore();
          const line = e.box.lines[0];
          const from = e.x + e.leadW + 13;
          if (line) r.drawLine(e.box, line, xAt(r, from, e.w - e.leadW - 13), e.w - e.leadW - 13, top, 'start');
        }
      }),
  }));
}

/** Grouped horizontal bars on min..max, a row's label beside its bars, the value at each bar's end. */
export function barsItems(r: Renderer, b: Bars): Item[] {
  const figure = r.child(r.root, 'Figure', { alt: b.caption });
  const items: Item[] = caption(r, figure, b.caption);
  if (b.series.length > 1)
    items.push(
      ...legend(
        r,
        figure,
        b.series.map((label, j) => ({ fill: SERIES[j % SERIES.length]!, label })),
      ),
    );
  const labelW = r.width * 0.36;
  const valueW = 34;
  const plotX = labelW + 8;
  const plotW = r.width - plotX - valueW;
  const barH = b.series.length > 1 ? 7 : 10;
  const sx = (v: number) => ((Math.min(Math.max(v, b.min), b.max) - b.min) / (b.max - b.min)) * plotW;
  const style = { size: LABEL, bold: false, color: colors.text };
  b.rows.forEach((row, n) => {
    const box = r.layoutText(row.label, style, labelW);
    const lines = { ...box, lines: box.lines.slice(0, 3) };
    const barsH = b.series.length * (barH + 1.5);
    const height = Math.max(lines.lines.length * box.lineHeight, barsH) + 4;
    items.push({
      height,
      gap: n === 0 ? 6 : 2,
      draw: (top) =>
        r.tagged(figure, () => {
          text(r, lines, 0, labelW, top);
          r.doc.save().lineWidth(0.4).strokeColor(GRID);
          for (let t = Math.ceil(b.min); t <= b.max; t++)
            if (t > b.min)
              r.doc
                .moveTo(xAt(r, plotX + sx(t)), top)
                .lineTo(xAt(r, plotX + sx(t)), top + barsH)
                .stroke();
          r.doc.restore();
          b.series.forEach((_, j) => {
            const y = top + j * (barH + 1.5);
            const v = row.values[j] ?? null;
            const words = row.texts[j] ?? '';
            const valueBox = r.layoutText(words, { size: VALUE, bold: false, color: v === null ? colors.muted : colors.text }, plotW);
            if (!valueBox.lines[0]) return;
            if (v === null) {
              r.drawLine(valueBox, valueBox.lines[0], xAt(r, plotX + 3, plotW - 3), plotW - 3, y + (barH - valueBox.lineHeight) / 2, 'start');
              return;
            }
            const w = Math.max(sx(v), 1.5);
            r.doc
              .save()
              .rect(xAt(r, plotX, w), y, w, barH)
              .fill(b.series.length > 1 ? SERIES[j % SERIES.length]! : SERIES[0])
              .restore();
            r.drawLine(valueBox, valueBox.lines[0], xAt(r, plotX + w + 3, valueW), valueW, y + (barH - valueBox.lineHeight) / 2, 'start');
          });
          r.doc
            .save()
            .lineWidth(0.6)
            .strokeColor(AXIS)
            .moveTo(xAt(r, plotX), top - 1)
            .lineTo(xAt(r, plotX), top + barsH)
            .stroke()
            .restore();
        }),
    });
  });
  return keepTogether(r, items);
}

/**
 * A chart that fits in half a page moves to the next page whole rather than split (its items
 * kept with the next); a longer one goes row by row, its caption and legend kept with its first row.
 */
function keepTogether(r: Renderer, items: Item[]): Item[] {
  const total = items.reduce((sum, item) => sum + item.gap + item.height, 0);
  const whole = total < (r.bottom - r.top) / 2;
  const head = items.findIndex((item) => !item.keep);
  return items.map((item, i) => ({ ...item, keep: i < items.length - 1 && (whole || i < Math.max(head, 0)) }));
}

/** The heat map: a row per criterion, a column per group, each cell coloured on the five blues with its number. */
export function heatItems(r: Renderer, h: Heat): Item[] {
  const figure = r.child(r.root, 'Figure', { alt: h.caption });
  const items: Item[] = caption(r, figure, h.caption);
  items.push(
    ...legend(r, figure, [
      ...SCALE.map((fill, k) => ({ fill, label: k === SCALE.length - 1 ? h.legend.high : '', ...(k === 0 ? { lead: h.legend.low } : {}) })),
      { fill: '#ffffff', label: h.legend.missing, dashed: true },
      ...(h.rows.some((row) => row.cells.some((c) => c.notAsked)) ? [{ fill: '#eeeeee', label: h.legend.notAsked }] : []),
    ]),
  );
  const n = Math.max(1, h.columns.length);
  const cellW = Math.min(56, (r.width * 0.55) / n);
  const labelW = Math.min(r.width - n * cellW - 6, r.width * 0.42);
  const head = { size: 7.5, bold: true, color: colors.text };
  const heads = h.columns.map((c) => r.layoutText(c, head, cellW - 3));
  const headH = Math.max(...heads.map((b) => b.lines.length * b.lineHeight)) + 4;
  items.push({
    height: headH,
    gap: 6,
    keep: true,
    draw: (top) =>
      r.tagged(figure, () => {
        heads.forEach((box, j) => text(r, box, labelW + 6 + j * cellW + 1.5, cellW - 3, top + headH - 4 - box.lines.length * box.lineHeight));
      }),
  });
  const style = { size: LABEL, bold: false, color: colors.text };
  h.rows.forEach((row) => {
    const box = r.layoutText(row.label, style, labelW);
    const height = Math.max(box.lines.length * box.lineHeight + 3, 15);
    items.push({
      height,
      gap: 1,
      draw: (top) =>
        r.tagged(figure, () => {
          text(r, box, 0, labelW, top + 1.5);
          row.cells.forEach((c, j) => {
            const x = xAt(r, labelW + 6 + j * cellW, cellW - 1.5);
            const fill = c.value === null ? (c.notAsked ? '#eeeeee' : '#ffffff') : SCALE[step(c.value, h.min, h.max) - 1]!;
            r.doc.save().lineWidth(0.5);
            if (c.value === null && !c.notAsked) r.doc.dash(1.5, { space: 1.5 });
            r.doc
              .rect(x, top, cellW - 1.5, height - 1)
              .fillAndStroke(fill, c.value === null ? AXIS : fill)
              .restore();
            const words = c.value === null ? (c.notAsked ? '–' : '') : c.text;
            if (!words) return;
            const t = r.layoutText(words, { size: VALUE, bold: false, color: textOn(fill) }, cellW - 3);
            const line = t.lines[0]!;
            r.drawLine(t, line, x, cellW - 1.5, top + (height - 1 - t.lineHeight) / 2, 'center');
          });
        }),
    });
  });
  return keepTogether(r, items);
}

/** The step of the five-colour scale a value falls in (as ui/charts/heat-map.ts heatStep). */
const step = (v: number, min: number, max: number) => Math.min(SCALE.length, Math.max(1, Math.floor(((v - min) / (max - min)) * SCALE.length) + 1));
