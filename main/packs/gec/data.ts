/**
 * The annual results report to the Gender Equality Committee (action plan
 * 11.2.1) for one reporting period, as data: results by area and objective,
 * by body, indicators against their targets, budget allocated and executed,
 * the civic advisory panel's comments and the period's meeting decisions.
 *
 * Read through db/'s own readers only, so that no rule has a second copy
 * here: the consolidated level of each action plan (derived, override,
 * effective) from db/matrix.ts bodyMatrix, the level counts by area and the
 * indicators' actual values (sum, mean or share of "yes") from db/matrix.ts
 * dashboard, each entry through db/entries.ts getEntry, the panel's comments
 * through db/review.ts listPanelComments. The HTML (html.ts), the .docx
 * (docx.ts) and the workbook (xlsx.ts) are pure functions of this.
 */
import type { Db } from '../../../db/connection';
import { getPlanOutline } from '../../../db/plan';
import { bodyMatrix, dashboard } from '../../../db/matrix';
import { getEntry } from '../../../db/entries';
import { listReportStates } from '../../../db/reports';
import { listPanelComments } from '../../../db/review';
import { getMeeting, listMeetings } from '../../../db/meetings';
import { getInstallation } from '../../../db/installation';
import type { Language } from '../../../contract/domain';
import type { CompletionLevel, IndicatorKind, Installation, ReportStatus } from '../../../contract/progress';
import type { FollowUpState, MeetingKind } from '../../../contract/meetings';
import { COMPLETION_LEVELS } from '../../../contract/rules';
import { DomainError } from '../../../contract/result';
import { isBehindTarget } from '../data';

/** A level, or "none" when no body reported one. */
export type LevelKey = CompletionLevel | 'none';
export const LEVEL_KEYS: readonly LevelKey[] = [...COMPLETION_LEVELS, 'none'];
export type LevelCounts = Record<LevelKey, number>;

/** Budget of a set of entries: sums in won, and the execution rate in percent (null when nothing was allocated). */
export interface Budget {
  allocated: number;
  executed: number;
  /** Entries that reported a budget. */
  entries: number;
  rate: number | null;
}

export interface GecActionPlan {
  code: string;
  text: string;
  /** The consolidated level in effect (MOGEF's override, else the derived one). */
  level: CompletionLevel | null;
  derived: CompletionLevel | null;
  override: { level: CompletionLevel; reason: string } | null;
  bodies: { code: string; level: CompletionLevel | null; delayed: boolean; achievements: string | null; difficulties: string | null }[];
  budget: Budget;
}

export interface GecObjective {
  number: number;
  text: string;
  counts: LevelCounts;
  budget: Budget;
  actionPlans: GecActionPlan[];
}

export interface GecArea {
  seq: number;
  name: string;
  counts: LevelCounts;
  budget: Budget;
  objectives: GecObjective[];
}

export interface GecBody {
  code: string;
  name: string;
  status: ReportStatus;
  /** Action plans the body carries. */
  assignments: number;
  counts: LevelCounts;
  delayed: number;
  budget: Budget;
}

export interface GecIndicator {
  actionPlanCode: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  baseline: number | null;
  target: number | null;
  /** db/matrix.ts dashboard: sum for numbers, mean for percentages, share of "yes" (percent) for yes/no. */
  actual: number | null;
  reported: number;
  /** The actual value is not behind the target (null: no target or no value). */
  met: boolean | null;
  values: { bodyCode: string; value: number | null }[];
}

export interface GecPanelComment {
  actionPlanCode: string;
  actionPlanText: string;
  text: string;
}

export interface GecMeeting {
  kind: MeetingKind;
  title: string;
  date: string;
  place: string;
  decisions: {
    text: string;
    followUps: { ownerBody: string; actionPlanCode: string | null; text: string; dueDate: string | null; state: FollowUpState; closingNote: string | null }[];
  }[];
}

export interface GecReportData {
  language: Language;
  plan: { code: string; title: string; startYear: number; endYear: number };
  periodId: number;
  year: number;
  totals: { actionPlans: number; counts: LevelCounts; entries: number; delayed: number; budget: Budget };
  areas: GecArea[];
  bodies: GecBody[];
  indicators: GecIndicator[];
  panelComments: GecPanelComment[];
  meetings: GecMeeting[];
}

export function emptyCounts(): LevelCounts {
  return Object.fromEntries(LEVEL_KEYS.map((k) => [k, 0])) as LevelCounts;
}

function emptyBudget(): Budget {
  return { allocated: 0, executed: 0, entries: 0, rate: null };
}

/** Adds an entry's budget (either amount may be missing: a missing one counts as 0 there). */
function addBudget(b: Budget, allocated: number | null, executed: number | null): void {
  if (allocated === null && executed === null) return;
  b.allocated += allocated ?? 0;
  b.executed += executed ?? 0;
  b.entries += 1;
  b.rate = b.allocated > 0 ? (b.executed / b.allocated) * 100 : null;
}

function mergeBudget(into: Budget, from: Budget): void {
  into.allocated += from.allocated;
  into.executed += from.executed;
  into.entries += from.entries;
  into.rate = into.allocated > 0 ? (into.executed / into.allocated) * 100 : null;
}

/** Whether an indicator reached its target: not behind it (contract/rules.ts isBehindTarget, through the packs' data), null when either is unknown. */
export function targetMet(indicator: { kind: IndicatorKind; target: number | null; actual: number | null }): boolean | null {
  if (indicator.actual === null || indicator.target === null) return null;
  return !isBehindTarget(indicator);
}

/**
 * Gathers the report's data for a period of the installation's database, in
 * the language asked (texts without a Korean version are given in English).
 * Throws NOT_FOUND for an unknown period.
 */
export function gecReportData(db: Db, periodId: number, language: Language): GecReportData {
  const planId = db.prepare('SELECT plan_id FROM reporting_period WHERE id = ?').pluck().get(periodId) as number | undefined;
  if (planId === undefined) {
    throw new DomainError('NOT_FOUND', `보고 기간 ${periodId}이(가) 없습니다. 기간을 다시 고르십시오. / There is no reporting period ${periodId}. Choose the period again.`, [
      { path: 'periodId' },
    ]);
  }
  const ko = language === 'ko';
  const text = (t: { textEn: string; textKo: string | null }) => (ko ? (t.textKo ?? t.textEn) : t.textEn);
  const outline = getPlanOutline(db, planId);
  const period = outline.periods.find((p) => p.id === periodId)!;
  // Reading needs an actor only for the entries' "editable" flag, which the report does not show.
  const reader: Installation = getInstallation(db) ?? { role: 'coordinator', userName: 'report' };
  const matrix = new Map(bodyMatrix(db, periodId).rows.map((r) => [r.actionPlanId, r]));
  const dash = dashboard(db, periodId);
  const statuses = new Map(listReportStates(db, planId, periodId).map((s) => [s.bodyCode, s.status]));

  const bodies = new Map<string, GecBody>(
    outline.bodies.map((b) => [
      b.code,
      { code: b.code, name: ko ? b.nameKo : b.nameEn, status: statuses.get(b.code) ?? 'draft', assignments: 0, counts: emptyCounts(), delayed: 0, budget: emptyBudget() },
    ]),
  );
  const totals = { actionPlans: 0, counts: emptyCounts(), entries: 0, delayed: 0, budget: emptyBudget() };
  const indicatorValues = new Map<number, { bodyCode: string; value: number | null }[]>();
  const panelComments: GecPanelComment[] = [];

  const areas: GecArea[] = outline.areas.map((area) => {
    const areaCounts = dash.byArea.find((a) => a.areaSeq === area.seq)?.counts;
    const objectives: GecObjective[] = area.objectives.map((objective) => {
      const counts = emptyCounts();
      const budget = emptyBudget();
      const actionPlans: GecActionPlan[] = objective.strategies.flatMap((s) =>
        s.actionPlans.map((ap) => {
          const row = matrix.get(ap.id);
          const level = row?.consolidated.effective ?? null;
          counts[level ?? 'none'] += 1;
          totals.counts[level ?? 'none'] += 1;
          totals.actionPlans += 1;
          const apBudget = emptyBudget();
          const apBodies = ap.bodyCodes.map((code) => {
            const entry = getEntry(db, { actionPlanId: ap.id, bodyCode: code, periodId }, reader);
            const body = bodies.get(code);
            if (body) {
              body.assignments += 1;
              body.counts[entry.completion ?? 'none'] += 1;
              if (entry.delayed === true) body.delayed += 1;
              addBudget(body.budget, entry.budgetAllocated, entry.budgetExecuted);
            }
            if (entry.id !== null) totals.entries += 1;
            if (entry.delayed === true) totals.delayed += 1;
            addBudget(apBudget, entry.budgetAllocated, entry.budgetExecuted);
            for (const i of entry.indicators) {
              const list = indicatorValues.get(i.indicatorId) ?? [];
              list.push({ bodyCode: code, value: i.value });
              indicatorValues.set(i.indicatorId, list);
            }
            return { code, level: entry.completion, delayed: entry.delayed === true, achievements: entry.achievements, difficulties: entry.difficulties };
          });
          mergeBudget(budget, apBudget);
          for (const c of listPanelComments(db, ap.id, periodId)) panelComments.push({ actionPlanCode: ap.code, actionPlanText: text(ap), text: c.text });
          const over = row?.consolidated.override ?? null;
          return {
            code: ap.code,
            text: text(ap),
            level,
            derived: row?.consolidated.derived ?? null,
            override: over ? { level: over.completion, reason: over.reason } : null,
            bodies: apBodies,
            budget: apBudget,
          };
        }),
      );
      return { number: objective.number, text: text(objective), counts, budget, actionPlans };
    });
    const budget = emptyBudget();
    for (const o of objectives) mergeBudget(budget, o.budget);
    return { seq: area.seq, name: ko ? area.nameKo : area.nameEn, counts: { ...emptyCounts(), ...areaCounts }, budget, objectives };
  });
  for (const b of bodies.values()) mergeBudget(totals.budget, b.budget);

  const indicators: GecIndicator[] = dash.indicators.map((i) => ({
    actionPlanCode: i.actionPlanCode,
    name: ko ? i.nameKo : i.nameEn,
    unit: i.unit,
    kind: i.kind,
    baseline: i.baseline,
    target: i.target,
    actual: i.actual,
    reported: i.reported,
    met: targetMet(i),
    values: indicatorValues.get(i.indicatorId) ?? [],
  }));

  const meetings: GecMeeting[] = listMeetings(db, { periodId })
    .filter((m) => m.kind === 'inter_ministerial' || m.kind === 'civic_panel')
    .map((summary) => {
      const m = getMeeting(db, summary.uid);
      return {
        kind: m.kind,
        title: m.title,
        date: m.date,
        place: m.place,
        decisions: m.decisions.map((d) => ({
          text: d.text,
          followUps: d.followUps.map((f) => ({
            ownerBody: f.ownerBody,
            actionPlanCode: f.actionPlanCode,
            text: f.text,
            dueDate: f.dueDate,
            state: f.state,
            closingNote: f.closingNote,
          })),
        })),
      };
    });

  return {
    language,
    plan: { code: outline.plan.code, title: ko ? outline.plan.titleKo : outline.plan.titleEn, startYear: outline.plan.startYear, endYear: outline.plan.endYear },
    periodId,
    year: period.year,
    totals,
    areas,
    bodies: [...bodies.values()],
    indicators,
    panelComments,
    meetings,
  };
}
