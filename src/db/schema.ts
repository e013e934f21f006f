import type { Generated } from 'kysely';
import type { AssessmentTables } from './schema-assessment.ts';
import type { CommunityTables } from './schema-community.ts';
import type { EventTables } from './schema-events.ts';
import type { NetworkTables } from './schema-network.ts';

// Table types for the typed query layer. Timestamps are ISO-8601 strings and flags are 0/1
// integers on both engines, so the same repository code runs on SQLite and PostgreSQL.
// JSON columns hold text; repositories parse them. The self-assessment's tables are in
// schema-assessment.ts, the network's in schema-network.ts, the communities' in schema-community.ts.

export interface Tables extends AssessmentTables, NetworkTables, CommunityTables, EventTables {
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
    /** the community of a topic (kinds topic, member_topic; migration 0029) */
    community_id: number | null;
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
    /** when the person was last on the platform signed in, kept to a quarter of an hour (migration 0027) */
    last_seen_at: string | null;
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
  /** headers: the mail's own, as JSON (List-Unsubscribe; migration 0027) */
  outbox: {
    id: Generated<number>;
    to_address: string;
    subject: string;
    body: string;
    created_at: string;
    sent_at: string | null;
    error: string | null;
    headers: string | null;
  };
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

  settings: { key: string; value: string; updated_at: string };
}
