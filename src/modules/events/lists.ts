// The fixed lists and rules of events (issue 16). Labels: `event.mode.<value>`,
// `event.status.<value>`, `event.registration.<status>`.

/** online (a joining link), on site (a place), or both */
export const modes = ['online', 'onsite', 'hybrid'] as const;
export type Mode = (typeof modes)[number];

/** who organises: the platform's editors, a community's facilitators, or a centre's administrators */
export const organiserKinds = ['platform', 'community', 'centre'] as const;
export type OrganiserKind = (typeof organiserKinds)[number];

/**
 * A registration's state: registered (holds a place); waiting (in line, by arrival); pending (for
 * the organiser's approval, holding no place); offered (a place freed shortly before the start,
 * held until confirmed or `offered_until`); cancelled (by the person, or by an offer let lapse);
 * declined (by the organiser).
 */
export const registrationStatuses = ['registered', 'waiting', 'pending', 'offered', 'cancelled', 'declined'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** States that hold a place, and those that are still live (one per address and event). */
export const HOLDING: readonly RegistrationStatus[] = ['registered', 'offered'];
export const LIVE: readonly RegistrationStatus[] = ['registered', 'offered', 'waiting', 'pending'];

/** A place freed less than this before the start is offered, to confirm, rather than given. */
export const OFFER_BEFORE_MS = 48 * 3_600_000;
/** how long an offered place waits for its confirmation (never past the start) */
export const OFFER_FOR_MS = 12 * 3_600_000;

export const EVENTS_PER_PAGE = 20;
export const TITLE_MAX = 160;
export const DESCRIPTION_MAX = 8000;
