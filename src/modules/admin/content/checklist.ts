import type { Item } from '../../../content/pack.ts';
import { formList, formText, type FieldError } from '../../../http/forms.ts';
import { LANGS, TRANSLATIONS, type FormValues } from './kinds.ts';

// A package's checklist on the form: one fieldset per point (identifier, order, the stations that
// help, and its text and "why" in each language), plus an empty one to add a point.


/** The form's values for a package's checklist points, in their order. */
export function checklistValues(item: Item<'package'>, values: FormValues): void {
  values.checklist_count = String(item.fields.checklist.length);
  item.fields.checklist.forEach((c, i) => {
    values[`checklist_${i}_id`] = c.id;
    values[`checklist_${i}_order`] = String(i + 1);
    values[`checklist_${i}_stations`] = c.stations.map(String);
    for (const lang of LANGS) {
      const t: { text?: string; why?: string } | undefined =
        lang === 'en' ? c : item.translations[lang]?.fields.checklist?.find((x) => x.id === c.id);
      values[`checklist_${i}_text_${lang}`] = t?.text ?? '';
      values[`checklist_${i}_why_${lang}`] = t?.why ?? '';
    }
  });
}

/**
 * A package's checklist points: one fieldset each, ordered by their "order" field; a point with no
 * text at all, or marked for removal, is dropped. Returns the fieldset of each point in saved order.
 */
export function checklistFrom(values: FormValues, fields: Record<string, unknown>, translations: Item['translations'], errors: FieldError[]): number[] {
  const count = Math.min(Number(formText(values, 'checklist_count')) || 0, 50);
  const points: { order: number; index: number; id: string; stations: number[]; text: Record<string, string>; why: Record<string, string> }[] = [];
  for (let i = 0; i <= count; i++) {
    const p = (name: string) => formText(values, `checklist_${i}_${name}`).trim();
    const text = Object.fromEntries(LANGS.map((l) => [l, p(`text_${l}`)]));
    const why = Object.fromEntries(LANGS.map((l) => [l, p(`why_${l}`)]));
    if (formText(values, `checklist_${i}_remove`) === 'yes' || ![...Object.values(text), ...Object.values(why)].some(Boolean)) continue;
    for (const l of LANGS) {
      if (text[l]!.length > 300) errors.push({ field: `checklist_${i}_text_${l}`, key: 'form.error.tooLong', values: { max: 300 } });
      if (why[l]!.length > 1000) errors.push({ field: `checklist_${i}_why_${l}`, key: 'form.error.tooLong', values: { max: 1000 } });
    }
    const id = p('id') || text.en!.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
    const order = Number(p('order'));
    points.push({ order: Number.isFinite(order) && p('order') ? order : i + 1, index: i, id, stations: formList(values, `checklist_${i}_stations`).map(Number), text, why });
  }
  points.sort((a, b) => a.order - b.order || a.index - b.index);
  const ids = new Set<string>();
  for (const point of points) {
    if (ids.has(point.id)) errors.push({ field: `checklist_${point.index}_id`, key: 'admin.content.error.duplicateId' });
    ids.add(point.id);
  }
  fields.checklist = points.map((p) => ({ id: p.id, text: p.text.en || undefined, stations: p.stations, ...(p.why.en ? { why: p.why.en } : {}) }));
  for (const lang of TRANSLATIONS) {
    const list = points
      .filter((p) => p.text[lang] || p.why[lang])
      .map((p) => ({ id: p.id, ...(p.text[lang] ? { text: p.text[lang] } : {}), ...(p.why[lang] ? { why: p.why[lang] } : {}) }));
    if (!list.length) continue;
    translations[lang] ??= { fields: {} as never, body: '' };
    (translations[lang].fields as Record<string, unknown>).checklist = list;
  }
  return points.map((p) => p.index);
}
