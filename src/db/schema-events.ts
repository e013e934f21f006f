import type { Generated } from 'kysely';

// Events' tables (issue 16, migration 0032), part of `Tables` in schema.ts. Same conventions as
// schema.ts: times are ISO 8601 text, UTC; booleans are 0/1.

export interface EventTables {
  events: {
    id: Generated<number>;
    slug: string;
    /** platform | community | centre */
    organiser_kind: string;
    community_id: number | null;
    centre_id: number | null;
    created_by: number | null;
    /** online | onsite | hybrid */
    mode: string;
    place: string | null;
    /** ISO 3166-1 alpha-2, for on-site and hybrid events */
    country: string | null;
    /** shown to registered people only */
    join_url: string | null;
    starts_at: string;
    ends_at: string;
    /** IANA zone the event is planned in */
    time_zone: string;
    lang: string;
    theme: string | null;
    capacity: number | null;
    approval: Generated<number>;
    quota_centre: number | null;
    quota_country: number | null;
    /** places held: registered, and offered until confirmed */
    taken: Generated<number>;
    /** changes after publication, for calendars (SEQUENCE) */
    sequence: Generated<number>;
    /** scheduled | cancelled */
    status: Generated<string>;
    cancelled_at: string | null;
    cancel_reason: string | null;
    recording_url: string | null;
    reminded_day_at: string | null;
    reminded_hour_at: string | null;
    created_at: string;
    updated_at: string;
  };
  event_translations: { event_id: number; lang: string; title: string; description: string };
  event_registrations: {
    id: Generated<number>;
    event_id: number;
    user_id: number | null;
    name: string;
    /** lower case */
    email: string;
    centre_id: number | null;
    country: string | null;
    /** the language of their mails: the page's when they registered */
    lang: string;
    /** registered | waiting | pending (for the organiser's approval) | offered (a freed place to confirm) | cancelled | declined */
    status: string;
    offered_until: string | null;
    created_at: string;
    changed_at: string;
  };
  /** a person's private calendar address (its token replaceable) */
  calendar_feeds: { user_id: number; token: string; created_at: string };
}
