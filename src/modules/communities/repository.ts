// The only SQL of communities is in repository/: communities, their texts and members
// (communities.ts); topics and posts (discussions.ts); flags and facilitators' decisions (moderation.ts).
export * from './repository/communities.ts';
export * from './repository/discussions.ts';
export * as moderation from './repository/moderation.ts';
export * as levels from './repository/levels.ts';
export * as digest from './repository/digest.ts';
export * as editing from './repository/editing.ts';
export * as search from './repository/search.ts';
export * as helpful from './repository/helpful.ts';
export * as erase from './repository/erase.ts';
export * as files from './repository/files.ts';
