import { cove2022 } from './cove-2022.ts';
import type { RuleSet } from './schema.ts';

// Every rule set the platform knows, by id (a consortium keeps the id it was checked against),
// and the one new consortia use. Next year's guide: a new file beside cove-2022.ts, listed here.

export const ruleSets: ReadonlyMap<string, RuleSet> = new Map([cove2022].map((set) => [set.id, set]));

export const currentRuleSet: RuleSet = cove2022;
