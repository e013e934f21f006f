// The form components moved to src/ui/components/field and choice-list; this keeps older imports
// working. New code imports the components.
export { errorSummary, field, postForm, select, textarea, type FieldOptions, type SelectOptions } from './components/field/field.ts';
export { choiceList, type ChoiceListOptions } from './components/choice-list/choice-list.ts';
import type { PageContext } from '../http/context.ts';
import type { FieldError } from '../http/forms.ts';
import { choiceList } from './components/choice-list/choice-list.ts';
import type { Html } from './html.ts';

export interface ChoiceOptions {
  name: string;
  legend: string;
  options: { value: string; label: Html | string }[];
  values: string[];
  hint?: string;
  errors?: FieldError[];
  kind: 'radio' | 'checkbox';
  columns?: boolean;
}

/** A group of radios or checkboxes (components/choice-list). */
export function choices(ctx: PageContext, o: ChoiceOptions): Html {
  return choiceList(ctx, o);
}
