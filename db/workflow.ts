/**
 * The reporting workflow of a body's report for a period, as a state
 * machine: Draft → Submitted → Returned (with MOGEF's reason) → Submitted …
 * → Accepted. Pure functions: main enforces them on every request, whatever
 * the renderer sends.
 *
 * The coordinator installation (MOGEF) also reports as a body: the plan's
 * lead body, which callers resolve from plan_body and pass in as
 * leadBodyCode (the plan is data: no body code is written here). Its own
 * report goes through the same workflow; accepting it from the coordinator
 * installation needs an explicit confirmation (the reviewer reviews their
 * own report).
 */
import type { Installation, ReportStatus } from '../contract/progress';
import { isFilled } from '../contract/rules';

export type ReportAction = 'submit' | 'return' | 'accept' | 'reopen';

interface Transition {
  from: readonly ReportStatus[];
  to: ReportStatus;
  /** reporter: the installation that reports for the body (its own, or the coordinator for the lead body). */
  by: 'reporter' | 'coordinator';
  needsReason: boolean;
}

export const TRANSITIONS: Readonly<Record<ReportAction, Transition>> = {
  // The body sends its report (again, after a return).
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'reporter', needsReason: false },
  // MOGEF sends it back for revision, saying why.
  return: { from: ['submitted'], to: 'returned', by: 'coordinator', needsReason: true },
  accept: { from: ['submitted'], to: 'accepted', by: 'coordinator', needsReason: false },
  // MOGEF reopens an accepted report (a correction found later), saying why.
  reopen: { from: ['accepted'], to: 'returned', by: 'coordinator', needsReason: true },
};

export type RefusedTransition = 'wrong_role' | 'wrong_state' | 'reason_required' | 'locked' | 'incomplete' | 'other_body' | 'confirm_own';

export type TransitionCheck =
  /** ownReport: the coordinator acts on its own body's report (a self-review, when it returns or accepts it). */
  { ok: true; to: ReportStatus; ownReport: boolean } | { ok: false; why: RefusedTransition };

export interface TransitionInput {
  action: ReportAction;
  from: ReportStatus;
  actor: Installation;
  /** The body whose report it is. */
  bodyCode: string;
  /** The code of the lead body of the report's plan (plan_body.is_lead), null if the plan has none. */
  leadBodyCode: string | null;
  locked: boolean;
  /** The reason of a return or a reopen, as typed (only white space is no reason). */
  reason?: string | null;
  /** Accepting the coordinator's own body's report from the coordinator installation needs this. */
  confirmOwn?: boolean;
  /** Entries still missing required fields (only submit looks at it). */
  incompleteEntries?: number;
}

/** The body this installation reports for: its own, or, for the coordinator, the plan's lead body. */
export function reportingBody(actor: Installation, leadBodyCode: string | null): string | null {
  return actor.role === 'body' ? actor.bodyCode : leadBodyCode;
}

/** A refused transition's error code: who asks, or a locked period (FORBIDDEN); the report's state or the request's content (CONFLICT). */
export function refusalCode(why: RefusedTransition): 'FORBIDDEN' | 'CONFLICT' {
  return why === 'wrong_role' || why === 'other_body' || why === 'locked' ? 'FORBIDDEN' : 'CONFLICT';
}

export function checkTransition(input: TransitionInput): TransitionCheck {
  const t = TRANSITIONS[input.action];
  const { actor } = input;
  if (t.by === 'coordinator') {
    if (actor.role !== 'coordinator') return { ok: false, why: 'wrong_role' };
  } else {
    const reportsFor = reportingBody(actor, input.leadBodyCode);
    if (reportsFor === null) return { ok: false, why: 'wrong_role' };
    if (reportsFor !== input.bodyCode) return { ok: false, why: 'other_body' };
  }
  if (input.locked) return { ok: false, why: 'locked' };
  if (!t.from.includes(input.from)) return { ok: false, why: 'wrong_state' };
  if (t.needsReason && !isFilled(input.reason)) return { ok: false, why: 'reason_required' };
  const ownReport = actor.role === 'coordinator' && input.leadBodyCode !== null && input.bodyCode === input.leadBodyCode;
  if (input.action === 'accept' && ownReport && input.confirmOwn !== true) return { ok: false, why: 'confirm_own' };
  if (input.action === 'submit' && (input.incompleteEntries ?? 0) > 0) return { ok: false, why: 'incomplete' };
  return { ok: true, to: t.to, ownReport };
}

export type EditRefusal = 'coordinator' | 'other_body' | 'submitted' | 'accepted' | 'locked';
export type EditCheck = { ok: true } | { ok: false; why: EditRefusal };

/**
 * May this installation change a body's own fields (entry, indicator values,
 * evidence) now? The coordinator may change the lead body's (leadBodyCode of
 * the entry's plan), under the same rules as any body; no other body's.
 */
export function checkBodyEdit(
  actor: Installation,
  bodyCode: string,
  status: ReportStatus,
  locked: boolean,
  leadBodyCode: string | null = null,
): EditCheck {
  if (reportingBody(actor, leadBodyCode) !== bodyCode) return { ok: false, why: actor.role === 'coordinator' ? 'coordinator' : 'other_body' };
  if (locked) return { ok: false, why: 'locked' };
  if (status === 'submitted') return { ok: false, why: 'submitted' };
  if (status === 'accepted') return { ok: false, why: 'accepted' };
  return { ok: true };
}

/** MOGEF's own fields: comments, panel comments, overrides, indicators, locks. */
export function checkCoordinator(actor: Installation): { ok: true } | { ok: false; why: 'wrong_role' } {
  return actor.role === 'coordinator' ? { ok: true } : { ok: false, why: 'wrong_role' };
}
