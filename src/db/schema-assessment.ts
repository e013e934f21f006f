import type { Generated } from 'kysely';

// The self-assessment's tables, part of `Tables` in schema.ts: frameworks and their versions,
// rounds with their groups, responses and counts, invitations and notices, plans and their
// actions, and certificates. Same conventions as schema.ts.

export interface AssessmentTables {
  frameworks: { id: Generated<number>; slug: string; created_at: string };
  framework_versions: {
    id: Generated<number>;
    framework_id: number;
    version: number;
    /** draft, published (the newest published one is current) */
    status: string;
    /** the whole tree in every language: a FrameworkDocument as JSON */
    document: string;
    /** the hash of the files a loaded version came from; null for a version made in the back office */
    source_hash: string | null;
    created_at: string;
    published_at: string | null;
    created_by: number | null;
  };

  rounds: {
    id: Generated<number>;
    centre_id: number;
    framework_version_id: number;
    title: string;
    opens_at: string;
    closes_at: string;
    /** set when the centre closes the round early */
    closed_at: string | null;
    min_group_size: number;
    created_by: number | null;
    created_at: string;
    updated_at: string;
  };
  /** an indicator of the framework ("partner-advice"), or one of the centre's own statements ("own-1") */
  round_items: { round_id: number; item: string; position: number; own_text: string | null; own_lang: string | null };
  round_groups: {
    round_id: number;
    grp: string;
    link_salt: string;
    link_hash: string;
    /** the hash of the group's short code (rounds/tokens.ts groupCode), null until the server fills it in for groups older than it */
    code_hash: string | null;
    /** responses sent, released or not */
    sent: Generated<number>;
    /** how people reach the questionnaire: 'link' (the group's open link) | 'invitation' (personal links) */
    access: Generated<string>;
    /** responses whose answers are in answer_counts (what the centre sees) */
    released: Generated<number>;
    /** when those invited who had not sent were last reminded */
    reminded_at: string | null;
    /** how many responses the centre hopes for from the group, if it said */
    target: number | null;
  };
  responses: {
    /** random, so ids say nothing of the order people answered in */
    id: string;
    round_id: number;
    grp: string;
    /** 'link' | 'invitation' */
    channel: Generated<string>;
    salt: string;
    resume_hash: string;
    code_hash: string;
    /** the page to come back to */
    page: Generated<number>;
    sent: Generated<number>;
  };
  /** a response's answers until it is sent; value: 1–5, 0 = not applicable, −1 = prefer not to say */
  answers: { response_id: string; item: string; value: number };
  /** released answers: what the centre's report is built from */
  answer_counts: { round_id: number; grp: string; item: string; value: number; n: number };
  /** sent answers not released yet (docs/decisions/0006) */
  pending_counts: { round_id: number; grp: string; item: string; value: number; n: number };
  /** how a group's responses came: channel 'link' | 'invitation', from a member's browser, in a burst from one address */
  intake: { round_id: number; grp: string; released: number; channel: string; member: number; burst: number; n: number };
  /** a personal invitation to answer; the address is erased when the round closes */
  invitations: {
    id: Generated<number>;
    round_id: number;
    grp: string;
    email: string | null;
    salt: string;
    link_hash: string;
    lang: string;
    message: string | null;
    /** the response the link started, until it is sent */
    response_id: string | null;
    /** 'invited' | 'started' | 'sent' */
    state: Generated<string>;
    created_at: string;
    mailed_at: string | null;
  };
  /** a notice about a round, sent once: 'minimum' (per group), 'closing' (two days before), 'closed', 'reminder' (per invitation group, three days before) */
  round_notices: { round_id: number; kind: string; grp: Generated<string>; sent_at: string };
  /** scores: JSON object "overall:overall" | "dimension:<id>" | "criterion:<id>" → mean score */
  round_scores: { round_id: number; scores: string; responses: number };
  plans: { id: Generated<number>; round_id: number; created_at: string; updated_at: string };
  plan_focus: { plan_id: number; criterion: string; position: number };
  plan_actions: {
    id: Generated<number>;
    plan_id: number;
    criterion: string;
    indicator: string | null;
    /** the station action it comes from ("package-2-station-1/2/3"), or null for the centre's own */
    source: string | null;
    title: string;
    owner: string;
    due_on: string | null;
    /** planned | started | done */
    status: string;
    notes: string | null;
    created_at: string;
    updated_at: string;
    /** the member of the centre who owns the action (owner then holds their name as last known), or null for a free-text owner */
    owner_user_id: number | null;
  };
  /** progress notes on a plan action, newest last by created_at */
  plan_action_notes: { id: Generated<number>; action_id: number; author_id: number | null; author_name: string; body: string; created_at: string };
  /** overdue reminders sent: one per action and due date */
  plan_action_reminders: { action_id: number; due_on: string; sent_at: string };
  certificates: {
    id: Generated<number>;
    code: string;
    centre_id: number;
    round_id: number;
    issued_at: string;
    revoked_at: string | null;
    /** JSON: what the certificate says, as issued */
    summary: string;
    /** the end of its validity period (set for every certificate; null only in a row written by hand) */
    expires_at: string | null;
    /** 1: listed on the centre's public profile; 0: the centre's administrators hid it */
    on_profile: Generated<number>;
  };
}
