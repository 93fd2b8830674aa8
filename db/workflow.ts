/**
 * The reporting workflow of a body's report for a period, as a state
 * machine: Draft → Submitted → Returned (with MOGEF's reason) → Submitted …
 * → Accepted. Pure functions: main enforces them on every request, whatever
 * the renderer sends.
 */
import type { Installation, ReportStatus } from '../contract/progress';

export type ReportAction = 'submit' | 'return' | 'accept' | 'reopen';

interface Transition {
  from: readonly ReportStatus[];
  to: ReportStatus;
  by: Installation['role'];
  needsReason: boolean;
}

export const TRANSITIONS: Readonly<Record<ReportAction, Transition>> = {
  // The body sends its report (again, after a return).
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'body', needsReason: false },
  // MOGEF sends it back for revision, saying why.
  return: { from: ['submitted'], to: 'returned', by: 'coordinator', needsReason: true },
  accept: { from: ['submitted'], to: 'accepted', by: 'coordinator', needsReason: false },
  // MOGEF reopens an accepted report (a correction found later), saying why.
  reopen: { from: ['accepted'], to: 'returned', by: 'coordinator', needsReason: true },
};

export type TransitionCheck =
  | { ok: true; to: ReportStatus }
  | { ok: false; why: 'wrong_role' | 'wrong_state' | 'reason_required' | 'locked' | 'incomplete' | 'other_body' };

export interface TransitionInput {
  action: ReportAction;
  from: ReportStatus;
  actor: Installation;
  /** The body whose report it is. */
  bodyCode: string;
  locked: boolean;
  reason?: string | null;
  /** Entries still missing required fields (only submit looks at it). */
  incompleteEntries?: number;
}

export function checkTransition(input: TransitionInput): TransitionCheck {
  const t = TRANSITIONS[input.action];
  if (input.actor.role !== t.by) return { ok: false, why: 'wrong_role' };
  if (input.actor.role === 'body' && input.actor.bodyCode !== input.bodyCode) return { ok: false, why: 'other_body' };
  if (input.locked) return { ok: false, why: 'locked' };
  if (!t.from.includes(input.from)) return { ok: false, why: 'wrong_state' };
  if (t.needsReason && !(input.reason && input.reason.trim())) return { ok: false, why: 'reason_required' };
  if (input.action === 'submit' && (input.incompleteEntries ?? 0) > 0) return { ok: false, why: 'incomplete' };
  return { ok: true, to: t.to };
}

export type EditCheck =
  | { ok: true }
  | { ok: false; why: 'coordinator' | 'other_body' | 'submitted' | 'accepted' | 'locked' };

/** May this installation change a body's own fields (entry, indicator values, evidence) now? */
export function checkBodyEdit(actor: Installation, bodyCode: string, status: ReportStatus, locked: boolean): EditCheck {
  if (actor.role === 'coordinator') return { ok: false, why: 'coordinator' };
  if (actor.bodyCode !== bodyCode) return { ok: false, why: 'other_body' };
  if (locked) return { ok: false, why: 'locked' };
  if (status === 'submitted') return { ok: false, why: 'submitted' };
  if (status === 'accepted') return { ok: false, why: 'accepted' };
  return { ok: true };
}

/** MOGEF's own fields: comments, panel comments, overrides, indicators, locks. */
export function checkCoordinator(actor: Installation): { ok: true } | { ok: false; why: 'wrong_role' } {
  return actor.role === 'coordinator' ? { ok: true } : { ok: false, why: 'wrong_role' };
}
