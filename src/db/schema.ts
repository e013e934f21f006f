import type { Generated } from 'kysely';
import type { CommunityTables } from './schema-community.ts';
import type { NetworkTables } from './schema-network.ts';

// Table types for the typed query layer. Timestamps are ISO-8601 strings and flags are 0/1
// integers on both engines, so the same repository code runs on SQLite and PostgreSQL.
// JSON columns hold text; repositories parse them. The network's tables are in schema-network.ts.

export interface Tables extends NetworkTables, CommunityTables {
  content_meta: { key: string; value: string };
  content_sources: { path: string; hash: string; loaded_at: string };

  packages: { id: Generated<number>; number: number; slug: string; level: string; published: Generated<number>; updated_at: string };
  package_translations: {
    package_id: number;
    lang: string;
    title: string | null;
    subtitle: string | null;
    introduction: string | null;
    updated_at: string;
  };
  checklist_items: {
    id: Generated<number>;
    package_id: number;
    key: string;
    position: number;
    /** JSON array of station positions within the package */
    station_positions: string;
  };
  checklist_item_translations: { item_id: number; lang: string; text: string | null; why: string | null };

  stations: { id: Generated<number>; package_id: number; position: number; slug: string; published: Generated<number>; updated_at: string };
  station_translations: {
    station_id: number;
    lang: string;
    title: string | null;
    lead: string | null;
    offer: string | null;
    context: string | null;
    /** JSON array of strings */
    challenges: string | null;
    /** JSON array of { title, actions: string[] } */
    action_groups: string | null;
    updated_at: string;
  };

  resources: {
    id: Generated<number>;
    slug: string;
    type: string;
    source: string;
    link: string | null;
    /** why a resource has no link: a reason key from content/format.ts noLinkReasons */
    no_link: string | null;
    /** where to ask for a resource without a link: the publisher's own site */
    ask: string | null;
    year: number | null;
    published: number;
    created_at: string;
    updated_at: string;
  };
  resource_translations: { resource_id: number; lang: string; title: string | null; description: string | null; updated_at: string };
  resource_themes: { resource_id: number; theme: string };
  resource_sectors: { resource_id: number; sector: string };
  resource_countries: { resource_id: number; country: string };
  resource_languages: { resource_id: number; language: string };
  resource_stations: { resource_id: number; station_id: number };
  resource_packages: { resource_id: number; package_id: number };

  case_studies: {
    id: Generated<number>;
    slug: string;
    package_id: number;
    country: string;
    sector: string | null;
    link: string | null;
    year: number | null;
    published: Generated<number>;
    updated_at: string;
  };
  case_study_translations: {
    case_study_id: number;
    lang: string;
    centre: string | null;
    title: string | null;
    lead: string | null;
    /** JSON array of strings */
    takeaways: string | null;
    quote_text: string | null;
    quote_speaker: string | null;
    summary: string | null;
    updated_at: string;
  };

  spotlight_items: { id: Generated<number>; slug: string; position: number; link: string | null; published: Generated<number>; updated_at: string };
  spotlight_translations: {
    item_id: number;
    lang: string;
    title: string | null;
    link_text: string | null;
    description: string | null;
    updated_at: string;
  };

  pages: { id: Generated<number>; slug: string; published: Generated<number>; updated_at: string };
  page_translations: { page_id: number; lang: string; title: string | null; lead: string | null; body: string | null; updated_at: string };

  vocabulary_terms: { kind: string; slug: string; position: number };
  vocabulary_labels: { kind: string; slug: string; lang: string; label: string };

  search_documents: {
    id: Generated<number>;
    /** package | station | action | case_study | resource */
    kind: string;
    /** stable key of what the document stands for, e.g. "station:4" or "action:4:2:1" */
    ref: string;
    lang: string;
    title: string;
    body: string;
    /** path after the language prefix, e.g. "/packages/2/stations/1#action-2-1" */
    path: string;
    /** id of the resource for kind = resource (joins the e-library to the index) */
    resource_id: number | null;
  };
  /** what changed in search_documents, written by triggers (migration 0020); doc_id null = rebuilt as a whole */
  search_log: { seq: Generated<number>; doc_id: number | null; at: Generated<string> };

  users: {
    id: Generated<number>;
    email: string;
    email_confirmed_at: string | null;
    password_hash: string;
    name: string;
    /** member | policy (reads the policy view) | editor | admin (centre roles live with centre memberships) */
    role: string;
    preferred_lang: string;
    created_at: string;
    updated_at: string;
  };
  sessions: { id: string; user_id: number | null; data: string; expires_at: string; created_at: string; updated_at: string };
  account_tokens: {
    hash: string;
    user_id: number;
    /** confirm | reset | email */
    purpose: string;
    new_email: string | null;
    expires_at: string;
    used_at: string | null;
    created_at: string;
  };
  outbox: { id: Generated<number>; to_address: string; subject: string; body: string; created_at: string; sent_at: string | null; error: string | null };
  rate_limits: { key: string; hits: number; reset_at: number };
  secrets: { name: string; value: string; created_at: string };
  /** SQLite only: the job queue (platform/jobs); PostgreSQL keeps it in pg-boss's own schema */
  jobs: {
    id: string;
    name: string;
    /** JSON */
    payload: string;
    /** created | active | retry | failed (a job done is deleted) */
    state: Generated<string>;
    /** standard | short (one job per singleton_key waiting) */
    policy: Generated<string>;
    singleton_key: string | null;
    retry_limit: number;
    retry_count: Generated<number>;
    /** seconds */
    retry_delay: number;
    retry_delay_max: number | null;
    expire_seconds: number;
    start_after: string;
    started_at: string | null;
    expires_at: string | null;
    completed_at: string | null;
    error: string | null;
    created_at: string;
  };
  centres: {
    id: Generated<number>;
    slug: string;
    name: string;
    country: string;
    city: string;
    website: string | null;
    /** vet-school | training-centre | cove | network | company-training-centre | other */
    type: string;
    description: string | null;
    /** JSON array of EQF levels 1-8 */
    eqf_levels: string;
    /** JSON array of ISO 639-1 codes */
    languages: string;
    /** file name of the logo under the uploads folder */
    logo: string | null;
    published: number;
    /** 1: the centre's results are not counted in other centres' benchmarks or the policy view */
    benchmark_opt_out: Generated<number>;
    /** Erasmus+ organisation id (E and 8 digits); Participant Identification Code (9 digits) */
    erasmus_oid: string | null;
    eu_pic: string | null;
    /** 0/1: Erasmus+ VET accreditation; ETF Network member; shows rounds completed; partnerships and events; lets matching use its self-assessment */
    erasmus_accredited: Generated<number>;
    ene_member: Generated<number>;
    show_rounds: Generated<number>;
    show_activity: Generated<number>;
    share_maturity: Generated<number>;
    created_by: number | null;
    created_at: string;
    updated_at: string;
  };
  centre_sectors: { centre_id: number; sector: string };
  centre_members: { centre_id: number; user_id: number; role: string; created_at: string };
  centre_invitations: {
    hash: string;
    centre_id: number;
    email: string;
    role: string;
    invited_by: number | null;
    expires_at: string;
    used_at: string | null;
    created_at: string;
  };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor_id: number | null;
    /** kept so the log still reads well after the account is deleted */
    actor_name: string;
    action: string;
    subject: string;
    /** JSON */
    details: string;
  };
  revisions: {
    id: Generated<number>;
    /** resource (later: station, package, case study, spotlight) */
    kind: string;
    item_id: number;
    at: string;
    actor_id: number | null;
    actor_name: string;
    /** what the save did: created, saved, published, unpublished, restored */
    note: string;
    /** JSON snapshot of the item as saved */
    snapshot: string;
  };
  attachments: {
    id: Generated<number>;
    /** resource | case-study */
    owner_kind: string;
    owner_id: number;
    title: string;
    /** the uploaded name, made safe, with the extension of the type found in the content */
    file_name: string;
    /** from the content, never from the name or the browser */
    media_type: string;
    size: number;
    /** hex; the download's ETag */
    sha256: string;
    /** where the file store keeps the bytes */
    storage_key: string;
    position: number;
    created_at: string;
    created_by: number | null;
  };

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
  settings: { key: string; value: string; updated_at: string };
}
