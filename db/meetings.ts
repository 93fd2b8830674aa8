/**
 * Monitoring meetings (issue 9; migration 0060): meetings with their
 * participants, decisions and follow-ups; who may record and change what
 * (the pure rules are contract/meetings.ts's, so the renderer shows the
 * same); and the meetings as they travel in a workbook's metadata.
 *
 * A meeting, its decisions and follow-ups are changed only in the
 * installation that made it. A follow-up's state is moved by its owner
 * body's installation or by MOGEF's, wherever the meeting was made; the
 * state goes back to the other side in the next workbook, the newest
 * updatedAt winning. Every change reaches change_log with the value before
 * (entity "meeting" with the meeting's row id, or "follow_up" with the
 * follow-up's). Text is normalised as every user text is (contract/rules.ts).
 */
import type { z } from 'zod';
import type { Db } from './connection';
import type { Installation } from '../contract/progress';
import { DomainError, type ErrorCode } from '../contract/result';
import { cleanText, isIsoDate, REASON_MAX, LONG_TEXT_MAX, textProblem } from '../contract/rules';
import {
  CLOSING_NOTE_MAX,
  MEETING_KINDS,
  FollowUpInput,
  FollowUpState,
  MeetingDraft,
  MeetingsPayload,
  changeMeetingRefusal,
  canSetFollowUp,
  createMeetingRefusal,
  followUpStateProblem,
  type Decision,
  type FollowUp,
  type Meeting,
  type MeetingActor,
  type MeetingKind,
  type MeetingRefusal,
  type MeetingSummary,
  type Participant,
} from '../contract/meetings';
import { actorName, logChange, nowIso, type Actor, type Entity } from './history';
import { installationId, newUid } from './identity';

// ---------------------------------------------------------------- errors and text

/** A refusal in both languages, naming the field (path) and why (hint, a stable key the renderer can translate). */
function refusal(code: ErrorCode, ko: string, en: string, path: string, hint: string): DomainError {
  return new DomainError(code, `${ko} / ${en}`, [{ path, hint }]);
}

/** The fields a user fills in, as the messages name them. */
const FIELD: Readonly<Record<string, readonly [ko: string, en: string]>> = {
  kind: ['회의 종류', 'meeting kind'],
  bodyCode: ['기관', 'body'],
  periodId: ['점검 연도', 'reporting period'],
  date: ['회의 날짜', 'meeting date'],
  title: ['제목', 'title'],
  place: ['장소', 'place'],
  participants: ['참석자', 'participants'],
  agenda: ['안건', 'agenda'],
  minutes: ['회의록', 'minutes'],
  text: ['내용', 'text'],
  ownerBody: ['담당 기관', 'owner body'],
  actionPlanCode: ['세부과제', 'action plan'],
  dueDate: ['기한', 'due date'],
  state: ['상태', 'state'],
  closingNote: ['종결 의견', 'closing note'],
  name: ['이름', 'name'],
  affiliation: ['소속', 'affiliation'],
  role: ['역할', 'role'],
  baseRevision: ['판', 'revision'],
};

function fieldName(path: string): readonly [string, string] {
  const last = path.split('.').at(-1) ?? path;
  const [ko, en] = FIELD[last] ?? FIELD[path.split('.')[0] ?? ''] ?? [path, path];
  const participant = /^participants\.(\d+)\./.exec(path);
  return participant ? [`참석자 ${Number(participant[1]) + 1}의 ${ko}`, `${en} of participant ${Number(participant[1]) + 1}`] : [ko, en];
}

/** A user's text as stored: NFC, trimmed, white space only is empty; refused (BAD_REQUEST, naming the field) if it cannot be stored. */
function text(raw: string | null | undefined, max: number, path: string, required: boolean): string {
  const [ko, en] = fieldName(path);
  const problem = textProblem(raw ?? '', max, required);
  if (problem === 'required') throw refusal('BAD_REQUEST', `${ko}을(를) 입력하세요.`, `The ${en} is empty: fill it in.`, path, 'required');
  if (problem === 'too_long') throw refusal('BAD_REQUEST', `${ko}이(가) ${max}자보다 깁니다. 줄여 주세요.`, `The ${en} is longer than ${max} characters: shorten it.`, path, 'too_long');
  if (problem === 'bad_character') {
    throw refusal('BAD_REQUEST', `${ko}에 저장할 수 없는 문자가 있습니다. 다시 입력하세요.`, `The ${en} holds a character that cannot be stored (half of a UTF-16 pair): type it again.`, path, 'bad_character');
  }
  return cleanText(raw) ?? '';
}

/** A request checked against its contract schema, refused as BAD_REQUEST naming the first wrong field. */
function parsed<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter((p) => p !== '').join('.') || 'request';
  const [ko, en] = fieldName(path);
  return thrown(refusal('BAD_REQUEST', `${ko}의 값이 올바르지 않습니다: ${issue?.message ?? ''}`, `The ${en} is not valid: ${issue?.message ?? ''}`, path, 'invalid'));
}

function thrown(e: Error): never {
  throw e;
}

const WHY: Readonly<Record<MeetingRefusal, readonly [string, string]>> = {
  not_set_up: ['이 설치본은 아직 설정되지 않았습니다. 먼저 기관을 선택하세요.', 'This installation is not set up yet: choose the body it reports for first.'],
  wrong_kind: [
    '여성가족부는 관계부처 회의와 시민자문단 회의를, 기관은 자체 점검 회의만 기록합니다.',
    'MOGEF records inter-ministerial meetings and civic advisory panel sessions; a body records only its own meetings.',
  ],
  other_body: ['다른 기관의 자체 회의는 기록할 수 없습니다.', 'A body records only its own meetings, not another body’s.'],
  not_own_here: [
    '이 회의는 다른 설치본에서 만들어 엑셀 파일로 받은 것이라 여기서는 읽기만 할 수 있습니다.',
    'This meeting was made in another installation and arrived in a workbook: it is read only here.',
  ],
};

function forbidden(why: MeetingRefusal, path: string): DomainError {
  const [ko, en] = WHY[why];
  return refusal('FORBIDDEN', ko, en, path, why);
}

// ---------------------------------------------------------------- history

type MeetingEntity = Extract<Entity, 'meeting' | 'follow_up'>;

/** A change to change_log through db/history.ts's logChange. */
function log(db: Db, actor: Actor, entity: MeetingEntity, id: number, field: string, before: unknown, after: unknown, at: string): void {
  logChange(db, actor, entity, id, field, before, after, at);
}

// ---------------------------------------------------------------- reading

interface MeetingRow {
  id: number;
  uid: string;
  origin: string;
  kind: MeetingKind;
  bodyCode: string | null;
  periodId: number;
  year: number;
  planId: number;
  planCode: string;
  date: string;
  title: string;
  place: string;
  participants: string;
  agenda: string;
  minutes: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  decisions: number;
  openFollowUps: number;
}

const MEETING_SELECT = /* sql */ `
  SELECT m.id, m.uid, m.origin, m.kind, m.body_code AS bodyCode, m.period_id AS periodId, rp.year, rp.plan_id AS planId, p.code AS planCode,
         m.date, m.title, m.place, m.participants, m.agenda, m.minutes, m.revision, m.created_at AS createdAt, m.updated_at AS updatedAt,
         (SELECT count(*) FROM meeting_decision d WHERE d.meeting_id = m.id) AS decisions,
         (SELECT count(*) FROM follow_up f JOIN meeting_decision d ON d.id = f.decision_id WHERE d.meeting_id = m.id AND f.state <> 'closed') AS openFollowUps
  FROM meeting m JOIN reporting_period rp ON rp.id = m.period_id JOIN plan p ON p.id = rp.plan_id`;

interface FollowUpRow extends FollowUp {
  id: number;
  decisionId: number;
  stateBy: string;
  meetingOrigin: string;
}

const FOLLOW_UP_SELECT = /* sql */ `
  SELECT f.id, f.uid, d.id AS decisionId, d.uid AS decisionUid, m.uid AS meetingUid, m.kind AS meetingKind, m.date AS meetingDate, m.title AS meetingTitle,
         f.owner_body AS ownerBody, ap.code AS actionPlanCode, f.text, f.due_date AS dueDate, f.state, f.closing_note AS closingNote,
         f.closed_at AS closedAt, f.updated_at AS updatedAt, f.state_by AS stateBy, m.origin AS meetingOrigin
  FROM follow_up f JOIN meeting_decision d ON d.id = f.decision_id JOIN meeting m ON m.id = d.meeting_id
  LEFT JOIN action_plan ap ON ap.id = f.action_plan_id`;

function followUpOf(r: FollowUpRow): FollowUp {
  return {
    uid: r.uid,
    decisionUid: r.decisionUid,
    meetingUid: r.meetingUid,
    meetingKind: r.meetingKind,
    meetingDate: r.meetingDate,
    meetingTitle: r.meetingTitle,
    ownerBody: r.ownerBody,
    actionPlanCode: r.actionPlanCode,
    text: r.text,
    dueDate: r.dueDate,
    state: r.state,
    closingNote: r.closingNote,
    closedAt: r.closedAt,
    updatedAt: r.updatedAt,
  };
}

function summaryOf(r: MeetingRow, here: string): MeetingSummary {
  return {
    uid: r.uid,
    kind: r.kind,
    bodyCode: r.bodyCode,
    periodId: r.periodId,
    year: r.year,
    date: r.date,
    title: r.title,
    place: r.place,
    decisions: r.decisions,
    openFollowUps: r.openFollowUps,
    ownHere: r.origin === here,
  };
}

function meetingRow(db: Db, uid: string): MeetingRow | null {
  return (db.prepare(`${MEETING_SELECT} WHERE m.uid = ?`).get(uid) as MeetingRow | undefined) ?? null;
}

function requireMeeting(db: Db, uid: string, path = 'uid'): MeetingRow {
  const row = meetingRow(db, uid);
  if (!row) throw refusal('NOT_FOUND', '그런 회의가 없습니다. 목록을 새로 고치세요.', 'There is no such meeting: reload the list.', path, 'unknown_meeting');
  return row;
}

function decisionsOf(db: Db, meetingId: number): Decision[] {
  const decisions = db
    .prepare('SELECT id, uid, text, created_at AS createdAt FROM meeting_decision WHERE meeting_id = ? ORDER BY id')
    .all(meetingId) as { id: number; uid: string; text: string; createdAt: string }[];
  const followUps = db.prepare(`${FOLLOW_UP_SELECT} WHERE m.id = ? ORDER BY f.id`).all(meetingId) as FollowUpRow[];
  return decisions.map((d) => ({
    uid: d.uid,
    text: d.text,
    createdAt: d.createdAt,
    followUps: followUps.filter((f) => f.decisionId === d.id).map(followUpOf),
  }));
}

function meetingOf(db: Db, r: MeetingRow): Meeting {
  return {
    ...summaryOf(r, installationId(db)),
    participants: JSON.parse(r.participants) as Participant[],
    agenda: r.agenda,
    minutes: r.minutes,
    decisions: decisionsOf(db, r.id),
    revision: r.revision,
    origin: r.origin,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The meetings that review a period (all meetings when periodId is null), newest first. */
export function listMeetings(db: Db, { periodId }: { periodId: number | null }): MeetingSummary[] {
  const here = installationId(db);
  const rows = (
    periodId === null
      ? db.prepare(`${MEETING_SELECT} ORDER BY m.date DESC, m.id DESC`).all()
      : db.prepare(`${MEETING_SELECT} WHERE m.period_id = ? ORDER BY m.date DESC, m.id DESC`).all(periodId)
  ) as MeetingRow[];
  return rows.map((r) => summaryOf(r, here));
}

/** A meeting with its participants, decisions and follow-ups; NOT_FOUND if there is none with that uid. */
export function getMeeting(db: Db, uid: string): Meeting {
  return meetingOf(db, requireMeeting(db, uid));
}

/**
 * Follow-ups not closed, of one owner body (or all when ownerBody is null),
 * only from meetings held before `before` (an ISO date) when given: what the
 * next meeting's pack and the owner body's screens show. Ordered by due
 * date (none last), then by the meeting's date.
 */
export function openFollowUps(db: Db, { ownerBody, before }: { ownerBody: string | null; before?: string }): FollowUp[] {
  const rows = db
    .prepare(
      `${FOLLOW_UP_SELECT}
       WHERE f.state <> 'closed' AND (@owner IS NULL OR f.owner_body = @owner) AND (@before IS NULL OR m.date < @before)
       ORDER BY f.due_date IS NULL, f.due_date, m.date, f.id`,
    )
    .all({ owner: ownerBody, before: before ?? null }) as FollowUpRow[];
  return rows.map(followUpOf);
}

// ---------------------------------------------------------------- checks of references

function periodOf(db: Db, periodId: number): { id: number; planId: number; year: number } {
  const row = db.prepare('SELECT id, plan_id AS planId, year FROM reporting_period WHERE id = ?').get(periodId) as
    | { id: number; planId: number; year: number }
    | undefined;
  if (!row) throw refusal('NOT_FOUND', `점검 연도(기간 ${periodId})가 없습니다. 목록에서 고르세요.`, `There is no reporting period ${periodId}: choose one from the list.`, 'periodId', 'unknown_period');
  return row;
}

function checkBody(db: Db, code: string, path: string): void {
  if (db.prepare('SELECT 1 FROM implementing_body WHERE code = ?').get(code)) return;
  const [ko, en] = fieldName(path);
  throw refusal('NOT_FOUND', `${ko}: ${code}은(는) 이행기관이 아닙니다. 목록에서 고르세요.`, `The ${en}: ${code} is not an implementing body; choose one from the list.`, path, 'unknown_body');
}

function actionPlanId(db: Db, planId: number, code: string, path: string): number {
  const id = db.prepare('SELECT id FROM action_plan WHERE plan_id = ? AND code = ?').pluck().get(planId, code) as number | undefined;
  if (id === undefined) {
    throw refusal('NOT_FOUND', `세부과제 ${code}은(는) 이 회의가 점검하는 계획에 없습니다.`, `Action plan ${code} is not in the plan of the period this meeting reviews.`, path, 'unknown_action_plan');
  }
  return id;
}

// ---------------------------------------------------------------- writing

/** A draft as stored: every text cleaned, participants checked. */
interface CleanDraft {
  kind: MeetingKind;
  bodyCode: string | null;
  periodId: number;
  date: string;
  title: string;
  place: string;
  participants: Participant[];
  agenda: string;
  minutes: string;
}

const CONTENT: readonly (keyof CleanDraft)[] = ['kind', 'bodyCode', 'periodId', 'date', 'title', 'place', 'participants', 'agenda', 'minutes'];

function cleanDraft(db: Db, input: MeetingDraft): CleanDraft {
  const d = parsed(MeetingDraft, input);
  if (d.kind === 'body' && d.bodyCode === null) {
    throw refusal('BAD_REQUEST', '기관 자체 회의는 어느 기관의 회의인지 고르세요.', 'A body’s own meeting names its body: choose which.', 'bodyCode', 'required');
  }
  if (d.kind !== 'body' && d.bodyCode !== null) {
    throw refusal('BAD_REQUEST', '관계부처 회의와 시민자문단 회의는 한 기관의 회의가 아니므로 기관을 비워 두세요.', 'An inter-ministerial meeting or a panel session is no one body’s: leave the body empty.', 'bodyCode', 'body_only_for_body');
  }
  periodOf(db, d.periodId);
  if (d.bodyCode !== null) checkBody(db, d.bodyCode, 'bodyCode');
  const participants = d.participants.map((p, i): Participant => {
    const at = `participants.${i}`;
    if (p.kind === 'body') {
      if (p.bodyCode === null) throw refusal('BAD_REQUEST', `참석자 ${i + 1}: 참석 기관을 고르세요.`, `Participant ${i + 1} represents a body: choose which.`, `${at}.bodyCode`, 'required');
      checkBody(db, p.bodyCode, `${at}.bodyCode`);
    } else if (p.bodyCode !== null) {
      throw refusal('BAD_REQUEST', `참석자 ${i + 1}은(는) 기관 대표가 아니므로 기관을 지정하지 않습니다.`, `Participant ${i + 1} is not a body's representative: leave the body empty.`, `${at}.bodyCode`, 'body_only_for_body');
    }
    return {
      kind: p.kind,
      bodyCode: p.bodyCode,
      name: text(p.name, 200, `${at}.name`, p.kind !== 'body'),
      affiliation: text(p.affiliation, 200, `${at}.affiliation`, false),
      role: text(p.role, 200, `${at}.role`, false),
    };
  });
  return {
    kind: d.kind,
    bodyCode: d.bodyCode,
    periodId: d.periodId,
    date: d.date,
    title: text(d.title, 300, 'title', true),
    place: text(d.place, 300, 'place', false),
    participants,
    agenda: text(d.agenda, LONG_TEXT_MAX, 'agenda', false),
    minutes: text(d.minutes, LONG_TEXT_MAX, 'minutes', false),
  };
}

function draftOfRow(r: MeetingRow): CleanDraft {
  return {
    kind: r.kind,
    bodyCode: r.bodyCode,
    periodId: r.periodId,
    date: r.date,
    title: r.title,
    place: r.place,
    participants: JSON.parse(r.participants) as Participant[],
    agenda: r.agenda,
    minutes: r.minutes,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Records a new meeting (uid null) or changes one, the whole draft at once.
 * Who may: contract/meetings.ts (createMeetingRefusal, changeMeetingRefusal),
 * else FORBIDDEN. baseRevision is the revision the form started from (0 for a
 * new one): a changed meeting whose revision moved since is refused as
 * CONFLICT (the form keeps its text); saving what is stored changes nothing.
 * Each changed field reaches the history with its value before.
 */
export function saveMeeting(db: Db, uid: string | null, baseRevision: number, draft: MeetingDraft, actor: Installation): Meeting {
  const savedUid = db
    .transaction((): string => {
      const here = installationId(db);
      const kind = (draft as { kind?: MeetingKind }).kind;
      const body = (draft as { bodyCode?: string | null }).bodyCode ?? null;
      const existing = uid === null ? null : requireMeeting(db, uid);
      if (existing) {
        const why = changeMeetingRefusal(actor, { kind: existing.kind, bodyCode: existing.bodyCode, ownHere: existing.origin === here });
        if (why) throw forbidden(why, 'uid');
      }
      // A kind that is none is the draft's check's to refuse (BAD_REQUEST), not a permission's.
      if (kind !== undefined && (MEETING_KINDS as readonly string[]).includes(kind)) {
        const why = createMeetingRefusal(actor, kind, body);
        if (why) throw forbidden(why, why === 'other_body' ? 'bodyCode' : 'kind');
      }
      const next = cleanDraft(db, draft);
      const at = nowIso();
      const who = actorName(actor);
      if (!existing) {
        const newOne = newUid();
        const id = Number(
          db
            .prepare(
              `INSERT INTO meeting (uid, origin, kind, body_code, period_id, date, title, place, participants, agenda, minutes, revision, created_by, created_at, updated_by, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
            )
            .run(newOne, here, next.kind, next.bodyCode, next.periodId, next.date, next.title, next.place, JSON.stringify(next.participants), next.agenda, next.minutes, who, at, who, at)
            .lastInsertRowid,
        );
        log(db, actor, 'meeting', id, 'meeting', null, { uid: newOne, ...next }, at);
        return newOne;
      }
      const before = draftOfRow(existing);
      const changed = CONTENT.filter((f) => !same(before[f], next[f]));
      if (changed.length === 0) return existing.uid;
      if (existing.revision !== baseRevision) {
        throw refusal(
          'CONFLICT',
          `이 회의는 그사이 다른 곳에서 바뀌었습니다(판 ${existing.revision}, 양식은 ${baseRevision}). 새로 불러오세요. 입력한 내용은 양식에 남아 있습니다.`,
          `This meeting was changed elsewhere (revision ${existing.revision}, the form had ${baseRevision}). Reload it; your text is kept in the form.`,
          'baseRevision',
          String(existing.revision),
        );
      }
      if (next.periodId !== before.periodId) {
        const to = periodOf(db, next.periodId);
        const withPlans = db
          .prepare(
            `SELECT count(*) FROM follow_up f JOIN meeting_decision d ON d.id = f.decision_id
             WHERE d.meeting_id = ? AND f.action_plan_id IS NOT NULL`,
          )
          .pluck()
          .get(existing.id) as number;
        if (to.planId !== existing.planId && withPlans > 0) {
          throw refusal('CONFLICT', '후속 조치가 세부과제를 가리키고 있어 다른 계획의 연도로 옮길 수 없습니다.', 'Follow-ups name action plans of this plan: the meeting cannot move to a period of another plan.', 'periodId', 'plan_changed');
        }
      }
      db.prepare(
        `UPDATE meeting SET kind = ?, body_code = ?, period_id = ?, date = ?, title = ?, place = ?, participants = ?, agenda = ?, minutes = ?,
           revision = revision + 1, updated_by = ?, updated_at = ? WHERE id = ?`,
      ).run(next.kind, next.bodyCode, next.periodId, next.date, next.title, next.place, JSON.stringify(next.participants), next.agenda, next.minutes, who, at, existing.id);
      for (const f of changed) log(db, actor, 'meeting', existing.id, f, before[f], next[f], at);
      return existing.uid;
    })
    .immediate();
  return getMeeting(db, savedUid);
}

/** The meeting a write goes to, refused (FORBIDDEN) unless this installation may change it. */
function changeable(db: Db, r: MeetingRow, actor: Installation, path: string): void {
  const why = changeMeetingRefusal(actor, { kind: r.kind, bodyCode: r.bodyCode, ownHere: r.origin === installationId(db) });
  if (why) throw forbidden(why, path);
}

/** Adds a decision to a meeting this installation may change; decisions are never changed or removed after. */
export function addDecision(db: Db, meetingUid: string, decisionText: string, actor: Installation): Meeting {
  db.transaction(() => {
    const m = requireMeeting(db, meetingUid, 'meetingUid');
    changeable(db, m, actor, 'meetingUid');
    const clean = text(decisionText, REASON_MAX, 'text', true);
    const at = nowIso();
    const uid = newUid();
    db.prepare('INSERT INTO meeting_decision (uid, origin, meeting_id, text, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      uid,
      m.origin,
      m.id,
      clean,
      actorName(actor),
      at,
    );
    log(db, actor, 'meeting', m.id, 'decision', null, { uid, text: clean }, at);
  }).immediate();
  return getMeeting(db, meetingUid);
}

/**
 * Adds a follow-up action to a decision of a meeting this installation may
 * change: an owner body (a body's own meeting: that body), an action plan of
 * the plan the meeting reviews (or none), a text and a due date. It starts open.
 */
export function addFollowUp(db: Db, decisionUid: string, input: FollowUpInput, actor: Installation): Meeting {
  const meetingUid = db
    .transaction((): string => {
      const d = db.prepare('SELECT id, meeting_id AS meetingId FROM meeting_decision WHERE uid = ?').get(decisionUid) as
        | { id: number; meetingId: number }
        | undefined;
      if (!d) throw refusal('NOT_FOUND', '그런 결정 사항이 없습니다. 회의를 새로 불러오세요.', 'There is no such decision: reload the meeting.', 'decisionUid', 'unknown_decision');
      const m = requireMeeting(db, db.prepare('SELECT uid FROM meeting WHERE id = ?').pluck().get(d.meetingId) as string, 'decisionUid');
      changeable(db, m, actor, 'decisionUid');
      const f = parsed(FollowUpInput, input);
      checkBody(db, f.ownerBody, 'ownerBody');
      if (m.kind === 'body' && f.ownerBody !== m.bodyCode) {
        throw refusal('BAD_REQUEST', `기관 자체 회의의 후속 조치는 그 기관(${m.bodyCode})이 맡습니다.`, `A follow-up of a body's own meeting is owned by that body (${m.bodyCode}).`, 'ownerBody', 'owner_not_meeting_body');
      }
      const apId = f.actionPlanCode === null ? null : actionPlanId(db, m.planId, f.actionPlanCode, 'actionPlanCode');
      const clean = text(f.text, REASON_MAX, 'text', true);
      const here = installationId(db);
      const at = nowIso();
      const who = actorName(actor);
      const uid = newUid();
      const id = Number(
        db
          .prepare(
            `INSERT INTO follow_up (uid, origin, decision_id, owner_body, action_plan_id, text, due_date, state, state_by, created_by, created_at, updated_by, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
          )
          .run(uid, m.origin, d.id, f.ownerBody, apId, clean, f.dueDate, here, who, at, who, at).lastInsertRowid,
      );
      log(db, actor, 'follow_up', id, 'follow_up', null, { uid, decisionUid, ownerBody: f.ownerBody, actionPlanCode: f.actionPlanCode, text: clean, dueDate: f.dueDate, state: 'open' }, at);
      return m.uid;
    })
    .immediate();
  return getMeeting(db, meetingUid);
}

function followUpRow(db: Db, uid: string): FollowUpRow | null {
  return (db.prepare(`${FOLLOW_UP_SELECT} WHERE f.uid = ?`).get(uid) as FollowUpRow | undefined) ?? null;
}

/** A follow-up's state as the history and the workbook carry it. */
interface StateValue {
  state: FollowUpState;
  closingNote: string | null;
  closedAt: string | null;
}

function writeState(db: Db, id: number, v: StateValue, by: string, who: string, at: string): void {
  db.prepare('UPDATE follow_up SET state = ?, closing_note = ?, closed_at = ?, state_by = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(
    v.state,
    v.closingNote,
    v.closedAt,
    by,
    who,
    at,
    id,
  );
}

/**
 * Moves a follow-up on (open, in progress, closed), by its owner body's
 * installation or MOGEF's (FORBIDDEN otherwise). Closing needs a closing
 * note; a note goes only with closing; a closed follow-up can be reopened
 * (its note and closing time are cleared; the history keeps them). Setting
 * what is already set changes nothing.
 */
export function setFollowUpState(db: Db, uid: string, state: FollowUpState, closingNote: string | null, actor: Installation): FollowUp {
  db.transaction(() => {
    const f = followUpRow(db, uid);
    if (!f) throw refusal('NOT_FOUND', '그런 후속 조치가 없습니다. 목록을 새로 고치세요.', 'There is no such follow-up: reload the list.', 'uid', 'unknown_follow_up');
    if (!canSetFollowUp(actor, f)) {
      throw refusal(
        'FORBIDDEN',
        `이 후속 조치는 담당 기관(${f.ownerBody})이나 여성가족부만 진행 상태를 바꿀 수 있습니다.`,
        `Only the owner body (${f.ownerBody}) or MOGEF can move this follow-up on.`,
        'uid',
        'not_owner',
      );
    }
    const s = parsed(FollowUpState, state, 'state');
    const problem = followUpStateProblem(s, closingNote);
    if (problem === 'closing_note_required') {
      throw refusal('BAD_REQUEST', '종결하려면 종결 의견을 입력하세요.', 'Closing a follow-up needs a closing note: say what was done.', 'closingNote', problem);
    }
    if (problem) throw refusal('BAD_REQUEST', '종결 의견은 종결할 때만 입력합니다.', 'A closing note goes only with closing the follow-up.', 'closingNote', problem);
    const note = s === 'closed' ? text(closingNote, CLOSING_NOTE_MAX, 'closingNote', true) : null;
    const before: StateValue = { state: f.state, closingNote: f.closingNote, closedAt: f.closedAt };
    if (before.state === s && before.closingNote === note) return;
    const at = nowIso();
    const after: StateValue = { state: s, closingNote: note, closedAt: s === 'closed' ? (before.state === 'closed' ? before.closedAt : at) : null };
    writeState(db, f.id, after, installationId(db), actorName(actor), at);
    log(db, actor, 'follow_up', f.id, 'state', before, after, at);
  }).immediate();
  return followUpOf(followUpRow(db, uid)!);
}

// ---------------------------------------------------------------- the exchange

type PayloadMeeting = MeetingsPayload['meetings'][number];

function payloadMeetingOf(db: Db, r: MeetingRow, keep: (d: Decision) => Decision | null): PayloadMeeting {
  const m = meetingOf(db, r);
  const decisions = m.decisions.map(keep).filter((d): d is Decision => d !== null);
  return {
    uid: m.uid,
    kind: m.kind,
    bodyCode: m.bodyCode,
    periodId: m.periodId,
    year: m.year,
    date: m.date,
    title: m.title,
    place: m.place,
    participants: m.participants,
    agenda: m.agenda,
    minutes: m.minutes,
    revision: m.revision,
    origin: m.origin,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    decisions,
    planCode: r.planCode,
  };
}

/**
 * The meetings a workbook carries (the exchange puts the payload into the
 * workbook's metadata), for the plan of periodId, reviewing that year or
 * before (open follow-ups of earlier meetings stay in reach):
 * - report (a body's report workbook): the body's own meetings made here,
 *   whole, and the states of follow-ups of meetings made elsewhere that the
 *   body moved here;
 * - request (MOGEF's request workbook for bodyCode): MOGEF's meetings made
 *   here that concern the body: every inter-ministerial meeting whole, and of
 *   the other meetings the decisions with follow-ups the body owns (only
 *   those follow-ups); and the states MOGEF moved here of follow-ups the body
 *   owns in meetings made elsewhere (the body's own).
 */
export function exportMeetings(db: Db, { bodyCode, periodId, direction }: { bodyCode: string; periodId: number; direction: 'request' | 'report' }): MeetingsPayload {
  const p = periodOf(db, periodId);
  const here = installationId(db);
  const rows = db
    .prepare(`${MEETING_SELECT} WHERE m.origin = ? AND rp.plan_id = ? AND rp.year <= ? ORDER BY m.date, m.id`)
    .all(here, p.planId, p.year) as MeetingRow[];
  const meetings: PayloadMeeting[] = [];
  for (const r of rows) {
    if (direction === 'report') {
      if (r.kind === 'body' && r.bodyCode === bodyCode) meetings.push(payloadMeetingOf(db, r, (d) => d));
    } else if (r.kind === 'inter_ministerial') {
      meetings.push(payloadMeetingOf(db, r, (d) => d));
    } else if (r.kind === 'civic_panel') {
      const m = payloadMeetingOf(db, r, (d) => {
        const own = d.followUps.filter((f) => f.ownerBody === bodyCode);
        return own.length > 0 ? { ...d, followUps: own } : null;
      });
      if (m.decisions.length > 0) meetings.push(m);
    }
  }
  const states = db
    .prepare(`${FOLLOW_UP_SELECT} WHERE f.state_by = ? AND m.origin <> ? AND f.owner_body = ? ORDER BY f.id`)
    .all(here, here, bodyCode) as FollowUpRow[];
  return MeetingsPayload.parse({
    meetings,
    followUpStates: states.map((f) => ({ uid: f.uid, state: f.state, closingNote: f.closingNote, closedAt: f.closedAt, updatedAt: f.updatedAt })),
  });
}

/** A text of a payload as it is stored here (cleaned; '' when empty), or null when it cannot be (too long, half a pair, required and empty). */
function fit(raw: string | null, max: number, required = false): string | null {
  if (raw === null) return required ? null : '';
  return textProblem(raw, max, required) === null ? (cleanText(raw) ?? '') : null;
}

/** A time as NAP Monitor writes it (ISO 8601 in UTC): a payload's other times are not compared with ours. */
function isTime(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(text) && isIsoDate(text.slice(0, 10));
}

/** Who sent a payload: the installation that wrote the workbook, its role and body (and its user's name, for the history). */
export interface PayloadSender {
  installationId: string;
  role: 'body' | 'coordinator';
  bodyCode: string | null;
  userName?: string;
}

export interface ImportCounts {
  added: number;
  changed: number;
  ignored: number;
}

/**
 * Brings a payload from another installation in, matching rows by uid, in
 * the caller's transaction (a savepoint of it):
 * - a new meeting is added with its origin, decisions and follow-ups if the
 *   sender made it and the sender's role may record its kind (a body only
 *   its own meetings, MOGEF its inter-ministerial and panel meetings);
 * - a known meeting's fields change only from its origin installation, when
 *   its revision is newer; its new decisions and follow-ups are added;
 * - a follow-up's state changes from its owner body or MOGEF, when its
 *   updatedAt is newer than the one here;
 * - whatever else differs (the sender does not own it, an older state, a
 *   period, body or action plan unknown here) is left as it is here and
 *   counted as ignored. Rows that are the same here count nowhere.
 * The history names the sender's installation as the actor's.
 */
export function importMeetings(db: Db, payload: MeetingsPayload, from: PayloadSender): ImportCounts {
  const data = parsed(MeetingsPayload, payload);
  const here = installationId(db);
  const sender: MeetingActor | null =
    from.role === 'coordinator' ? { role: 'coordinator' } : from.bodyCode !== null ? { role: 'body', bodyCode: from.bodyCode } : null;
  const userName = from.userName ?? '가져오기 / import';
  const actor: Actor =
    from.role === 'coordinator'
      ? { role: 'coordinator', userName, installationId: from.installationId }
      : { role: 'body', bodyCode: from.bodyCode ?? '?', userName, installationId: from.installationId };
  const who = actorName(actor);
  const counts: ImportCounts = { added: 0, changed: 0, ignored: 0 };
  const bodies = new Set(db.prepare('SELECT code FROM implementing_body').pluck().all() as string[]);
  const fromHere = from.installationId === here;

  /** A follow-up's state from the sender, applied if the sender may move it and it is newer. */
  const takeState = (local: FollowUpRow, s: StateValue & { updatedAt: string }) => {
    if (same([local.state, local.closingNote, local.closedAt], [s.state, s.closingNote, s.closedAt])) return;
    const clean = s.state === 'closed' ? fit(s.closingNote, CLOSING_NOTE_MAX, true) : null;
    const times = isTime(s.updatedAt) && (s.closedAt === null || isTime(s.closedAt));
    if (fromHere || !times || !canSetFollowUp(sender, local) || s.updatedAt <= local.updatedAt || followUpStateProblem(s.state, clean) !== null) {
      counts.ignored++;
      return;
    }
    const after: StateValue = { state: s.state, closingNote: clean, closedAt: s.state === 'closed' ? (s.closedAt ?? s.updatedAt) : null };
    writeState(db, local.id, after, from.installationId, who, s.updatedAt);
    log(db, actor, 'follow_up', local.id, 'state', { state: local.state, closingNote: local.closingNote, closedAt: local.closedAt }, after, nowIso());
    counts.changed++;
  };

  /** A draft of the payload's meeting as it would be stored here, or null if something in it is unknown here or cannot be stored. */
  const storable = (m: PayloadMeeting): CleanDraft | null => {
    const periodId = db
      .prepare('SELECT rp.id FROM reporting_period rp JOIN plan p ON p.id = rp.plan_id WHERE p.code = ? AND rp.year = ?')
      .pluck()
      .get(m.planCode, m.year) as number | undefined;
    if (periodId === undefined || m.revision < 1 || !isIsoDate(m.date) || !isTime(m.createdAt) || !isTime(m.updatedAt)) return null;
    if ((m.kind === 'body') !== (m.bodyCode !== null) || (m.bodyCode !== null && !bodies.has(m.bodyCode)) || m.participants.length > 300) return null;
    const participants: Participant[] = [];
    for (const p of m.participants) {
      if ((p.kind === 'body') !== (p.bodyCode !== null) || (p.bodyCode !== null && !bodies.has(p.bodyCode))) return null;
      const [name, affiliation, role] = [fit(p.name, 200, p.kind !== 'body'), fit(p.affiliation, 200), fit(p.role, 200)];
      if (name === null || affiliation === null || role === null) return null;
      participants.push({ kind: p.kind, bodyCode: p.bodyCode, name, affiliation, role });
    }
    const [title, place, agenda, minutes] = [fit(m.title, 300, true), fit(m.place, 300), fit(m.agenda, LONG_TEXT_MAX), fit(m.minutes, LONG_TEXT_MAX)];
    if (title === null || place === null || agenda === null || minutes === null) return null;
    return { kind: m.kind, bodyCode: m.bodyCode, periodId, date: m.date, title, place, participants, agenda, minutes };
  };

  /** Adds the decisions and follow-ups of the payload's meeting that are new here; updates the states of those known. */
  const children = (m: PayloadMeeting, local: MeetingRow, owned: boolean) => {
    for (const d of m.decisions) {
      const knownDecision = db.prepare('SELECT id, meeting_id AS meetingId FROM meeting_decision WHERE uid = ?').get(d.uid) as { id: number; meetingId: number } | undefined;
      if (knownDecision && knownDecision.meetingId !== local.id) {
        // A uid of another meeting's decision: not this meeting's to bring.
        counts.ignored += 1 + d.followUps.length;
        continue;
      }
      let decisionId = knownDecision?.id;
      if (decisionId === undefined) {
        const clean = fit(d.text, REASON_MAX, true);
        if (!owned || clean === null || !isTime(d.createdAt)) {
          counts.ignored += 1 + d.followUps.length;
          continue;
        }
        decisionId = Number(
          db
            .prepare('INSERT INTO meeting_decision (uid, origin, meeting_id, text, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
            .run(d.uid, local.origin, local.id, clean, who, d.createdAt).lastInsertRowid,
        );
        log(db, actor, 'meeting', local.id, 'decision', null, { uid: d.uid, text: clean }, nowIso());
        counts.added++;
      }
      for (const f of d.followUps) {
        const known = followUpRow(db, f.uid);
        if (known) {
          takeState(known, f);
          continue;
        }
        const clean = fit(f.text, REASON_MAX, true);
        const apId =
          f.actionPlanCode === null ? null : ((db.prepare('SELECT id FROM action_plan WHERE plan_id = ? AND code = ?').pluck().get(local.planId, f.actionPlanCode) as number | undefined) ?? -1);
        const note = f.state === 'closed' ? fit(f.closingNote, CLOSING_NOTE_MAX, true) : null;
        const owner = bodies.has(f.ownerBody) && (local.kind !== 'body' || f.ownerBody === local.bodyCode);
        const dates = (f.dueDate === null || isIsoDate(f.dueDate)) && isTime(f.updatedAt) && (f.closedAt === null || isTime(f.closedAt));
        if (!owned || clean === null || apId === -1 || !owner || !dates || followUpStateProblem(f.state, note) !== null) {
          counts.ignored++;
          continue;
        }
        const id = Number(
          db
            .prepare(
              `INSERT INTO follow_up (uid, origin, decision_id, owner_body, action_plan_id, text, due_date, state, closing_note, closed_at, state_by, created_by, created_at, updated_by, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(f.uid, local.origin, decisionId, f.ownerBody, apId, clean, f.dueDate, f.state, note, f.state === 'closed' ? (f.closedAt ?? f.updatedAt) : null, from.installationId, who, d.createdAt, who, f.updatedAt)
            .lastInsertRowid,
        );
        log(db, actor, 'follow_up', id, 'follow_up', null, { uid: f.uid, decisionUid: d.uid, ownerBody: f.ownerBody, actionPlanCode: f.actionPlanCode, text: clean, dueDate: f.dueDate, state: f.state }, nowIso());
        counts.added++;
      }
    }
  };

  db.transaction(() => {
    for (const m of data.meetings) {
      const local = meetingRow(db, m.uid);
      const fromOrigin = !fromHere && m.origin === from.installationId;
      if (!local) {
        const draft = storable(m);
        if (!fromOrigin || draft === null || createMeetingRefusal(sender, m.kind, m.bodyCode) !== null) {
          counts.ignored++;
          continue;
        }
        const id = Number(
          db
            .prepare(
              `INSERT INTO meeting (uid, origin, kind, body_code, period_id, date, title, place, participants, agenda, minutes, revision, created_by, created_at, updated_by, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(m.uid, m.origin, draft.kind, draft.bodyCode, draft.periodId, draft.date, draft.title, draft.place, JSON.stringify(draft.participants), draft.agenda, draft.minutes, m.revision, who, m.createdAt, who, m.updatedAt)
            .lastInsertRowid,
        );
        log(db, actor, 'meeting', id, 'meeting', null, { uid: m.uid, ...draft }, nowIso());
        counts.added++;
        children(m, meetingRow(db, m.uid)!, true);
        continue;
      }
      // Only the meeting's origin installation changes it (never a copy of one made here).
      const owned = fromOrigin && local.origin === m.origin && local.origin !== here;
      if (m.revision !== local.revision) {
        const draft = owned && m.revision > local.revision ? storable(m) : null;
        if (draft === null || createMeetingRefusal(sender, draft.kind, draft.bodyCode) !== null) counts.ignored++;
        else {
          const before = draftOfRow(local);
          db.prepare(
            `UPDATE meeting SET kind = ?, body_code = ?, period_id = ?, date = ?, title = ?, place = ?, participants = ?, agenda = ?, minutes = ?,
               revision = ?, updated_by = ?, updated_at = ? WHERE id = ?`,
          ).run(draft.kind, draft.bodyCode, draft.periodId, draft.date, draft.title, draft.place, JSON.stringify(draft.participants), draft.agenda, draft.minutes, m.revision, who, m.updatedAt, local.id);
          const at = nowIso();
          for (const f of CONTENT) if (!same(before[f], draft[f])) log(db, actor, 'meeting', local.id, f, before[f], draft[f], at);
          counts.changed++;
        }
      }
      children(m, meetingRow(db, m.uid)!, owned);
    }
    for (const s of data.followUpStates) {
      const local = followUpRow(db, s.uid);
      if (!local) counts.ignored++;
      else takeState(local, s);
    }
  })();
  return counts;
}
