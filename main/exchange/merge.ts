/**
 * From a workbook as read (plain data out of the worker) to what an import
 * would do: the preview the user sees and the plan apply.ts carries out.
 * Nothing here writes.
 *
 * The merge is three-way, field by field (docs/decisions/0013): the base is
 * what this installation and the file's writer last agreed on, taken from
 * this database's own records, never from the file (an edited metadata sheet
 * cannot change what the merge decides):
 * - a workbook this installation wrote, come back filled in by hand: its
 *   export record (the values as they left);
 * - a workbook whose export id was imported here before: what that import
 *   brought (so the same file twice, or last week's copy again, changes
 *   nothing);
 * - otherwise: the last workbook written here for that report, or the last
 *   imported, whichever came later;
 * - before any exchange: no base. Then a value here that is empty takes the
 *   file's, an empty cell keeps the value here, and two different values are
 *   a conflict.
 * Ownership (db/workflow.ts checkImportOwnership): a body's fields change
 * from that body's rows only and only while its report may change here;
 * MOGEF's (comments, indicators, returns and acceptances) only from MOGEF's
 * workbooks, in a body's installation.
 */
import type { MeetingsPayload } from '../../contract/meetings';
import type { Db } from '../../db/connection';
import {
  BODY_FIELDS,
  CELL_PROBLEM_TEXT,
  COLUMN_LABELS,
  isEditableColumn,
  parseEvidenceCell,
  parseIndicatorCell,
  parseLevelCell,
  parseTextCell,
  parseWonCell,
  parseYesNoCell,
  evidenceCell,
  headerForm,
  type BodyField,
  type CellDecoded,
  type FieldChange,
  type ImportPreview,
  type MetaComment,
  type MetaEvent,
  type MetaIndicator,
  type Notice,
  type PreviewRow,
  type ReadCell,
  type ReadWorkbook,
  type RowOutcome,
  type RowValues,
  type WorkbookKind,
} from '../../contract/exchange';
import { completenessOf, groupDigits, LEVEL_LABELS, LONG_TEXT_MAX, type IndicatorKind, type ReportStatus } from '../../contract/rules';
import type { Installation } from '../../contract/progress';
import { reportState, type ResolvedKey } from '../../db/entries';
import { installationId, newUid } from '../../db/identity';
import { checkBodyEdit } from '../../db/workflow';
import { exportById, importOfExport, knowsWriter, lastExchanged, latestImportedWrittenAt, rowValuesOfReport } from '../../db/exchange';
import { STATUS_LABELS, parseYesNoCell as yesNo } from '../../contract/exchange';

/** A field's value as compared: the same for the file, here and the base. */
export type FieldValue = string | number | boolean | null;

export type FieldOutcome = 'taken' | 'kept' | 'conflict' | 'unchanged';

/**
 * The three-way rule of one field. base undefined: no exchange before (an
 * empty value here takes the file's; an empty cell keeps the value here).
 */
export function mergeField(base: FieldValue | undefined, mine: FieldValue, file: FieldValue): FieldOutcome {
  if (file === mine) return 'unchanged';
  if (base === undefined) {
    if (mine === null) return 'taken';
    if (file === null) return 'kept';
    return 'conflict';
  }
  if (file === base) return 'kept';
  if (mine === base) return 'taken';
  return 'conflict';
}

/** A row's values as fields: the body's fields, "evidence" and "indicator:<uid>". */
export function fieldsOf(v: RowValues): Map<string, FieldValue> {
  const m = new Map<string, FieldValue>();
  // Texts compared with their line ends in one form (parseTextCell reads them so).
  for (const f of BODY_FIELDS) m.set(f, typeof v[f] === 'string' ? (v[f] as string).replace(/\r\n?/g, '\n') : v[f]);
  m.set('evidence', v.evidence === '' ? null : v.evidence);
  for (const [uid, value] of Object.entries(v.indicators)) m.set(`indicator:${uid}`, value);
  return m;
}

export class ImportRefusal extends Error {
  constructor(readonly notice: Notice) {
    super(notice.en);
    this.name = 'ImportRefusal';
  }
}

function notice(ko: string, en: string, where: string | null = null): Notice {
  return { ko, en, where };
}

export interface PlannedField {
  field: string;
  outcome: FieldOutcome;
  file: FieldValue;
  mine: FieldValue;
}

export interface PlannedRow {
  actionPlan: string;
  key: ResolvedKey;
  fields: PlannedField[];
}

/** What apply does, as the preview decided it (conflicts settled by the user's choices at apply). */
export interface ImportPlan {
  file: { name: string; sha256: string; bytes: number };
  kind: WorkbookKind | null;
  plan: string;
  body: string;
  year: number;
  planId: number;
  bodyId: number;
  periodId: number;
  exportId: string | null;
  writer: { installation: string; role: 'body' | 'coordinator'; name: string; writtenAt: string } | null;
  /** The name the changes are made in ("김외교 (MOFA) · workbook"). */
  authorName: string;
  /** The installation the changes came from (the writer's, or this one for a file filled in by hand). */
  authorInstallation: string;
  rows: PlannedRow[];
  indicatorsAdd: MetaIndicator[];
  indicatorsRemove: string[];
  targets: { uid: string; year: number; target: number }[];
  commentsAdd: MetaComment[];
  commentsRemove: string[];
  /** Monitoring meetings the file carries from another installation (none from a file written here: those are this installation's own, as they were). */
  meetings: MeetingsPayload | null;
  /** Events of the file not known here, in time order (the other side's transitions). */
  events: MetaEvent[];
  /** A hand-filled workbook says "submit": a submit event is made at apply. */
  submitFromCell: boolean;
  /** The report's status before and after, if it changes. */
  state: { from: ReportStatus; to: ReportStatus } | null;
  /** Per row, the file's values as read (the base of the next exchange with that body). */
  received: Record<string, RowValues>;
  counts: Record<RowOutcome, number>;
  /** change_log's and exchange_import's last ids when previewed: apply refuses if either moved. */
  fingerprint: string;
}

export interface PrepareOptions {
  /** For a workbook without (whole) metadata: which body and year it is. */
  body?: string | null;
  year?: number | null;
}

interface Identity {
  kind: WorkbookKind | null;
  plan: string;
  body: string;
  year: number;
  exportId: string | null;
  writer: ImportPlan['writer'];
  writerBody: string | null;
}

function identityOf(read: ReadWorkbook, fileName: string, options: PrepareOptions, receiver: Installation, planCodes: string[]): { id: Identity; warnings: Notice[] } {
  const warnings: Notice[] = [];
  const meta = read.meta;
  if (meta) {
    return {
      id: {
        kind: meta.kind,
        plan: meta.plan,
        body: meta.body,
        year: meta.year,
        exportId: meta.exportId,
        writer: { installation: meta.writer.installation, role: meta.writer.role, name: meta.writer.name, writtenAt: meta.writtenAt },
        writerBody: meta.writer.body,
      },
      warnings,
    };
  }
  if (read.metaProblem === 'checksum' || read.metaProblem === 'invalid') {
    warnings.push(
      notice(
        '파일 안의 숨은 정보 시트가 바뀌어 있어 쓰지 않았습니다. 기관과 연도는 지정한 값으로 읽었습니다.',
        'The hidden information sheet of the file was changed, so it was not used; the body and year are the ones given.',
        'nap_meta',
      ),
    );
  }
  const body = options.body ?? (receiver.role === 'body' ? receiver.bodyCode : null);
  if (!body || options.year === null || options.year === undefined) {
    throw new ImportRefusal(
      notice(
        `${fileName}에는 NAP Monitor가 쓴 정보 시트가 없어 어느 기관의 몇 년 보고인지 알 수 없습니다. 기관과 연도를 지정하고 다시 가져오세요.`,
        `${fileName} has no information sheet written by NAP Monitor, so its body and year are unknown: give the body and the year, and import again.`,
        fileName,
      ),
    );
  }
  const plan = planCodes.length === 1 ? planCodes[0]! : planCodes[planCodes.length - 1]!;
  return { id: { kind: null, plan, body, year: options.year, exportId: null, writer: null, writerBody: null }, warnings };
}

/** Builds the preview and the plan of an import. Refuses (ImportRefusal) a file that cannot be imported here at all. */
export function prepareImport(
  db: Db,
  receiver: Installation,
  read: ReadWorkbook,
  file: { name: string; sha256: string; bytes: number },
  options: PrepareOptions = {},
): { preview: Omit<ImportPreview, 'token'>; plan: ImportPlan } {
  return db.transaction(() => prepare(db, receiver, read, file, options))();
}

function prepare(db: Db, receiver: Installation, read: ReadWorkbook, file: { name: string; sha256: string; bytes: number }, options: PrepareOptions) {
  const here = installationId(db);
  const planCodes = (db.prepare('SELECT code FROM plan ORDER BY start_year').pluck().all() as string[]) ?? [];
  const { id, warnings } = identityOf(read, file.name, options, receiver, planCodes);
  const needsConfirmation: ImportPreview['needsConfirmation'] = [];

  // What the file is about, in this database.
  const planRow = db.prepare('SELECT id FROM plan WHERE code = ?').get(id.plan) as { id: number } | undefined;
  if (!planRow) {
    throw new ImportRefusal(
      notice(
        `${file.name}은(는) 이 컴퓨터에 없는 계획(${id.plan})의 파일입니다. 맞는 계획의 요청 파일을 받아 가져오세요.`,
        `${file.name} is for a plan this computer does not hold (${id.plan}): get the workbook of the right plan.`,
        file.name,
      ),
    );
  }
  const bodyRow = db
    .prepare('SELECT b.id FROM implementing_body b JOIN plan_body pb ON pb.body_id = b.id AND pb.plan_id = ? WHERE b.code = ?')
    .get(planRow.id, id.body) as { id: number } | undefined;
  if (!bodyRow) {
    throw new ImportRefusal(notice(`${file.name}의 기관 ${id.body}은(는) 이 계획의 이행기관이 아닙니다.`, `${file.name} is for ${id.body}, which is not a body of this plan.`, file.name));
  }
  const periodRow = db.prepare('SELECT id, locked_at FROM reporting_period WHERE plan_id = ? AND year = ?').get(planRow.id, id.year) as
    | { id: number; locked_at: string | null }
    | undefined;
  if (!periodRow) {
    throw new ImportRefusal(notice(`${file.name}의 연도 ${id.year}은(는) 이 계획의 점검 연도가 아닙니다.`, `${file.name} is for ${id.year}, not a reporting year of this plan.`, file.name));
  }
  const latestOpen = db.prepare('SELECT max(year) FROM reporting_period WHERE plan_id = ? AND locked_at IS NULL').pluck().get(planRow.id) as number | null;
  if (latestOpen !== null && id.year !== latestOpen) needsConfirmation.push('other_period');

  // Who may bring what (ownership).
  if (receiver.role === 'body' && receiver.bodyCode !== id.body) {
    throw new ImportRefusal(
      notice(
        `${file.name}은(는) ${id.body}의 파일입니다. 이 컴퓨터는 ${receiver.bodyCode}의 보고를 씁니다.`,
        `${file.name} is ${id.body}'s workbook; this computer reports for ${receiver.bodyCode}.`,
        file.name,
      ),
    );
  }
  const writtenHere = id.writer !== null && id.writer.installation === here;
  const fromCoordinator = id.writer !== null && id.writer.role === 'coordinator' && !writtenHere;
  const fromBodySide = !writtenHere && (id.writer === null || id.writer.role === 'body');
  if (receiver.role === 'coordinator' && id.writer && !writtenHere && id.writer.role === 'coordinator') {
    throw new ImportRefusal(
      notice(
        `${file.name}은(는) 다른 여성가족부 설치본이 쓴 파일입니다. 기관이 채운 파일을 가져오세요.`,
        `${file.name} was written by another MOGEF installation: import the workbooks the bodies filled in.`,
        file.name,
      ),
    );
  }
  if (receiver.role === 'body' && id.writer && !writtenHere && id.writer.role === 'body' && id.writerBody !== receiver.bodyCode) {
    throw new ImportRefusal(notice(`${file.name}은(는) 다른 기관이 쓴 파일입니다.`, `${file.name} was written by another body.`, file.name));
  }
  if (receiver.role === 'coordinator' && id.writer && id.writer.role === 'body' && !writtenHere) {
    if (!knowsWriter(db, id.body, id.writer.installation)) {
      const seenOther = db.prepare('SELECT 1 FROM exchange_import WHERE body_code = ? AND writer_installation IS NOT NULL AND writer_installation <> ? LIMIT 1').get(id.body, id.writer.installation);
      if (seenOther) needsConfirmation.push('unknown_installation');
      else
        warnings.push(
          notice(
            `${id.body}의 이 컴퓨터(${id.writer.name})에서 온 첫 파일입니다.`,
            `The first workbook from this computer of ${id.body} (${id.writer.name}).`,
            null,
          ),
        );
    }
  }
  if (id.writer && !writtenHere) {
    const latest = latestImportedWrittenAt(db, id.plan, id.body, id.year, id.writer.installation);
    if (latest !== null && id.writer.writtenAt < latest) needsConfirmation.push('older_than_imported');
  }

  // The base.
  let base: Record<string, RowValues> | null = null;
  if (id.exportId !== null && writtenHere) {
    const exp = exportById(db, id.exportId);
    if (exp) base = exp.base;
    else warnings.push(notice('이 컴퓨터가 쓴 파일이라고 되어 있지만 그 기록이 없습니다.', 'The file says this computer wrote it, but there is no record of it here.', 'nap_meta'));
    if (exp && read.meta && JSON.stringify(read.meta.base) !== JSON.stringify(exp.base)) {
      warnings.push(
        notice(
          '파일의 숨은 정보가 보낼 때와 다릅니다. 이 컴퓨터의 기록을 기준으로 합쳤습니다.',
          'The file’s hidden information differs from when it was sent; the merge used this computer’s record.',
          'nap_meta',
        ),
      );
    }
  }
  if (base === null && id.exportId !== null) base = importOfExport(db, id.exportId)?.received ?? null;
  // Older than a workbook already imported from the same installation (last week's copy sent again): what
  // this computer holds came after it, so the file's own values as they left are the base, and only what
  // was typed into the file since can change anything (each needing the confirmation asked for below).
  if (base === null && needsConfirmation.includes('older_than_imported') && read.meta) base = read.meta.base;
  if (base === null) base = lastExchanged(db, id.plan, id.body, id.year)?.base ?? null;

  // The report's state here, and what the file's transitions make of it.
  const state = reportState(db, bodyRow.id, periodRow.id);
  const knownEvents = new Set(
    (db.prepare('SELECT uid FROM report_event WHERE body_id = ? AND period_id = ?').pluck().all(bodyRow.id, periodRow.id) as string[]) ?? [],
  );
  const lastAt = (db.prepare('SELECT max(at) FROM report_event WHERE body_id = ? AND period_id = ?').pluck().get(bodyRow.id, periodRow.id) as string | null) ?? '';
  const events: MetaEvent[] = [];
  let status: ReportStatus = state.status;
  let gateStatus: ReportStatus = state.status;
  const fileEvents = [...(read.meta && !writtenHere ? read.meta.events : [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  // MOGEF's transitions (return, accept, reopen) reach a body; a body's (submit) reach MOGEF.
  const mine = (e: MetaEvent) => (receiver.role === 'body' ? e.to !== 'submitted' && fromCoordinator : e.to === 'submitted' && fromBodySide);
  // Transitions an undone import had brought: a file that brings them again (the import done again) makes them anew.
  const undoneEvents = new Set(
    (db
      .prepare(
        `SELECT json_extract(c.target, '$.event') FROM exchange_change c JOIN exchange_import i ON i.id = c.import_id
         WHERE i.undone_at IS NOT NULL AND c.kind = 'status' AND i.plan_code = ? AND i.body_code = ? AND i.year = ?`,
      )
      .pluck()
      .all(id.plan, id.body, id.year) as string[]),
  );
  for (const fe of fileEvents) {
    if (!mine(fe)) continue;
    let e = fe;
    if (knownEvents.has(e.uid)) {
      if (!undoneEvents.has(e.uid) || fe !== fileEvents.at(-1)) continue;
      // Done again after an undo: the same transition as a new event of this installation, now.
      e = { ...fe, uid: newUid(), origin: here, at: new Date().toISOString(), reason: fe.reason };
    } else if (e.at < lastAt) {
      warnings.push(notice(`파일의 상태 변경(${e.at})이 이 컴퓨터의 마지막 변경보다 앞서 반영하지 않았습니다.`, `A transition in the file (${e.at}) is older than the last one here: not applied.`, 'nap_meta'));
      continue;
    }
    if (e.from !== status && knownEvents.has(fe.uid)) continue;
    events.push(e);
    status = e.to;
    // MOGEF's transitions come before the body's fields at apply; a submit after them.
    if (e.to !== 'submitted') gateStatus = e.to;
  }

  // Rows.
  const indicatorKinds = new Map<string, { kind: IndicatorKind; nameKo: string; nameEn: string; actionPlan: string }>();
  for (const r of db
    .prepare('SELECT i.uid, i.kind, i.name_ko AS nameKo, i.name_en AS nameEn, ap.code AS actionPlan FROM indicator i JOIN action_plan ap ON ap.id = i.action_plan_id WHERE ap.plan_id = ? AND i.removed_at IS NULL')
    .all(planRow.id) as { uid: string; kind: IndicatorKind; nameKo: string; nameEn: string; actionPlan: string }[]) {
    indicatorKinds.set(r.uid, r);
  }
  // Indicators a MOGEF workbook brings to a body are known once applied.
  const indicatorsAdd: MetaIndicator[] = [];
  const indicatorsRemove: string[] = [];
  const targets: ImportPlan['targets'] = [];
  const commentsAdd: MetaComment[] = [];
  const commentsRemove: string[] = [];
  if (fromCoordinator && read.meta && receiver.role === 'body') {
    const localIndicators = new Map(
      (db.prepare('SELECT i.uid, i.removed_at AS removedAt FROM indicator i JOIN action_plan ap ON ap.id = i.action_plan_id WHERE ap.plan_id = ?').all(planRow.id) as {
        uid: string;
        removedAt: string | null;
      }[]).map((r) => [r.uid, r]),
    );
    const targetOf = db.prepare(
      'SELECT t.target, rp.year FROM indicator_target t JOIN indicator i ON i.id = t.indicator_id JOIN reporting_period rp ON rp.id = t.period_id WHERE i.uid = ?',
    );
    for (const ind of read.meta.indicators) {
      const local = localIndicators.get(ind.uid);
      if (!local) {
        if (ind.removedAt === null) {
          indicatorsAdd.push(ind);
          indicatorKinds.set(ind.uid, { kind: ind.kind, nameKo: ind.nameKo, nameEn: ind.nameEn, actionPlan: ind.actionPlan });
        }
        continue;
      }
      if (ind.removedAt !== null && local.removedAt === null) {
        indicatorsRemove.push(ind.uid);
        indicatorKinds.delete(ind.uid);
        continue;
      }
      const have = new Map((targetOf.all(ind.uid) as { target: number; year: number }[]).map((t) => [t.year, t.target]));
      for (const t of ind.targets) if (have.get(t.year) !== t.target) targets.push({ uid: ind.uid, year: t.year, target: t.target });
    }
    const localComments = new Map(
      (db
        .prepare(
          `SELECT c.uid, c.removed_at AS removedAt FROM entry_comment c JOIN progress_entry p ON p.id = c.entry_id WHERE p.body_id = ? AND p.period_id = ?`,
        )
        .all(bodyRow.id, periodRow.id) as { uid: string; removedAt: string | null }[]).map((r) => [r.uid, r]),
    );
    for (const c of read.meta.comments) {
      const local = localComments.get(c.uid);
      if (!local && c.removedAt === null) commentsAdd.push(c);
      else if (local && c.removedAt !== null && local.removedAt === null) commentsRemove.push(c.uid);
    }
  }

  // The body's fields may change here only while its report may (after the file's own transitions).
  const bodyActor: Installation = { role: 'body', bodyCode: id.body, userName: 'workbook' };
  const edit = checkBodyEdit(bodyActor, id.body, gateStatus, periodRow.locked_at !== null);
  const editRefusal = edit.ok
    ? null
    : {
        submitted: notice('이 컴퓨터에서 보고서가 이미 제출된 상태라 바꾸지 않았습니다. 보완 요청 후 다시 가져오세요.', 'The report is submitted here, so it was not changed: return it first, then import again.', null),
        accepted: notice('이 컴퓨터에서 보고서가 승인되어 바꾸지 않았습니다.', 'The report is accepted here, so it was not changed.', null),
        locked: notice('이 점검 연도는 잠겨 있어 바꾸지 않았습니다.', 'This reporting year is locked, so nothing was changed.', null),
        coordinator: notice('', '', null),
        other_body: notice('', '', null),
      }[edit.why];

  const carried = new Map(
    (db
      .prepare(
        `SELECT ap.code, ap.id FROM action_plan ap JOIN action_plan_body apb ON apb.action_plan_id = ap.id AND apb.body_id = ? WHERE ap.plan_id = ?`,
      )
      .all(bodyRow.id, planRow.id) as { code: string; id: number }[]).map((r) => [r.code, r.id]),
  );
  const planActions = new Set(db.prepare('SELECT code FROM action_plan WHERE plan_id = ?').pluck().all(planRow.id) as string[]);
  const present = new Set(read.columns.map((c) => c.key));
  const missingFields = BODY_FIELDS.filter((f) => !present.has(f));
  if (read.rows.length > 0 && missingFields.length > 0) {
    warnings.push(
      notice(
        `파일에 없는 열은 그대로 두었습니다: ${missingFields.map((f) => COLUMN_LABELS[f].ko).join(', ')}.`,
        `Columns missing from the file were left as they are: ${missingFields.map((f) => COLUMN_LABELS[f].en).join(', ')}.`,
        read.rowsSheet,
      ),
    );
  }
  if (!present.has('evidence') && read.rows.length > 0) {
    warnings.push(notice('증빙 자료 열이 없어 증빙은 그대로 두었습니다.', 'The evidence column is missing: evidence was left as it is.', read.rowsSheet));
  }
  for (const c of read.unknownColumns) {
    warnings.push(notice(`알 수 없는 열 "${c.header}"은(는) 읽지 않았습니다.`, `The unknown column "${c.header}" was not read.`, `${read.rowsSheet}!${c.column}`));
  }

  // The context the workbook shows (as main/exchange/gather.ts writes it): edited there, it is ignored, with a warning.
  // Only the body's action plans are compared (another body's rows are rejected before).
  const contextOf = new Map(
    (db
      .prepare(
        `SELECT ap.code, a.name_ko AS area, coalesce(o.text_ko, o.text_en) AS objective, coalesce(s.text_ko, s.text_en) AS strategy,
                coalesce(ap.text_ko, ap.text_en) AS actionPlan
         FROM action_plan ap JOIN action_plan_body apb ON apb.action_plan_id = ap.id AND apb.body_id = ?
         JOIN strategy s ON s.id = ap.strategy_id JOIN objective o ON o.id = s.objective_id JOIN area a ON a.id = o.area_id
         WHERE ap.plan_id = ?`,
      )
      .all(bodyRow.id, planRow.id) as { code: string; area: string; objective: string; strategy: string; actionPlan: string }[]).map((r) => [r.code, r]),
  );
  const contextEdited: string[] = [];
  const previewRows: PreviewRow[] = [];
  const plannedRows: PlannedRow[] = [];
  const received: Record<string, RowValues> = {};
  const seen = new Set<string>();
  const counts: Record<RowOutcome, number> = { new: 0, changed: 0, unchanged: 0, conflict: 0, rejected: 0 };
  const merged: { values: RowValues; indicators: { indicatorId: number; value: number | null }[] }[] = [];
  // Whether the file's submit cell is read (below): only then are the rows as merged needed.
  const submitChecked = receiver.role === 'coordinator' && read.submit !== null && (writtenHere || id.writer === null);
  // The columns the merge reads, in the sheet's order, and where each is in that order.
  const editable = read.columns.filter((c) => isEditableColumn(c.key));
  const positionOf = new Map(editable.map((c, i) => [c.key as string, i]));
  const fixedPositions = editable.flatMap((c, i) => (c.key.startsWith('indicator:') ? [] : [i]));
  // The values here of every row the file brings that this body carries, read at once.
  const mineOf = rowValuesOfReport(
    db,
    [...new Set(read.rows.map((r) => carried.get(r.code)).filter((ap) => ap !== undefined))].map((actionPlanId) => ({
      actionPlanId,
      bodyId: bodyRow.id,
      bodyCode: id.body,
      periodId: periodRow.id,
      planId: planRow.id,
      year: id.year,
    })),
  );

  for (const row of read.rows) {
    const code = row.code;
    const rejectRow = (ko: string, en: string) => {
      counts.rejected++;
      previewRows.push({ actionPlan: code, rowNumber: row.rowNumber, outcome: 'rejected', fields: [], reason: notice(ko, en, `${read.rowsSheet}!A${row.rowNumber}`) });
    };
    if (seen.has(code)) {
      rejectRow(`행동계획 ${code}이(가) 두 번 있습니다. 앞의 행만 읽었습니다.`, `Action plan ${code} appears twice; only the first row was read.`);
      continue;
    }
    seen.add(code);
    const actionPlanId = carried.get(code);
    if (actionPlanId === undefined) {
      if (planActions.has(code)) rejectRow(`${code}은(는) ${id.body}가 수행하는 행동계획이 아닙니다. 다른 기관의 행은 가져오지 않습니다.`, `${code} is not one of ${id.body}'s action plans: rows of another body are not imported.`);
      else rejectRow(`${code}은(는) 이 계획에 없는 코드입니다.`, `${code} is not a code of this plan.`);
      continue;
    }
    const key: ResolvedKey = { actionPlanId, bodyId: bodyRow.id, bodyCode: id.body, periodId: periodRow.id, planId: planRow.id, year: id.year };
    const context = contextOf.get(code);
    for (const c of ['area', 'objective', 'strategy', 'actionPlan'] as const) {
      const cell = row.cells[c];
      if (context && cell && cell.value !== null && String(cell.value) !== context[c] && headerForm(String(cell.value)) !== headerForm(context[c])) {
        contextEdited.push(cell.address);
      }
    }
    const mineValues = mineOf.get(actionPlanId)!;
    const mineFields = fieldsOf(mineValues);
    // Indicators this file brings (to a body) count as known with no value yet.
    for (const ind of indicatorsAdd) if (ind.actionPlan === code) mineFields.set(`indicator:${ind.uid}`, null);
    for (const uid of indicatorsRemove) mineFields.delete(`indicator:${uid}`);
    const baseFields = base && base[code] ? fieldsOf(base[code]) : null;
    const fields: FieldChange[] = [];
    const planned: PlannedField[] = [];
    const fileValues = copyValues(mineValues);
    if (baseFields) Object.assign(fileValues, copyValues(base![code]!));
    for (const [f, v] of mineFields) if (!baseFields?.has(f) && f.startsWith('indicator:')) fileValues.indicators[f.slice(10)] = v as number | null;
    // The columns this row is merged on, in the sheet's order: the fixed ones and this action plan's
    // indicators, each with or without a cell, and any other indicator's cell that holds a value (to be
    // refused). An editable column with no cell in the row is empty there (contract/exchange.ts ReadRow).
    const visit = new Set(fixedPositions);
    for (const f of mineFields.keys()) {
      const at = positionOf.get(f);
      if (at !== undefined) visit.add(at);
    }
    for (const key of Object.keys(row.cells)) {
      const at = positionOf.get(key);
      if (at !== undefined) visit.add(at);
    }
    for (const at of [...visit].sort((a, b) => a - b)) {
      const col = editable[at]!;
      const cell: ReadCell = row.cells[col.key] ?? emptyCell(col.column, row.rowNumber);
      const field = col.key;
      if (!mineFields.has(field)) {
        if (cell.value !== null && cell.value !== '') {
          fields.push(rejected(field, labelOf(field, indicatorKinds), mineFields.get(field) ?? null, cell, notice('이 행동계획에는 이 지표가 없어 읽지 않았습니다.', 'This action plan has no such indicator: not read.', null)));
        }
        continue;
      }
      const decoded = decode(field, cell, indicatorKinds);
      if (!decoded.ok) {
        const t = CELL_PROBLEM_TEXT[decoded.problem];
        fields.push(rejected(field, labelOf(field, indicatorKinds), mineFields.get(field) ?? null, cell, notice(t.ko, t.en, `${read.rowsSheet}!${cell.address}`)));
        continue;
      }
      const fileValue = decoded.value;
      setValue(fileValues, field, fileValue);
      const mineValue = mineFields.get(field) ?? null;
      const baseValue = baseFields ? (baseFields.has(field) ? baseFields.get(field)! : null) : undefined;
      const outcome = mergeField(baseValue, mineValue, fileValue);
      if ((outcome === 'taken' || outcome === 'conflict') && editRefusal) {
        fields.push(rejected(field, labelOf(field, indicatorKinds), mineValue, cell, editRefusal, fileValue));
        continue;
      }
      if (outcome === 'unchanged') {
        planned.push({ field, outcome, file: fileValue, mine: mineValue });
        continue;
      }
      planned.push({ field, outcome, file: fileValue, mine: mineValue });
      fields.push({
        field,
        label: labelOf(field, indicatorKinds),
        outcome,
        base: baseValue === undefined ? null : show(field, baseValue),
        mine: show(field, mineValue),
        file: show(field, fileValue),
        cell: `${read.rowsSheet}!${cell.address}`,
        reason: null,
      });
    }
    received[code] = fileValues;
    const anyConflict = planned.some((p) => p.outcome === 'conflict');
    const anyTaken = planned.some((p) => p.outcome === 'taken');
    const anyRejected = fields.some((f) => f.outcome === 'rejected');
    const wasEmpty = [...mineFields.values()].every((v) => v === null);
    const outcome: RowOutcome = anyConflict ? 'conflict' : anyTaken ? (wasEmpty ? 'new' : 'changed') : anyRejected ? 'rejected' : 'unchanged';
    counts[outcome]++;
    previewRows.push({ actionPlan: code, rowNumber: row.rowNumber, outcome, fields, reason: null });
    plannedRows.push({ actionPlan: code, key, fields: planned.filter((p) => p.outcome !== 'unchanged') });
    // For the submit check (a workbook filled in by hand): the row as it would stand if the file's values were taken.
    if (submitChecked) {
      const after = copyValues(mineValues);
      for (const p of planned) if (p.outcome === 'taken' || p.outcome === 'conflict') setValue(after, p.field, p.file);
      merged.push({ values: after, indicators: Object.entries(after.indicators).map(([, value], i) => ({ indicatorId: i + 1, value })) });
    }
  }
  if (contextEdited.length > 0) {
    const cells = `${contextEdited.slice(0, 8).join(', ')}${contextEdited.length > 8 ? ' …' : ''}`;
    warnings.push(
      notice(
        `회색 설명 칸(영역·목표·전략·행동계획)이 바뀐 곳이 ${contextEdited.length}군데 있습니다. 설명 칸은 읽지 않으며 계획의 내용은 그대로입니다: ${cells}.`,
        `${contextEdited.length} grey context cells (area, objective, strategy, action plan) were edited; context is not read and the plan stays as it is: ${cells}.`,
        read.rowsSheet,
      ),
    );
  }
  // Action plans of the body the file lacks: left as they are.
  const missingRows = [...carried.keys()].filter((c) => !seen.has(c));
  if (read.rows.length > 0 && missingRows.length > 0) {
    warnings.push(
      notice(
        `파일에 없는 행동계획 ${missingRows.length}개는 그대로 두었습니다: ${missingRows.slice(0, 10).join(', ')}${missingRows.length > 10 ? ' …' : ''}.`,
        `${missingRows.length} action plans missing from the file were left as they are: ${missingRows.slice(0, 10).join(', ')}${missingRows.length > 10 ? ' …' : ''}.`,
        read.rowsSheet,
      ),
    );
  }
  for (const r of read.ignoredRows.slice(0, 5)) {
    warnings.push(notice(`행동계획이 아닌 행(${r.text.slice(0, 40)})은 읽지 않았습니다.`, `A row that is not an action plan (${r.text.slice(0, 40)}) was not read.`, `${read.rowsSheet}!A${r.rowNumber}`));
  }

  // A workbook filled in by hand says whether the report is submitted.
  let submitFromCell = false;
  if (submitChecked && read.submit) {
    const said = yesNo(read.submit.value);
    if (!said.ok) {
      warnings.push(notice('"보고서 제출" 칸을 읽을 수 없습니다 (예 또는 아니오).', 'The "Submit the report" cell cannot be read (Yes or No).', `${read.rowsSheet}!${read.submit.address}`));
    } else if (said.value === true && (status === 'draft' || status === 'returned')) {
      const incomplete = merged.filter((m) => completenessOf(m.values, m.indicators).missing.length > 0).length + missingRows.length;
      if (incomplete > 0) {
        warnings.push(
          notice(
            `파일은 제출한다고 하지만 ${incomplete}개 행동계획에 빈 필수 항목이 있어 제출로 바꾸지 않았습니다.`,
            `The file says submit, but ${incomplete} action plans still miss required fields: the report was not made submitted.`,
            `${read.rowsSheet}!${read.submit.address}`,
          ),
        );
      } else {
        submitFromCell = true;
        status = 'submitted';
      }
    }
  }

  const authorName = id.writer ? `${id.writer.name} · ${file.name}` : `${id.body} · ${file.name}`;
  const plan: ImportPlan = {
    file,
    kind: id.kind,
    plan: id.plan,
    body: id.body,
    year: id.year,
    planId: planRow.id,
    bodyId: bodyRow.id,
    periodId: periodRow.id,
    exportId: id.exportId,
    writer: id.writer,
    authorName: authorName.slice(0, 200),
    authorInstallation: id.writer && !writtenHere ? id.writer.installation : here,
    rows: plannedRows,
    indicatorsAdd,
    indicatorsRemove,
    targets,
    commentsAdd,
    commentsRemove,
    meetings: read.meta?.meetings && id.writer && !writtenHere ? read.meta.meetings : null,
    events,
    submitFromCell,
    state: status !== state.status ? { from: state.status, to: status } : null,
    received,
    counts,
    fingerprint: fingerprint(db, { bodyId: bodyRow.id, periodId: periodRow.id, planId: planRow.id, plan: id.plan, body: id.body, year: id.year }),
  };
  const alreadyImported = (db.prepare('SELECT 1 FROM exchange_import WHERE sha256 = ? AND undone_at IS NULL LIMIT 1').get(file.sha256) ?? null) !== null;
  const preview: Omit<ImportPreview, 'token'> = {
    file,
    kind: id.kind,
    plan: id.plan,
    body: id.body,
    year: id.year,
    writer: id.writer && read.meta ? { ...id.writer, exportId: read.meta.exportId } : null,
    rows: previewRows,
    counts,
    state: plan.state,
    commentsAdded: commentsAdd.length,
    indicatorsAdded: indicatorsAdd.length,
    meetings: { meetings: plan.meetings?.meetings.length ?? 0, followUpStates: plan.meetings?.followUpStates.length ?? 0 },
    warnings: [...warnings, ...(plan.state ? [stateNotice(plan.state, events.at(-1)?.reason ?? null)] : [])],
    alreadyImported,
    needsConfirmation,
  };
  return { preview, plan };
}

/**
 * What the report a preview is about was when the preview was made: its
 * entries (every save bumps a revision), their comments and evidence, the
 * plan's indicators, the report's transitions, the period's lock and the
 * imports. apply refuses if any moved since; a change to another report does
 * not make the preview stale.
 */
export function fingerprint(db: Db, report: { bodyId: number; periodId: number; planId: number; plan: string; body: string; year: number }): string {
  const row = db
    .prepare(
      `SELECT
         (SELECT coalesce(sum(revision), 0) || ',' || count(*) FROM progress_entry WHERE body_id = @body AND period_id = @period) AS entries,
         (SELECT count(*) || ',' || count(c.removed_at) FROM entry_comment c JOIN progress_entry p ON p.id = c.entry_id WHERE p.body_id = @body AND p.period_id = @period) AS comments,
         (SELECT count(*) || ',' || count(i.removed_at) FROM indicator i JOIN action_plan ap ON ap.id = i.action_plan_id WHERE ap.plan_id = @plan) AS indicators,
         (SELECT coalesce(sum(t.target), 0) || ',' || count(*) FROM indicator_target t JOIN reporting_period rp ON rp.id = t.period_id WHERE rp.plan_id = @plan) AS targets,
         (SELECT coalesce(max(id), 0) FROM report_event WHERE body_id = @body AND period_id = @period) AS events,
         (SELECT coalesce(status, '') FROM report WHERE body_id = @body AND period_id = @period) AS status,
         (SELECT coalesce(locked_at, '') FROM reporting_period WHERE id = @period) AS locked,
         (SELECT coalesce(max(id), 0) || ',' || count(undone_at) FROM exchange_import
           WHERE plan_code = @planCode AND body_code = @bodyCode AND year = @year) AS imports`,
    )
    .get({ body: report.bodyId, period: report.periodId, plan: report.planId, planCode: report.plan, bodyCode: report.body, year: report.year }) as Record<
    string,
    string | number | null
  >;
  return JSON.stringify(row);
}

function stateNotice(s: { from: ReportStatus; to: ReportStatus }, reason: string | null): Notice {
  const why = reason === null ? { ko: '', en: '' } : { ko: ` (사유: ${reason})`, en: ` (reason: ${reason})` };
  return notice(
    `보고서 상태: ${STATUS_LABELS.ko[s.from]} → ${STATUS_LABELS.ko[s.to]}${why.ko}`,
    `Report status: ${STATUS_LABELS.en[s.from]} → ${STATUS_LABELS.en[s.to]}${why.en}`,
    null,
  );
}

function rejected(field: string, label: FieldChange['label'], mine: FieldValue, cell: ReadCell, reason: Notice, file?: FieldValue): FieldChange {
  return {
    field,
    label,
    outcome: 'rejected',
    base: null,
    mine: show(field, mine),
    file: file !== undefined ? show(field, file) : cell.value === null ? null : String(cell.value).slice(0, 2000),
    cell: reason.where ?? cell.address,
    reason,
  };
}

function decode(field: string, cell: ReadCell, indicators: Map<string, { kind: IndicatorKind }>): CellDecoded<FieldValue> {
  const v = cell.value;
  if (field.startsWith('indicator:')) {
    const ind = indicators.get(field.slice(10));
    return ind ? parseIndicatorCell(ind.kind, v) : { ok: false, problem: 'number_format' };
  }
  switch (field as BodyField | 'evidence') {
    case 'completion':
      return parseLevelCell(v);
    case 'delayed':
      return parseYesNoCell(v);
    case 'budgetAllocated':
    case 'budgetExecuted':
      return parseWonCell(v);
    case 'evidence': {
      const e = parseEvidenceCell(v);
      if (!e.ok) return e;
      return { ok: true, value: e.value.length === 0 ? null : evidenceCell(e.value) };
    }
    default:
      return parseTextCell(v, LONG_TEXT_MAX);
  }
}

/** The cell of an editable column a row has none in (the reader leaves empty cells out): empty, at its address. */
export function emptyCell(column: string, rowNumber: number): ReadCell {
  return { address: `${column}${rowNumber}`, value: null };
}

/** A row's values to change apart from the original (a shallow copy is whole: only indicators nest). */
function copyValues(v: RowValues): RowValues {
  return { ...v, indicators: { ...v.indicators } };
}

function setValue(values: RowValues, field: string, value: FieldValue): void {
  if (field.startsWith('indicator:')) values.indicators[field.slice(10)] = value as number | null;
  else if (field === 'evidence') values.evidence = (value as string | null) ?? '';
  else (values as unknown as Record<string, FieldValue>)[field] = value;
}

function labelOf(field: string, indicators: Map<string, { nameKo: string; nameEn: string }>): FieldChange['label'] {
  if (field.startsWith('indicator:')) {
    const ind = indicators.get(field.slice(10));
    return { ko: `지표: ${ind?.nameKo ?? field}`, en: `Indicator: ${ind?.nameEn ?? field}` };
  }
  const l = COLUMN_LABELS[field as BodyField | 'evidence'];
  return { ko: l.ko, en: l.en };
}

/** A value as the preview shows it. */
export function show(field: string, value: FieldValue): string | null {
  if (value === null) return null;
  if (field === 'completion') return `${LEVEL_LABELS.ko[value as keyof typeof LEVEL_LABELS.ko]} / ${LEVEL_LABELS.en[value as keyof typeof LEVEL_LABELS.en]}`;
  if (field === 'delayed') return value ? '예 / Yes' : '아니오 / No';
  if (typeof value === 'number') return field.startsWith('budget') ? groupDigits(value) : String(value);
  return String(value);
}
