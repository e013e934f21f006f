// The look of the documents: margins, colours, type sizes.

export const MARGIN = 50;
export const colors = { text: '#1f2937', muted: '#4a5563', rule: '#9ca3af', headFill: '#e5e7eb', frame: '#1f3a5f' };
export const sizes = { title: 22, certificateTitle: 34, headings: [20, 15, 12], body: 10.5, certificateBody: 14, table: 9.5, footer: 8 };
export const cellPadding = { x: 5, y: 4 };
export const bulletIndent = 16;
