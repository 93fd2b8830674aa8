/**
 * Progress reporting across the boundary: installation identity, entries,
 * reports and their workflow, review, indicators, matrix and dashboard.
 */
import { z } from 'zod';
import { Id } from './domain';
import {
  COMPLETION_LEVELS,
  EVIDENCE_TEXT_MAX,
  INDICATOR_KINDS,
  LONG_TEXT_MAX,
  REASON_MAX,
  REPORT_STATUSES,
  USER_NAME_MAX,
  hasLoneSurrogate,
  isIsoDate,
  isWon,
} from './rules';

export { COMPLETION_LEVELS };

/** The Open Government Partnership IRM's completion scale, stored as codes (contract/rules.ts). */
export const CompletionLevel = z.enum(COMPLETION_LEVELS);
export type CompletionLevel = z.infer<typeof CompletionLevel>;

export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const BodyCodeField = z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/);
/** Text a user typed: no half of a UTF-16 pair (it would read back as � and never equal itself). */
const WellFormed = z.string().refine((s) => !hasLoneSurrogate(s), { message: 'The text holds a character that cannot be stored (half of a UTF-16 pair).' });
/** A required short text (trimmed; not empty). Normalised again (NFC, Unicode white space) where it is written. */
const requiredText = (max: number) => WellFormed.pipe(z.string().trim().min(1).max(max));
const UserName = requiredText(USER_NAME_MAX);
/** Long texts: achievements, next steps … (about ten pages of Korean). */
export const LongText = WellFormed.pipe(z.string().max(LONG_TEXT_MAX));
const Reason = requiredText(REASON_MAX);
/** An optional note (an acceptance note): empty is none. */
const Note = WellFormed.pipe(z.string().max(REASON_MAX));
const Won = z.number().refine(isWon, { message: 'A won amount is a whole number from 0 to 10^15.' });
/** A calendar date YYYY-MM-DD that exists. */
export const IsoDate = z.string().refine(isIsoDate, { message: 'A date is YYYY-MM-DD and exists in the calendar.' });

export const Installation = z.discriminatedUnion('role', [
  z.object({ role: z.literal('body'), bodyCode: BodyCodeField, userName: UserName }).strict(),
  z.object({ role: z.literal('coordinator'), userName: UserName }).strict(),
]);
export type Installation = z.infer<typeof Installation>;

export const EntryKey = z
  .object({ actionPlanId: Id, bodyCode: BodyCodeField, periodId: Id })
  .strict();
export type EntryKey = z.infer<typeof EntryKey>;

/** The fields a body fills in; every one optional in a patch, null clears it. */
export const EntryPatch = z
  .object({
    completion: CompletionLevel.nullable(),
    delayed: z.boolean().nullable(),
    delayReason: LongText.nullable(),
    achievements: LongText.nullable(),
    nextSteps: LongText.nullable(),
    difficulties: LongText.nullable(),
    budgetAllocated: Won.nullable(),
    budgetExecuted: Won.nullable(),
  })
  .partial()
  .strict();
export type EntryPatch = z.infer<typeof EntryPatch>;
export type EntryField = keyof EntryPatch;

export const IndicatorKind = z.enum(INDICATOR_KINDS);
export type IndicatorKind = z.infer<typeof IndicatorKind>;

export const IndicatorReport = z.object({
  indicatorId: Id,
  nameEn: z.string(),
  nameKo: z.string(),
  unit: z.string(),
  kind: IndicatorKind,
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  value: z.number().nullable(),
});
export type IndicatorReport = z.infer<typeof IndicatorReport>;

export const Evidence = z.object({
  id: Id,
  title: z.string(),
  docDate: z.string().nullable(),
  reference: z.string().nullable(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Comment = z.object({ id: Id, text: z.string(), author: z.string(), createdAt: z.string() });
export type Comment = z.infer<typeof Comment>;

export const Completeness = z.object({
  filled: z.number().int(),
  required: z.number().int(),
  /** Names of the required fields still empty (EntryField or "indicator:<id>"). */
  missing: z.array(z.string()),
});
export type Completeness = z.infer<typeof Completeness>;

export const ProgressEntry = z.object({
  key: EntryKey,
  /** Null until the first save. */
  id: Id.nullable(),
  completion: CompletionLevel.nullable(),
  delayed: z.boolean().nullable(),
  delayReason: z.string().nullable(),
  achievements: z.string().nullable(),
  nextSteps: z.string().nullable(),
  difficulties: z.string().nullable(),
  budgetAllocated: z.number().nullable(),
  budgetExecuted: z.number().nullable(),
  revision: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  indicators: z.array(IndicatorReport),
  evidence: z.array(Evidence),
  comments: z.array(Comment),
  completeness: Completeness,
  /** Whether this installation may change the body's fields now, and why not. */
  editable: z.boolean(),
  readOnlyReason: z.enum(['submitted', 'accepted', 'locked', 'other_body', 'coordinator']).nullable(),
});
export type ProgressEntry = z.infer<typeof ProgressEntry>;

export const ReportEvent = z.object({
  fromStatus: ReportStatus,
  toStatus: ReportStatus,
  reason: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
});
export type ReportEvent = z.infer<typeof ReportEvent>;

export const ReportItem = z.object({
  actionPlanId: Id,
  code: z.string(),
  textEn: z.string(),
  strategyCode: z.string(),
  /** The other bodies that carry the same action plan. */
  coBodies: z.array(z.string()),
  completion: CompletionLevel.nullable(),
  delayed: z.boolean().nullable(),
  completeness: Completeness,
  commentCount: z.number().int(),
  updatedAt: z.string().nullable(),
  /** The entry's revision (0 before its first save): a view patched from a newer answer keeps its item. */
  revision: z.number().int(),
});
export type ReportItem = z.infer<typeof ReportItem>;

export const BodyReport = z.object({
  bodyCode: z.string(),
  periodId: Id,
  year: z.number().int(),
  status: ReportStatus,
  locked: z.boolean(),
  events: z.array(ReportEvent),
  /** MOGEF's reason of the last return, while the report is returned. */
  returnedReason: z.string().nullable(),
  /** MOGEF's note when it accepted the report, while the report is accepted. */
  acceptedNote: z.string().nullable(),
  /** The report is the coordinator's own body's (MOGEF reports its own action plans too). */
  ownReport: z.boolean(),
  items: z.array(ReportItem),
});
export type BodyReport = z.infer<typeof BodyReport>;

export const HistoryRow = z.object({
  at: z.string(),
  actor: z.string(),
  actorRole: z.string(),
  entity: z.string(),
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

export const MatrixCell = z.object({
  completion: CompletionLevel.nullable(),
  delayed: z.boolean().nullable(),
  status: ReportStatus,
});
export type MatrixCell = z.infer<typeof MatrixCell>;

export const ConsolidatedLevel = z.object({
  /** Derived from the bodies' entries (see db/consolidate.ts). */
  derived: CompletionLevel.nullable(),
  override: z.object({ completion: CompletionLevel, reason: z.string(), setBy: z.string(), setAt: z.string() }).nullable(),
  /** The override if any, else the derived level. */
  effective: CompletionLevel.nullable(),
  reported: z.number().int(),
  expected: z.number().int(),
});
export type ConsolidatedLevel = z.infer<typeof ConsolidatedLevel>;

/** The columns of an action plan every matrix row carries. */
const MatrixActionColumns = {
  actionPlanId: Id,
  code: z.string(),
  textEn: z.string(),
  areaSeq: z.number().int(),
  objectiveNumber: z.number().int(),
  strategyCode: z.string(),
};

export const MatrixRow = z.object({
  ...MatrixActionColumns,
  /** Cells by body code, for the bodies that carry the action plan. */
  cells: z.record(z.string(), MatrixCell),
  consolidated: ConsolidatedLevel,
});
export type MatrixRow = z.infer<typeof MatrixRow>;

export const BodyMatrix = z.object({ periodId: Id, rows: z.array(MatrixRow) });
export type BodyMatrix = z.infer<typeof BodyMatrix>;

/** BodyMatrix as it travels: cells packed as characters (contract/matrix-codec.ts). */
export const PackedBodyMatrix = z.object({
  periodId: Id,
  /** The plan's bodies in order, with their report status for the period; a cell's body character is char(64 + id). */
  bodies: z.array(z.object({ id: Id, code: z.string(), status: ReportStatus })),
  rows: z.array(z.object({ ...MatrixActionColumns, cells: z.string(), consolidated: ConsolidatedLevel })),
});
export type PackedBodyMatrix = z.infer<typeof PackedBodyMatrix>;

/** The action plans × periods matrix as it travels (contract/matrix-codec.ts). */
export const PackedPeriodMatrix = z.object({
  planId: Id,
  periodIds: z.array(Id),
  /** The plan's bodies in order; a body character is char(64 + id). */
  bodies: z.array(z.object({ id: Id, code: z.string() })),
  rows: z.array(z.object({ ...MatrixActionColumns, bodies: z.string(), years: z.string() })),
  /** MOGEF's overrides of the consolidated level: they take precedence over the derived level. */
  overrides: z.array(z.object({ actionPlanId: Id, periodId: Id, completion: CompletionLevel })),
});
export type PackedPeriodMatrix = z.infer<typeof PackedPeriodMatrix>;

export const PeriodMatrixRow = z.object({
  ...MatrixActionColumns,
  bodyCodes: z.array(z.string()),
  /** Effective consolidated level by period id (as string key). */
  levels: z.record(z.string(), CompletionLevel.nullable()),
  delayed: z.record(z.string(), z.boolean()),
});
export type PeriodMatrixRow = z.infer<typeof PeriodMatrixRow>;

const LevelCounts = z.record(z.string(), z.number().int());

export const Dashboard = z.object({
  periodId: Id,
  byArea: z.array(z.object({ areaSeq: z.number().int(), nameEn: z.string(), nameKo: z.string(), counts: LevelCounts, total: z.number().int() })),
  byBody: z.array(z.object({ bodyCode: z.string(), counts: LevelCounts, total: z.number().int(), delayed: z.number().int() })),
  submissions: z.array(z.object({ bodyCode: z.string(), status: ReportStatus, filled: z.number().int(), required: z.number().int() })),
  indicators: z.array(
    z.object({
      indicatorId: Id,
      actionPlanCode: z.string(),
      nameEn: z.string(),
      nameKo: z.string(),
      unit: z.string(),
      kind: IndicatorKind,
      baseline: z.number().nullable(),
      target: z.number().nullable(),
      /** Sum of the bodies' values for numbers, mean for percentages, share of "yes" for yes/no. */
      actual: z.number().nullable(),
      reported: z.number().int(),
    }),
  ),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const IndicatorDefinition = z
  .object({
    actionPlanId: Id,
    nameEn: z.string().trim().min(1).max(300),
    nameKo: z.string().trim().min(1).max(300),
    unit: z.string().max(40).default(''),
    kind: IndicatorKind,
    baseline: z.number().finite().nullable().default(null),
    targets: z.array(z.object({ periodId: Id, target: z.number().finite() }).strict()).max(50).default([]),
  })
  .strict();
export type IndicatorDefinition = z.input<typeof IndicatorDefinition>;

export const PanelComment = z.object({ id: Id, text: z.string(), recordedBy: z.string(), createdAt: z.string() });
export type PanelComment = z.infer<typeof PanelComment>;

export const Requests = {
  reason: Reason,
  note: Note,
  userName: UserName,
  won: Won,
  /** A comment of MOGEF or of the civic advisory panel. */
  comment: Reason,
  evidenceTitle: requiredText(EVIDENCE_TEXT_MAX),
  evidenceReference: WellFormed.pipe(z.string().max(EVIDENCE_TEXT_MAX)),
  date: IsoDate,
};
