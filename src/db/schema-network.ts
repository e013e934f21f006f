import type { Generated } from 'kysely';

// The network's tables (migration 0022), part of `Tables` in schema.ts: partner requests and
// conversations between centres.

export interface NetworkTables {
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
