import type { TagTone } from '../../../ui/components/tag/tag.ts';
import type { TextContext } from '../text.ts';
import type { Partner } from './repository.ts';

// A partner in words, the same on the page, in the CSV and in the PDF: its kind, its role (full
// or associated), its status (the coordinator; a centre's answer; an outside organisation), its
// EQF levels and its country.

export interface PartnerWords {
  kind: string;
  role: string;
  status: string;
  eqf: string;
  country: string;
}

export function partnerWords(ctx: TextContext, p: Partner): PartnerWords {
  const { t, format } = ctx;
  return {
    kind: t(`network.partnerKind.${p.kind}`),
    role: t(p.full ? 'consortium.role.full' : 'consortium.role.associated'),
    status: t(p.coordinator ? 'consortium.status.coordinator' : `consortium.status.${p.status}`),
    eqf: p.eqfLevels.length ? format.list(p.eqfLevels.map((l) => format.number(l))) : '–',
    country: format.country(p.country),
  };
}

/** The colour of a partner's status tag (its words say the status, so colour is never the only signal). */
export function statusTone(p: Partner): TagTone {
  if (p.coordinator) return 'brand';
  return ({ accepted: 'success', invited: 'warning', declined: 'error', outside: 'neutral' } as const)[p.status];
}
