/**
 * The entry form's autosave, by concern: entry/codec.ts (drafts ↔ values,
 * on the rules of contract/rules.ts), entry/session.ts (one entry's state
 * machine and save queue), entry/registry.ts (the open sessions, flushing,
 * the unsaved list, window hooks), entry/transport.ts (the calls to main).
 */
export * from './entry/codec';
export * from './entry/session';
export * from './entry/registry';
export type { EntryTransport } from './entry/transport';
