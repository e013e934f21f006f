import type { Generated } from 'kysely';

// The communities' tables (issue 15, migration 0024), part of `Tables` in schema.ts. Same
// conventions as schema.ts.

export interface CommunityTables {
  communities: {
    id: Generated<number>;
    slug: string;
    /** a theme of the content vocabulary (vocabularies.yml, themes) */
    theme: string;
    /** open | request | invitation */
    joining: string;
    /** public (read without an account) | members */
    visibility: string;
    /** 1: a new member's first post waits for a facilitator */
    approve_first_posts: Generated<number>;
    flag_threshold: Generated<number>;
    created_by: number | null;
    created_at: string;
    updated_at: string;
    archived_at: string | null;
  };
  community_translations: {
    community_id: number;
    lang: string;
    name: string;
    description: string;
    /** what a request to join asks (joining = request) */
    join_question: string | null;
    code_of_conduct: string | null;
  };
  community_members: {
    community_id: number;
    user_id: number;
    /** member | facilitator */
    role: string;
    /** active | pending (asked to join) | invited | suspended */
    status: string;
    /** the answer to the join question */
    answer: string | null;
    created_at: string;
    decided_at: string | null;
    decided_by: number | null;
  };
  community_topics: {
    id: Generated<number>;
    community_id: number;
    user_id: number | null;
    title: string;
    lang: string;
    locked_at: string | null;
    created_at: string;
    last_post_at: string;
    /** posts after the first */
    replies: Generated<number>;
    /** its opening post's state (migration 0025): shown | waiting | hidden | removed */
    status: Generated<string>;
    /** the reply its author or a facilitator marked as the answer (migration 0030) */
    answer_post_id: number | null;
  };
  /** a topic's posts; the first is the topic's opening post */
  community_posts: {
    id: Generated<number>;
    topic_id: number;
    user_id: number | null;
    /** Markdown, rendered and sanitised when shown */
    body: string;
    lang: string;
    created_at: string;
    edited_at: string | null;
    /** shown | waiting (for a facilitator's approval) | hidden (flagged, until a facilitator decides) | removed (migration 0025) */
    status: Generated<string>;
    /** why a facilitator removed it, shown to its author */
    removed_reason: string | null;
    moderated_by: number | null;
    moderated_at: string | null;
  };
  /** members' flags on posts: one per member and post, open until a facilitator decides (migration 0025) */
  community_flags: {
    id: Generated<number>;
    post_id: number;
    user_id: number;
    /** off-topic | inappropriate | spam | other (with a note) */
    reason: string;
    note: string | null;
    created_at: string;
    resolved_at: string | null;
    resolved_by: number | null;
    /** kept | removed */
    outcome: string | null;
    /** when the reminder to facilitators (a flag open 48 hours) named it */
    reminded_at: string | null;
  };
  /** how much a community, or one of its topics, tells a person (migration 0026); no row: normal, or the community's level for a topic */
  community_levels: {
    user_id: number;
    community_id: number;
    /** null: the community's level */
    topic_id: number | null;
    /** watching | tracking | normal | muted | first-posts */
    level: string;
    updated_at: string;
  };
  /** one post for one person, at most once (migration 0026) */
  notifications: {
    id: Generated<number>;
    user_id: number;
    /** mention | reply (in their topic) | topic (a new one) | post */
    kind: string;
    community_id: number | null;
    topic_id: number | null;
    post_id: number | null;
    actor_id: number | null;
    /** 1: goes by mail too (grouped per person) */
    mail: Generated<number>;
    created_at: string;
    read_at: string | null;
    mailed_at: string | null;
  };
  /** who gets a digest of their communities by mail, and how often (migration 0027); no row: none */
  mail_digests: {
    user_id: number;
    /** daily | weekly */
    frequency: string;
    /** when the last digest was due: chosen, or the last run (mail or not) */
    last_sent_at: string;
    updated_at: string;
  };
  /** the texts a post had before each edit (migration 0028) */
  community_post_revisions: {
    id: Generated<number>;
    post_id: number;
    body: string;
    lang: string;
    /** the topic's title then, for an opening post */
    title: string | null;
    replaced_by: number | null;
    replaced_at: string;
  };
  /** members who found a post helpful, one row each (migration 0030) */
  community_helpful: { post_id: number; user_id: number; created_at: string };
  /** files attached to posts (migration 0031); post_id null: kept for a form, or its post deleted (swept) */
  community_files: {
    id: Generated<number>;
    community_id: number;
    post_id: number | null;
    user_id: number | null;
    file_name: string;
    media_type: string;
    size: number;
    sha256: string;
    storage_key: string;
    created_at: string;
  };
}
