import type { Generated } from 'kysely';

// The network's tables (issue 14), part of `Tables` in schema.ts: what a centre brings to the
// network (migration 0021), partner requests and conversations between centres (0022), and
// consortia (0023). Same conventions as schema.ts.

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

  partner_requests: {
    id: Generated<number>;
    centre_id: number;
    title: string;
    /** what the partners are for: one of centres/lists.ts partnerTopics */
    purpose: string;
    description: string;
    /** JSON arrays: sector slugs, countries (alpha-2) and centre types wanted */
    sectors: Generated<string>;
    countries: Generated<string>;
    partner_types: Generated<string>;
    /** the last day replies are taken (YYYY-MM-DD) */
    deadline: string;
    /** replies taken at most; null: no cap */
    reply_cap: number | null;
    /** set when its author closed it (a deadline or a cap reached closes it without a write) */
    closed_at: string | null;
    closed_by: number | null;
    created_by: number | null;
    created_at: string;
  };
  conversations: {
    id: Generated<number>;
    /** the centre that wrote first, and the one it wrote to */
    from_centre: number;
    to_centre: number;
    subject: string;
    /** the partner request it replies to, if any */
    request_id: number | null;
    started_by: number | null;
    created_at: string;
    last_message_at: string;
  };
  messages: {
    id: Generated<number>;
    conversation_id: number;
    /** the centre it was written for */
    centre_id: number;
    /** its author; null once they deleted their account ("a former member") */
    user_id: number | null;
    body: string;
    created_at: string;
  };
  /** the newest message id a person has seen in a conversation */
  conversation_reads: { conversation_id: number; user_id: number; last_read: number };
  /** a centre that may no longer write to this one */
  centre_blocks: { centre_id: number; blocked_centre: number; created_at: string };
  message_reports: {
    id: Generated<number>;
    message_id: number;
    reported_by: number | null;
    reason: string;
    created_at: string;
    resolved_at: string | null;
    resolved_by: number | null;
  };
}
