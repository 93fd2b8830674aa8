/**
 * Every IPC channel of the application, with its request and response
 * schema, and every event main pushes to the renderer. No channel exists
 * outside this module: main registers exactly these, the preload exposes
 * exactly these, and the dispatcher validates every request against them.
 */
import { z } from 'zod';
import {
  AppInfo,
  Id,
  Language,
  PlanOutline,
  PlanSearchQuery,
  PlanSummary,
  Settings,
  View,
} from './domain';
import {
  BodyCodeField,
  BodyReport,
  CompletionLevel,
  ConsolidatedLevel,
  Dashboard,
  EntryKey,
  EntryPatch,
  HistoryRow,
  IndicatorDefinition,
  Installation,
  PanelComment,
  PackedBodyMatrix,
  PackedPeriodMatrix,
  ProgressEntry,
  Requests,
} from './progress';
import { BackupInfo, BackupJob, BackupList, BackupName } from './backup';
import { ApplyChoices, ColumnMapping, ImportPreview, ImportRecord, Notice } from './exchange';
import { CLOSING_NOTE_MAX, FollowUp, FollowUpInput, FollowUpState, Meeting, MeetingDraft, MeetingSummary, PackJob, PackOptions, Uid } from './meetings';

const none = z.object({}).strict();

/** A long piece of exchange work (reading a workbook into a preview), followed by exchange:job. */
const ExchangeJob = z.object({
  id: z.number().int(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** 0 to 1, as far as known. */
  progress: z.number(),
  /** What it is doing now, in both languages. */
  step: Notice.nullable(),
  /** Workbooks written (an export job), when done. */
  files: z.array(z.object({ bodyCode: z.string(), path: z.string(), rows: z.number().int() })).nullable(),
  preview: ImportPreview.nullable(),
  /** Why the file was refused (where and what to do), when failed. */
  error: Notice.nullable(),
});

function channel<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

export const channels = {
  'app:info': channel(none, AppInfo),
  /** The renderer's answer to app:closeRequested: every pending save was sent; how many entries still are unsaved. */
  'app:readyToClose': channel(z.object({ unsavedEntries: z.number().int().min(0) }).strict(), z.object({})),
  'settings:get': channel(none, Settings),
  'settings:setLanguage': channel(z.object({ language: Language }).strict(), Settings),
  'plan:list': channel(none, z.array(PlanSummary)),
  'plan:outline': channel(z.object({ planId: Id }).strict(), PlanOutline),
  'plan:search': channel(PlanSearchQuery, z.object({ actionPlanIds: z.array(Id) })),

  // Who this installation is (chosen at the first start).
  'setup:get': channel(none, z.object({ installation: Installation.nullable() })),
  'setup:initialize': channel(Installation, Installation),

  // A body's report and its entries.
  'progress:report': channel(z.object({ bodyCode: BodyCodeField, periodId: Id }).strict(), BodyReport),
  'progress:entry': channel(z.object({ key: EntryKey }).strict(), z.object({ entry: ProgressEntry, previous: ProgressEntry.nullable() })),
  'progress:save': channel(z.object({ key: EntryKey, baseRevision: z.number().int().min(0), patch: EntryPatch }).strict(), ProgressEntry),
  'progress:setIndicatorValue': channel(
    z.object({ key: EntryKey, indicatorId: Id, value: z.number().finite().nullable() }).strict(),
    ProgressEntry,
  ),
  'progress:addEvidence': channel(
    z
      .object({
        key: EntryKey,
        title: Requests.evidenceTitle,
        docDate: Requests.date.nullable(),
        reference: Requests.evidenceReference.nullable(),
      })
      .strict(),
    ProgressEntry,
  ),
  'progress:removeEvidence': channel(z.object({ key: EntryKey, evidenceId: Id }).strict(), ProgressEntry),
  'progress:history': channel(z.object({ key: EntryKey }).strict(), z.array(HistoryRow)),

  // The workflow of a report.
  /** A body submits its report; the coordinator submits the lead body's (MOGEF's own) report. */
  'report:submit': channel(z.object({ periodId: Id }).strict(), BodyReport),
  'report:return': channel(z.object({ bodyCode: BodyCodeField, periodId: Id, reason: Requests.reason }).strict(), BodyReport),
  /**
   * MOGEF accepts a report, with an optional note the body sees. Accepting
   * MOGEF's own report from the coordinator installation needs confirmOwn
   * (the same person reviews their own report): refused as CONFLICT with
   * hint "confirm_own" otherwise.
   */
  'report:accept': channel(
    z
      .object({ bodyCode: BodyCodeField, periodId: Id, note: Requests.note.nullable().default(null), confirmOwn: z.boolean().default(false) })
      .strict(),
    BodyReport,
  ),
  'report:reopen': channel(z.object({ bodyCode: BodyCodeField, periodId: Id, reason: Requests.reason }).strict(), BodyReport),
  'period:setLocked': channel(z.object({ periodId: Id, locked: z.boolean() }).strict(), z.object({ locked: z.boolean() })),

  // MOGEF's review.
  'review:comment': channel(z.object({ key: EntryKey, text: Requests.comment }).strict(), ProgressEntry),
  'review:panelComments': channel(z.object({ actionPlanId: Id, periodId: Id }).strict(), z.array(PanelComment)),
  'review:addPanelComment': channel(
    z.object({ actionPlanId: Id, periodId: Id, text: Requests.comment }).strict(),
    z.array(PanelComment),
  ),
  'review:setOverride': channel(
    z.object({ actionPlanId: Id, periodId: Id, completion: CompletionLevel.nullable(), reason: Requests.reason }).strict(),
    z.object({}),
  ),
  'review:consolidated': channel(z.object({ actionPlanId: Id, periodId: Id }).strict(), ConsolidatedLevel),
  'indicator:define': channel(IndicatorDefinition, z.object({ indicatorId: Id })),

  // Where the plan stands.
  'matrix:bodies': channel(z.object({ periodId: Id }).strict(), PackedBodyMatrix),
  'matrix:periods': channel(z.object({ planId: Id }).strict(), PackedPeriodMatrix),
  'dashboard:get': channel(z.object({ periodId: Id }).strict(), Dashboard),

  // Backups (main/backup/). Making and restoring one are jobs: the answer is the job, running; backup:job follows it.
  'backup:list': channel(none, BackupList),
  'backup:create': channel(none, BackupJob),
  /** Backs up the current state, then replaces the database with the named backup; data:changed (every entity) when it is done. */
  'backup:restore': channel(z.object({ name: BackupName }).strict(), BackupJob),
  'backup:job': channel(z.object({ id: z.number().int().min(1) }).strict(), BackupJob),
  /** A backup file from elsewhere (USB stick), verified, then added to the list; a damaged or foreign file is refused. */
  'backup:open': channel(z.object({ path: z.string().min(1).max(4096) }).strict(), BackupInfo),
  /** The system's own file dialog (Electron): a backup file to open, or a folder to save a copy in. available false: none here (type the path). */
  'backup:choosePath': channel(z.object({ kind: z.enum(['open', 'save']) }).strict(), z.object({ available: z.boolean(), path: z.string().nullable() })),
  /** A copy of a backup saved into a chosen folder; answers the copy's path. */
  'backup:saveCopy': channel(z.object({ name: BackupName, destinationDir: z.string().min(1).max(4096) }).strict(), z.object({ path: z.string() })),

  // The Excel exchange (main/exchange/). Reading a file is a job (a worker parses it): exchange:job follows it to its preview.
  /** MOGEF writes a request workbook for each body asked, into a folder (a job: its files when done). */
  'exchange:exportRequests': channel(
    z.object({ periodId: Id, bodyCodes: z.array(BodyCodeField).min(1).max(100), dir: z.string().min(1).max(4096) }).strict(),
    ExchangeJob,
  ),
  /** A body (or MOGEF for its own body) writes its report workbook for the period into a folder. */
  'exchange:exportReport': channel(z.object({ periodId: Id, dir: z.string().min(1).max(4096) }).strict(), ExchangeJob),
  /**
   * Starts reading a workbook (in a worker) and building its preview; nothing is written. body and year:
   * for a workbook without NAP Monitor's information sheet (rebuilt by hand), which report it is.
   */
  'exchange:preview': channel(
    z
      .object({
        path: z.string().min(1).max(4096),
        body: BodyCodeField.nullable().default(null),
        year: z.number().int().min(2000).max(2100).nullable().default(null),
        /** The column-mapping step: which column holds which field, for a workbook without our headers. */
        mapping: ColumnMapping.nullable().default(null),
      })
      .strict(),
    ExchangeJob,
  ),
  'exchange:job': channel(z.object({ id: z.number().int().min(1) }).strict(), ExchangeJob),
  'exchange:cancel': channel(z.object({ id: z.number().int().min(1) }).strict(), ExchangeJob),
  /** Applies a previewed import in one transaction (after a backup); refused while conflicts are left unsettled. */
  'exchange:apply': channel(z.object({ token: z.string().min(1).max(100), choices: ApplyChoices }).strict(), ImportRecord),
  'exchange:discard': channel(z.object({ token: z.string().min(1).max(100) }).strict(), z.object({})),
  'exchange:imports': channel(none, z.array(ImportRecord)),
  /** Undoes an import: every field it changed goes back, unless changed since (then refused, naming it). */
  'exchange:undo': channel(z.object({ importId: z.number().int().min(1) }).strict(), ImportRecord),
  /** The system's file dialog: a workbook to import, or a folder to write into. available false: none here (type the path). */
  'exchange:choosePath': channel(
    z.object({ kind: z.enum(['workbook', 'folder']) }).strict(),
    z.object({ available: z.boolean(), path: z.string().nullable() }),
  ),

  // Monitoring meetings (db/meetings.ts). A meeting is changed only in the installation that made it.
  'meeting:list': channel(z.object({ periodId: Id.nullable().default(null) }).strict(), z.array(MeetingSummary)),
  'meeting:get': channel(z.object({ uid: Uid }).strict(), Meeting),
  /** Creates (uid null) or changes a meeting; baseRevision is the revision the form started from (CONFLICT if it moved). */
  'meeting:save': channel(z.object({ uid: Uid.nullable(), baseRevision: z.number().int().min(0), draft: MeetingDraft }).strict(), Meeting),
  'meeting:addDecision': channel(z.object({ meetingUid: Uid, text: Requests.comment }).strict(), Meeting),
  'meeting:addFollowUp': channel(z.object({ decisionUid: Uid, followUp: FollowUpInput }).strict(), Meeting),
  /** The owner body (or MOGEF) moves a follow-up on; closing it needs a closing note. */
  'meeting:setFollowUp': channel(
    z.object({ uid: Uid, state: FollowUpState, closingNote: z.string().max(CLOSING_NOTE_MAX).nullable().default(null) }).strict(),
    FollowUp,
  ),
  /** Follow-ups not closed: of one owner body, or all (null). */
  'meeting:openFollowUps': channel(z.object({ ownerBody: BodyCodeField.nullable().default(null) }).strict(), z.array(FollowUp)),

  // Meeting packs and the committee report (main/packs/): building one is a job, followed by pack:job.
  /** Builds a meeting's pack as a PDF into path (a .pdf file that must not exist yet). */
  'pack:build': channel(z.object({ options: PackOptions, path: z.string().min(1).max(4096) }).strict(), PackJob),
  /** Builds the annual report to the Gender Equality Committee for a period: PDF, .docx and the figures as .xlsx, into a folder. */
  'pack:buildReport': channel(z.object({ periodId: Id, language: Language, dir: z.string().min(1).max(4096) }).strict(), PackJob),
  'pack:job': channel(z.object({ id: z.number().int().min(1) }).strict(), PackJob),
  'pack:cancel': channel(z.object({ id: z.number().int().min(1) }).strict(), PackJob),
  /** Opens a built PDF in a preview window (Electron only; available false here). */
  'pack:preview': channel(z.object({ path: z.string().min(1).max(4096) }).strict(), z.object({ available: z.boolean() })),
  /** Prints a pack through the system's print dialog (Electron only; available false here). */
  'pack:print': channel(z.object({ options: PackOptions }).strict(), z.object({ available: z.boolean() })),
  /** The system's save dialog for a pack's PDF, or a folder for the report. available false: none here (type the path). */
  'pack:choosePath': channel(z.object({ kind: z.enum(['pdf', 'folder']) }).strict(), z.object({ available: z.boolean(), path: z.string().nullable() })),
} as const;



export type Channels = typeof channels;
export type Channel = keyof Channels;
export type RequestOf<C extends Channel> = z.input<Channels[C]['request']>;
/** The request after validation, with defaults applied: what a handler receives. */
export type ParsedRequestOf<C extends Channel> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Channels[C]['response']>;

export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

/** The kinds of data a write changes; what the renderer shows names the kinds it shows. */
export const DataEntity = z.enum(['settings', 'plan', 'installation', 'entry', 'report', 'review', 'indicator', 'period', 'meeting']);
export type DataEntity = z.infer<typeof DataEntity>;
export const ALL_ENTITIES: readonly DataEntity[] = DataEntity.options;

/**
 * What each channel that writes changes: after it, main tells the renderer
 * (data:changed) so that it refetches only what shows those kinds of data.
 * A channel missing here changes nothing.
 */
export const CHANGES: { readonly [C in Channel]?: readonly DataEntity[] } = {
  'settings:setLanguage': ['settings'],
  'setup:initialize': ['installation'],
  // An entry's fields, indicator values, evidence and MOGEF's comments on it.
  'progress:save': ['entry'],
  'progress:setIndicatorValue': ['entry'],
  'progress:addEvidence': ['entry'],
  'progress:removeEvidence': ['entry'],
  'review:comment': ['entry'],
  'report:submit': ['report'],
  'report:return': ['report'],
  'report:accept': ['report'],
  'report:reopen': ['report'],
  'period:setLocked': ['period'],
  'review:addPanelComment': ['review'],
  'review:setOverride': ['review'],
  'indicator:define': ['indicator'],
  // An import changes entries, reports, comments and indicators; undoing it too.
  'exchange:apply': ['entry', 'report', 'review', 'indicator', 'meeting'],
  'exchange:undo': ['entry', 'report', 'review', 'indicator', 'meeting'],
  'meeting:save': ['meeting'],
  'meeting:addDecision': ['meeting'],
  'meeting:addFollowUp': ['meeting'],
  'meeting:setFollowUp': ['meeting'],
  // backup:restore changes everything, but when its job finishes, not when it answers: main/app-core.ts tells data:changed then.
};

/** Channels that change data. */
export const MUTATING_CHANNELS: ReadonlySet<Channel> = new Set(Object.keys(CHANGES) as Channel[]);

/** What one write changed, as data:changed says it. */
export const DataChange = z
  .object({
    entities: z.array(DataEntity),
    /** The one entry a write changed, with its revision after the write: a view that holds it already needs no refetch. */
    entry: z.object({ key: EntryKey, revision: z.number().int() }).strict().optional(),
  })
  .strict();
export type DataChange = z.infer<typeof DataChange>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** Events main pushes to the renderer. */
export const events = {
  /** Something in the database changed; views refetch what they show of it. Sent after the answer to the write. */
  'data:changed': DataChange,
  /** The window is closing: the renderer saves what is pending, then answers app:readyToClose. */
  'app:closeRequested': z.object({}).strict(),
  /** The application menu asks the renderer to show a view. */
  'menu:navigate': z.object({ view: View }).strict(),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayloadOf<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
