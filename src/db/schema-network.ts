import type { Generated } from 'kysely';

// The network's tables (issue 14), part of `Tables` in schema.ts: what a centre brings to the
// network (migration 0021) and consortia (migration 0023). Same conventions as schema.ts.

export interface NetworkTables {
  centre_topics: { centre_id: number; /** offers | seeks */ side: string; /** partnerTopics */ topic: string; note: string | null };
  centre_programmes: { id: Generated<number>; centre_id: number; position: number; title: string; sector: string | null; eqf_level: number | null };
  /** a role people write to through the platform (contactRoles), with who holds it, if given */
  centre_contacts: { centre_id: number; role: string; name: string | null };

  /** a draft consortium coordinated by a centre, checked against a rule set (rules: its id) */
  consortia: {
    id: Generated<number>;
    centre_id: number;
    title: string;
    description: string | null;
    rules: string;
    created_by: number | null;
    created_at: string;
    updated_at: string;
  };
  /** a partner: a centre on the platform (centre_id; name, country, EQF levels and PIC from its profile) or an outside organisation */
  consortium_partners: {
    id: Generated<number>;
    consortium_id: number;
    centre_id: number | null;
    name: string | null;
    country: string | null;
    /** partnerKinds */
    kind: string;
    /** 1: full partner; 0: associated partner */
    full_partner: Generated<number>;
    /** JSON array of EQF levels (outside partners) */
    eqf_levels: string | null;
    pic: string | null;
    /** invited | accepted | declined (centres) | outside */
    status: string;
    invited_by: number | null;
    created_at: string;
    answered_at: string | null;
  };
}
