import type { CentreType } from '../../centres/lists.ts';

// What kind of organisation a consortium partner is. A partner may be a centre on the platform or
// an outside organisation the coordinator adds; the rules of a call (rules/) speak of these kinds.
// The list follows the partner types the Erasmus+ CoVE call names (docs/decisions/0017), plus
// "other" for an organisation none of them fits. Labels: `network.partnerKind.<kind>`.

export const partnerKinds = [
  'vet-provider',
  'higher-education',
  'research-institution',
  'science-park',
  'innovation-agency',
  'company',
  'chamber',
  'social-partner',
  'sectoral-skills-council',
  'authority',
  'employment-service',
  'qualification-authority',
  'social-inclusion-body',
  'other',
] as const;
export type PartnerKind = (typeof partnerKinds)[number];

/**
 * The kind a centre on the platform counts as, by its profile's type; the coordinator may change
 * it for one consortium. Every centre on the platform is a VET provider (docs/terminology.md), a
 * company's training centre included: it trains learners, and the enterprise behind it can join
 * as a partner of its own. A network of centres, and "other", are not providers themselves.
 */
export const kindOfCentreType: Record<CentreType, PartnerKind> = {
  'vet-school': 'vet-provider',
  'training-centre': 'vet-provider',
  cove: 'vet-provider',
  'company-training-centre': 'vet-provider',
  network: 'other',
  other: 'other',
};
