/**
 * The demo dataset: MOGEF's coordinator installation with three years
 * (2021–2023) of the third plan, as it stands after three rounds of
 * reporting. Every body's entries, indicator values and evidence, MOGEF's
 * indicators, comments and overrides, the civic advisory panel's comments and
 * the reports' workflow are written through the same db/ functions the
 * handlers call (as tests/e2e/support/filled-year.ts does: a body's rows are
 * written with the body as actor, which is what an import of its report
 * workbook leaves in MOGEF's database). Deterministic: one seeded PRNG
 * (bench/generate.ts mulberry32), so two builds hold the same content (uids
 * and timestamps aside, which db/ makes itself).
 *
 * The packs' and the GEC report's tests, the samples (scripts/samples.ts) and
 * the benchmark build from it.
 */
import { closeDatabase, openDatabase, type Db } from '../../db/connection';
import { loadPlanDocument } from '../../db/seed';
import { initializeInstallation } from '../../db/installation';
import { saveEntry } from '../../db/entries';
import { addEvidence, defineIndicator, setIndicatorValue } from '../../db/indicators';
import { submitReport, transitionReport } from '../../db/reports';
import { addEntryComment, addPanelComment, setOverride } from '../../db/review';
import { addDecision, addFollowUp, saveMeeting, setFollowUpState } from '../../db/meetings';
import { mulberry32 } from '../../bench/generate';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import type { CompletionLevel, EntryPatch, IndicatorKind, Installation } from '../../contract/progress';
import type { FollowUpInput, FollowUpState, ParticipantInput } from '../../contract/meetings';

export const DEMO_YEARS = [2021, 2022, 2023] as const;
export type DemoYear = (typeof DEMO_YEARS)[number];

/** MOGEF's installation in the demo. */
export const DEMO_MOGEF: Installation = { role: 'coordinator', userName: '박지현' };

/** What the demo holds, for the tests that read it. */
export interface DemoInfo {
  file: string;
  planId: number;
  /** Period id by year. */
  period: Record<DemoYear, number>;
  /** Entries written, by year. */
  entries: Record<DemoYear, number>;
  /** Report status of each body, by year, as left at the end. */
  reports: Record<DemoYear, Record<string, string>>;
  /** The meetings recorded (uid, year), when db/meetings.ts exists. */
  meetings: { uid: string; year: number }[];
}

/** The focal point of each body (who types its entries). */
const FOCAL_POINTS: Record<string, string> = {
  MOGEF: '박지현',
  MOE: '정수민',
  MOFA: '김하늘',
  MOU: '이서연',
  MOJ: '최민준',
  MND: '강도윤',
  MOIS: '윤지우',
  KNPA: '한예린',
  KOICA: '오세영',
  NUAC: '서지호',
};

/** What each action plan is about, in Korean, as a focal point writes it. */
const TOPIC: Record<string, string> = {
  '1.1.1': '국방·외교·안보·통일·치안 분야 공무원 대상 성인지 교육',
  '1.1.2': '유엔 평화유지활동(PKO) 파견 인력과 KOICA 직원 대상 성인지 교육',
  '1.1.3': '성인지 교육 과정에 여성·평화·안보 내용 반영 및 교재 보급',
  '1.2.1': '군 성폭력 예방 계획 수립·점검 및 예방 교육',
  '2.1.1': '국방·외교·통일 분야 성별영향평가 및 성인지 예산 확대',
  '2.1.2': '외교·통일 분야 기본계획 수립 시 성 관점 반영',
  '2.2.1': '재난관리 정책(코로나19 대응 등)에 대한 특정성별영향평가',
  '2.2.2': '국가 비상대비 계획에 분쟁 시 여성 보호 내용 반영',
  '3.1.1': '여성·평화·안보 국제 논의 참여 및 협력 증진',
  '3.1.2': '여성·평화·안보 국제회의 개최 등 공공외교 확대',
  '3.1.3': '인신매매 방지 종합법 제정 추진 및 국제 공조 강화',
  '3.1.4': '아시아 지역 여성·평화·안보 의제 확산을 위한 국제협력',
  '3.2.1': '여성·평화·안보 포컬포인트 네트워크 등 유엔 논의 참여',
  '3.2.2': '유엔 여성·평화·안보 이니셔티브 재정 지원',
  '3.3.1': '여성·평화·안보 분야 남북 협력 방안 모색 및 교류 추진',
  '4.1.1': '초·중등 교육과정 및 교원 연수의 여성·평화·안보 교육 지원',
  '4.2.1': '여성·평화·안보 대국민 인식 개선 캠페인',
  '4.2.2': '여성·평화·안보 기록물 관리 및 아카이브 구축',
  '4.2.3': '여성·평화·안보와 평화통일에 관한 사회적 대화',
  '5.1.1': '국방·외교·통일·치안 분야 고위직 및 위원회 여성 비율 확대',
  '5.1.2': '군·경찰 여성 인력 비율 확대',
  '5.1.3': '남북회담 등 정부 대표단의 여성 대표성 제고',
  '5.1.4': '여성·평화·안보 관련 외교 활동 지원',
  '5.2.1': 'PKO 및 국제개발협력 사업의 여성 참여 확대',
  '5.2.2': '외교·남북교류·평화 프로그램의 여성 참여 확대',
  '5.2.3': '국제기구 여성 진출 지원',
  '6.1.1': '국가행동계획 수립·이행 과정의 시민사회 협의 체계 운영',
  '6.1.2': '민간 부문의 여성·평화·안보 활동 지원',
  '6.2.1': '지방자치단체와 지역사회로 여성·평화·안보 의제 확산',
  '7.1.1': '군 성폭력 예방 전담 조직·인력·전문성 확충',
  '7.1.2': '군 성폭력 피해자 보호 제도 개선',
  '7.2.1': '분쟁 피해 지역 젠더기반폭력 피해자 지원',
  '7.3.1': '기지촌 등 유흥업소 종사 여성 인권 침해 점검',
  '8.1.1': '북한이탈여성 폭력 피해 예방 및 지원',
  '8.1.2': '북한이탈여성 자립 지원',
  '8.1.3': '북한이탈여성 인권 보호 조치',
  '8.2.1': '난민 여성 폭력 예방 및 지원',
  '8.2.2': '난민 여성 자립 지원',
  '9.1.1': '일본군 \u2018위안부\u2019 피해자 생활 안정 지원',
  '9.2.1': '일본군 \u2018위안부\u2019 피해자 명예 회복 기념사업 확대',
  '9.2.2': '일본군 \u2018위안부\u2019 피해자 명예 회복을 위한 국제협력',
  '10.1.1': '국제개발협력 전 단계의 성 관점 반영',
  '10.1.2': '국내외 시민사회와의 협력 및 지원 강화',
  '10.2.1': '분쟁 지역 여성 역량 강화 개발협력 사업 확대',
  '10.2.2': '분쟁 피해 지역 구호·회복 개발협력 사업',
  '10.2.3': '초청 연수 등 연수 프로그램의 여성 참여 확대',
  '11.1.1': '부처 합동 및 기관별 연례 이행점검 회의 개최',
  '11.1.2': '시민자문단 운영 및 이행점검 참여 보장',
  '11.2.1': '국가행동계획 이행 결과 양성평등위원회 보고',
  '11.2.2': '국가행동계획 이행 예산 확보',
};

const ACTIVITIES = ['교육', '워크숍', '간담회', '세미나', '협의회', '현장 점검', '전문가 자문회의', '홍보 행사'];
const RESULTS = [
  '참여자 만족도 조사 결과 평균 4.3점(5점 만점)으로 나타났다.',
  '교육 자료를 개정하여 관계 기관에 배포하였다.',
  '관계 부처와 협력 체계를 정례화하였다.',
  '우수 사례를 발굴하여 누리집에 공개하였다.',
  '시민사회 단체의 의견을 반영하여 세부 계획을 보완하였다.',
  '성과 지표를 점검하고 다음 연도 목표를 조정하였다.',
];
const DIFFICULTIES = [
  '코로나19로 대면 행사가 축소되어 비대면으로 전환하였다.',
  '담당 인력 교체로 업무 인수인계에 시간이 소요되었다.',
  '관계 기관 간 일정 조율이 어려워 일부 일정이 연기되었다.',
  '예산이 당초 계획보다 적게 편성되어 사업 규모를 조정하였다.',
  '현지 치안 상황 악화로 파견 일정이 변경되었다.',
];
const NEXT_STEPS = [
  '대상 기관을 확대하고 교육 과정을 정례화할 계획이다.',
  '성과 분석 결과를 반영하여 다음 연도 사업 계획을 수립한다.',
  '시민자문단과 협력하여 점검 체계를 보완한다.',
  '관계 부처 협의를 거쳐 제도 개선 방안을 마련한다.',
  '예산을 추가 확보하여 사업 규모를 확대한다.',
];
const DELAY_REASONS = [
  '예산 확보가 늦어져 하반기로 연기되었다.',
  '관계 법령 개정 절차가 지연되었다.',
  '현지 사정으로 사업 착수가 지연되었다.',
];
const EVIDENCE_KINDS = ['결과 보고서', '교육 실적 자료', '회의 결과 보고', '보도자료', '사업 계획서'];
const MOGEF_COMMENTS = [
  '성과 지표의 산출 근거를 보완해 주시기 바랍니다.',
  '집행률이 낮은 사유를 구체적으로 기재해 주시기 바랍니다.',
  '교육 참여 인원을 성별로 구분하여 제시해 주십시오.',
  '증빙 자료(결과 보고서)를 추가로 첨부해 주시기 바랍니다.',
  '다음 연도 추진 계획을 구체적인 일정과 함께 기재해 주십시오.',
];
const PANEL_COMMENTS = [
  '교육 대상이 일부 부처에 한정되어 있어 전 부처로 확대할 필요가 있음.',
  '양적 성과 외에 교육 효과에 대한 질적 평가가 필요함.',
  '시민사회의 참여를 형식적 자문에 그치지 않고 이행 과정 전반으로 넓혀야 함.',
  '여성 고위직 비율 목표를 상향하고 연차별 이행 계획을 제시할 필요가 있음.',
  '피해자 지원 사업의 예산 집행 실적이 저조하여 원인 분석이 필요함.',
  '분쟁 지역 사업에서 현지 여성단체와의 협력을 강화하기를 권고함.',
  '성과 지표가 투입 중심으로 설정되어 있어 결과 지표를 보완해야 함.',
  '지방자치단체와의 협력 사례를 발굴하여 지역 단위 확산 방안을 제시할 필요가 있음.',
  '북한이탈여성 지원 사업의 성과를 당사자 의견 조사로 점검하기를 권고함.',
];

/** Indicators MOGEF defines: action plan, names, unit, kind, baseline and the targets of 2021–2023. */
const INDICATORS: { code: string; nameKo: string; nameEn: string; unit: string; kind: IndicatorKind; baseline: number; targets: [number, number, number] }[] = [
  { code: '1.1.1', nameKo: '성인지 교육 이수 공무원 수', nameEn: 'Officials who completed gender-sensitive education', unit: '명', kind: 'number', baseline: 1200, targets: [1500, 1800, 2100] },
  { code: '1.1.2', nameKo: 'PKO 파견 전 성인지 교육 이수율', nameEn: 'Share of PKO personnel trained before deployment', unit: '%', kind: 'percent', baseline: 82, targets: [90, 95, 100] },
  { code: '2.1.1', nameKo: '성별영향평가 대상 사업 수', nameEn: 'Programmes under gender impact assessment', unit: '건', kind: 'number', baseline: 12, targets: [15, 18, 22] },
  { code: '4.2.1', nameKo: '인식 개선 캠페인 참여 인원', nameEn: 'People reached by the awareness campaign', unit: '명', kind: 'number', baseline: 20000, targets: [30000, 40000, 50000] },
  { code: '5.1.1', nameKo: '관련 위원회 여성 위원 비율', nameEn: 'Share of women on related committees', unit: '%', kind: 'percent', baseline: 28.5, targets: [32, 36, 40] },
  { code: '5.1.2', nameKo: '군·경찰 여성 간부 비율', nameEn: 'Share of women among military and police officers', unit: '%', kind: 'percent', baseline: 7.4, targets: [8.2, 9, 10] },
  { code: '5.2.1', nameKo: 'PKO 여성 파견 인원', nameEn: 'Women deployed to PKO', unit: '명', kind: 'number', baseline: 18, targets: [22, 26, 30] },
  { code: '7.1.1', nameKo: '성폭력 예방 전담 인력 수', nameEn: 'Dedicated sexual-violence prevention staff', unit: '명', kind: 'number', baseline: 40, targets: [48, 56, 64] },
  { code: '8.1.2', nameKo: '북한이탈여성 취업 지원 인원', nameEn: 'North Korean women defectors helped into work', unit: '명', kind: 'number', baseline: 350, targets: [400, 450, 500] },
  { code: '10.1.1', nameKo: '성 주류화 사업 비율', nameEn: 'Share of projects with gender mainstreaming', unit: '%', kind: 'percent', baseline: 45, targets: [50, 55, 60] },
  { code: '11.1.2', nameKo: '시민자문단 운영 여부', nameEn: 'Civic advisory panel in operation', unit: '', kind: 'yes_no', baseline: 0, targets: [1, 1, 1] },
];

/** The levels drawn each year, weighted: later years complete more. */
const LEVEL_WEIGHTS: Record<DemoYear, [CompletionLevel, number][]> = {
  2021: [['completed', 3], ['substantial', 4], ['limited', 3], ['not_started', 1], ['no_evidence', 1]],
  2022: [['completed', 5], ['substantial', 4], ['limited', 2], ['not_started', 1], ['no_evidence', 1]],
  2023: [['completed', 7], ['substantial', 4], ['limited', 2], ['not_started', 1], ['no_evidence', 1]],
};

/**
 * How each body's report ends each year (MOGEF is the lead body: its own
 * report is accepted with the confirmation it needs). "returned" is returned
 * with a reason; "resubmitted" was returned once, corrected and accepted.
 */
const REPORT_PLAN: Record<DemoYear, Record<string, 'accepted' | 'submitted' | 'returned' | 'draft' | 'resubmitted'>> = {
  2021: { MOGEF: 'accepted', MOE: 'accepted', MOFA: 'accepted', MOU: 'accepted', MOJ: 'accepted', MND: 'resubmitted', MOIS: 'accepted', KNPA: 'accepted', KOICA: 'accepted', NUAC: 'accepted' },
  2022: { MOGEF: 'accepted', MOE: 'accepted', MOFA: 'resubmitted', MOU: 'accepted', MOJ: 'accepted', MND: 'accepted', MOIS: 'accepted', KNPA: 'accepted', KOICA: 'resubmitted', NUAC: 'accepted' },
  2023: { MOGEF: 'accepted', MOE: 'submitted', MOFA: 'accepted', MOU: 'returned', MOJ: 'submitted', MND: 'accepted', MOIS: 'draft', KNPA: 'returned', KOICA: 'accepted', NUAC: 'submitted' },
};

const RETURN_REASONS = [
  '예산 집행액이 편성액을 초과한 항목이 있습니다. 금액을 확인하여 다시 제출해 주십시오.',
  '지연 사유가 구체적이지 않습니다. 지연 원인과 향후 일정을 보완해 주십시오.',
  '성과 지표 값의 산출 근거가 누락되었습니다. 근거 자료를 첨부해 주십시오.',
];

/** The actor who writes a body's entries: MOGEF's installation for its own, the body's focal point otherwise. */
function bodyActor(code: string): Installation {
  return code === 'MOGEF' ? DEMO_MOGEF : { role: 'body', bodyCode: code, userName: FOCAL_POINTS[code] ?? `${code} 담당자` };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function weighted<T>(rand: () => number, options: readonly [T, number][]): T {
  let r = rand() * options.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of options) {
    if (r < w) return value;
    r -= w;
  }
  return options.at(-1)![0];
}

/** A won amount rounded to 100,000 won. */
const won = (n: number) => Math.round(n / 100_000) * 100_000;

/** A Korean date string inside the year. */
function dateIn(rand: () => number, year: number): string {
  const month = 1 + Math.floor(rand() * 11);
  const day = 1 + Math.floor(rand() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface Assignment {
  actionPlanId: number;
  code: string;
  bodyCode: string;
}

/**
 * Builds the demo database in `file` (which must not exist) and closes it
 * cleanly; open it with db/connection.ts openDatabase. Answers what it holds.
 */
export function makeDemoDatabase(file: string): DemoInfo {
  const db = openDatabase(file);
  try {
    return fill(db, file);
  } finally {
    closeDatabase(db);
  }
}

function fill(db: Db, file: string): DemoInfo {
  const rand = mulberry32(20231325);
  const { planId } = loadPlanDocument(db, nap3 as PlanDocumentInput);
  initializeInstallation(db, DEMO_MOGEF);
  const period = Object.fromEntries(
    (db.prepare('SELECT year, id FROM reporting_period WHERE plan_id = ?').raw().all(planId) as [number, number][]).map(([y, id]) => [y, id]),
  ) as Record<DemoYear, number>;
  const assignments = db
    .prepare(
      `SELECT ap.id AS actionPlanId, ap.code, b.code AS bodyCode
       FROM action_plan ap JOIN strategy s ON s.id = ap.strategy_id JOIN objective o ON o.id = s.objective_id JOIN area ar ON ar.id = o.area_id
       JOIN action_plan_body apb ON apb.action_plan_id = ap.id JOIN implementing_body b ON b.id = apb.body_id
       JOIN plan_body pb ON pb.body_id = b.id AND pb.plan_id = ap.plan_id
       WHERE ap.plan_id = ? ORDER BY ar.seq, o.number, s.seq, ap.seq, pb.seq`,
    )
    .all(planId) as Assignment[];
  const actionId = new Map(assignments.map((a) => [a.code, a.actionPlanId]));
  const bodies = db
    .prepare('SELECT b.code FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id WHERE pb.plan_id = ? ORDER BY pb.seq')
    .pluck()
    .all(planId) as string[];

  // MOGEF defines the indicators, with targets for the three years.
  const indicators = INDICATORS.map((d) => ({
    ...d,
    id: defineIndicator(
      db,
      {
        actionPlanId: actionId.get(d.code)!,
        nameKo: d.nameKo,
        nameEn: d.nameEn,
        unit: d.unit,
        kind: d.kind,
        baseline: d.baseline,
        targets: DEMO_YEARS.map((y, i) => ({ periodId: period[y], target: d.targets[i]! })),
      },
      DEMO_MOGEF,
    ),
  }));

  const entries = { 2021: 0, 2022: 0, 2023: 0 } as Record<DemoYear, number>;
  const reports = { 2021: {}, 2022: {}, 2023: {} } as DemoInfo['reports'];
  DEMO_YEARS.forEach((year, yi) => {
    const periodId = period[year];
    for (const a of assignments) {
      const actor = bodyActor(a.bodyCode);
      const key = { actionPlanId: a.actionPlanId, bodyCode: a.bodyCode, periodId };
      const completion = weighted(rand, LEVEL_WEIGHTS[year]);
      const delayed = completion !== 'completed' && rand() < 0.22;
      const times = 2 + Math.floor(rand() * 10);
      const people = 20 + Math.floor(rand() * 380);
      const topic = TOPIC[a.code] ?? a.code;
      const allocated = rand() < 0.75 ? won(20_000_000 + rand() * 880_000_000) : null;
      const rate = completion === 'not_started' ? 0 : 0.55 + rand() * 0.45;
      const patch: EntryPatch = {
        completion,
        delayed,
        delayReason: delayed ? pick(rand, DELAY_REASONS) : null,
        achievements:
          completion === 'not_started'
            ? `${year}년에는 ${topic} 사업을 착수하지 못하였다. 세부 추진 계획을 마련하였다.`
            : `${year}년 ${topic} 관련 ${pick(rand, ACTIVITIES)} ${times}회 실시(참여 ${people}명). ${pick(rand, RESULTS)}`,
        nextSteps: `${year + 1}년: ${pick(rand, NEXT_STEPS)}`,
        difficulties: rand() < 0.45 ? pick(rand, DIFFICULTIES) : null,
        budgetAllocated: allocated,
        budgetExecuted: allocated === null ? null : won(allocated * rate),
      };
      // One body in 2023 leaves its report unfinished: next steps still to write.
      if (REPORT_PLAN[year][a.bodyCode] === 'draft' && rand() < 0.3) patch.nextSteps = null;
      saveEntry(db, key, 0, patch, actor, actor.userName);
      entries[year]++;
      for (const ind of indicators.filter((i) => i.code === a.code)) {
        const target = ind.targets[yi]!;
        const value =
          ind.kind === 'yes_no'
            ? 1
            : ind.kind === 'percent'
              ? Math.min(100, Math.round((ind.baseline + (target - ind.baseline) * (0.7 + rand() * 0.5)) * 10) / 10)
              : Math.round((ind.baseline + (target - ind.baseline) * (0.7 + rand() * 0.5)) / bodiesOf(assignments, a.code));
        setIndicatorValue(db, key, ind.id, value, actor);
      }
      if (completion !== 'no_evidence') {
        const items = completion === 'not_started' ? 0 : 1 + Math.floor(rand() * 2);
        for (let i = 0; i < items; i++) {
          addEvidence(
            db,
            key,
            { title: `${year}년 ${topic} ${pick(rand, EVIDENCE_KINDS)}`, docDate: dateIn(rand, year), reference: `${a.bodyCode}-${year}-${a.code}-${i + 1}` },
            actor,
          );
        }
      }
      if (rand() < 0.15) addEntryComment(db, key, pick(rand, MOGEF_COMMENTS), DEMO_MOGEF);
    }

    // The civic advisory panel's comments on some action plans.
    const commented = new Set<string>();
    while (commented.size < 8) commented.add(pick(rand, assignments).code);
    // Each comment of a year a different one (the draw is kept, so the rest of the sequence stays as it was).
    [...commented].sort().forEach((code, k) => {
      pick(rand, PANEL_COMMENTS);
      addPanelComment(db, actionId.get(code)!, periodId, `${year}년 점검: ${PANEL_COMMENTS[(k + yi * 3) % PANEL_COMMENTS.length]!}`, DEMO_MOGEF);
    });

    // The reports' workflow.
    bodies.forEach((code, bi) => {
      const actor = bodyActor(code);
      const planned = REPORT_PLAN[year][code] ?? 'accepted';
      if (planned === 'draft') return;
      const submit = () => (code === 'MOGEF' ? submitReport(db, periodId, actor) : transitionReport(db, 'submit', code, periodId, actor));
      submit();
      const reason = RETURN_REASONS[(bi + yi) % RETURN_REASONS.length]!;
      if (planned === 'returned' || planned === 'resubmitted') transitionReport(db, 'return', code, periodId, DEMO_MOGEF, { reason });
      if (planned === 'resubmitted') submit();
      if (planned === 'accepted' || planned === 'resubmitted') {
        transitionReport(db, 'accept', code, periodId, DEMO_MOGEF, { confirmOwn: code === 'MOGEF', note: yi === 2 && bi % 3 === 0 ? '검토 완료. 수고하셨습니다.' : null });
      }
    });
    for (const [code, status] of db
      .prepare(
        `SELECT b.code, coalesce(r.status, 'draft') FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id
         LEFT JOIN report r ON r.body_id = b.id AND r.period_id = ? WHERE pb.plan_id = ? ORDER BY pb.seq`,
      )
      .raw()
      .all(periodId, planId) as [string, string][]) {
      reports[year][code] = status;
    }

    // MOGEF overrides a consolidated level, with the panel's reason.
    const overridden = ['1.1.1', '5.1.1', '7.2.1'][yi]!;
    setOverride(db, actionId.get(overridden)!, periodId, 'limited', '시민자문단 의견: 일부 기관의 실적만으로 전체 이행 수준을 판단하기 어려움', DEMO_MOGEF);
  });

  const meetings = DEMO_MEETINGS.map((m) => ({ uid: recordMeeting(db, m, period[m.year]), year: m.year }));
  return { file, planId, period, entries, reports, meetings };
}

interface DemoMeeting {
  year: DemoYear;
  date: string;
  title: string;
  place: string;
  agenda: string;
  minutes: string;
  decisions: { text: string; followUps: (FollowUpInput & { state?: FollowUpState; closingNote?: string })[] }[];
}

const CIVIC_ADVISORS: ParticipantInput[] = [
  { kind: 'civic_advisor', bodyCode: null, name: '김미경', affiliation: '한국여성단체연합', role: '시민자문단장' },
  { kind: 'civic_advisor', bodyCode: null, name: '이정은', affiliation: '평화를만드는여성회', role: '시민자문위원' },
  { kind: 'civic_advisor', bodyCode: null, name: '박소영', affiliation: '한국여성정책연구원', role: '시민자문위원' },
  { kind: 'expert', bodyCode: null, name: '정하윤', affiliation: '서울대학교 국제대학원', role: '외부 전문가' },
];

/** MOGEF's two inter-ministerial monitoring meetings, with decisions and follow-ups (some closed since). */
const DEMO_MEETINGS: DemoMeeting[] = [
  {
    year: 2022,
    date: '2022-12-06',
    title: '2022년 여성·평화·안보 국가행동계획 부처 합동 이행점검회의',
    place: '정부서울청사 별관 국제회의실',
    agenda: '1. 2022년 이행 실적 점검 결과 보고\n2. 시민자문단 의견 및 권고 사항\n3. 2023년 중점 추진 과제 논의\n4. 제4차 국가행동계획 수립 방향',
    minutes:
      '여성가족부는 2022년 세부 과제별 이행 실적을 보고하였다. 시민자문단은 교육 대상의 확대와 결과 지표의 보완을 권고하였다.\n' +
      '국방부와 경찰청은 여성 간부 비율 목표 달성 현황을 설명하였고, 외교부는 유엔 포컬포인트 네트워크 참여 결과를 공유하였다.\n' +
      '참석 기관은 예산 집행률이 낮은 과제의 원인을 분석하여 다음 회의에 보고하기로 하였다.',
    decisions: [
      {
        text: '예산 집행률이 70% 미만인 세부 과제는 담당 기관이 원인과 개선 계획을 제출한다.',
        followUps: [
          { ownerBody: 'MOFA', actionPlanCode: '3.1.2', text: '공공외교 사업 예산 집행 부진 원인 분석 및 개선 계획 제출', dueDate: '2023-03-31', state: 'closed', closingNote: '2023년 3월 개선 계획 제출 완료(집행 일정 조정)' },
          { ownerBody: 'KOICA', actionPlanCode: '10.2.1', text: '분쟁 지역 여성 역량 강화 사업 집행 계획 보완', dueDate: '2023-06-30', state: 'in_progress' },
        ],
      },
      {
        text: '성인지 교육 대상을 국방·외교·치안 분야 전 부서로 확대한다.',
        followUps: [
          { ownerBody: 'MND', actionPlanCode: '1.1.1', text: '국방부 전 부서 대상 성인지 교육 확대 계획 수립', dueDate: '2023-09-30' },
          { ownerBody: 'KNPA', actionPlanCode: '1.1.1', text: '경찰청 지휘부 대상 여성·평화·안보 교육 신설', dueDate: '2023-12-31', state: 'closed', closingNote: '2023년 하반기 지휘부 교육 2회 실시' },
        ],
      },
      { text: '시민자문단의 이행점검 참여를 연 2회로 정례화한다.', followUps: [{ ownerBody: 'MOGEF', actionPlanCode: '11.1.2', text: '시민자문단 정례 회의 운영 계획 수립', dueDate: '2023-02-28', state: 'closed', closingNote: '운영 계획 수립 및 상·하반기 회의 개최' }] },
    ],
  },
  {
    year: 2023,
    date: '2023-12-05',
    title: '2023년 여성·평화·안보 국가행동계획 부처 합동 이행점검회의',
    place: '정부서울청사 별관 국제회의실',
    agenda: '1. 2023년 이행 실적 점검 결과 보고\n2. 2022년 회의 후속 조치 이행 상황\n3. 시민자문단 의견\n4. 제3차 국가행동계획 종합 평가 및 제4차 계획 수립 일정',
    minutes:
      '여성가족부는 제3차 국가행동계획 마지막 연도의 이행 실적과 2022년 회의 후속 조치의 이행 상황을 보고하였다.\n' +
      '시민자문단은 피해자 지원 사업의 예산 집행 실적이 저조하다고 지적하고 원인 분석을 요청하였다.\n' +
      '참석 기관은 제3차 계획의 종합 평가 결과를 제4차 계획 수립에 반영하기로 하였다.',
    decisions: [
      {
        text: '제3차 국가행동계획 종합 평가 결과를 양성평등위원회에 보고하고 제4차 계획 수립에 반영한다.',
        followUps: [{ ownerBody: 'MOGEF', actionPlanCode: '11.2.1', text: '종합 평가 보고서 작성 및 양성평등위원회 보고', dueDate: '2024-03-31' }],
      },
      {
        text: '반려된 보고서는 2024년 1월 말까지 보완하여 다시 제출한다.',
        followUps: [
          { ownerBody: 'MOU', actionPlanCode: null, text: '2023년 이행 실적 보완 제출', dueDate: '2024-01-31' },
          { ownerBody: 'KNPA', actionPlanCode: null, text: '2023년 이행 실적 보완 제출', dueDate: '2024-01-31' },
        ],
      },
      {
        text: '피해자 지원 사업의 예산 집행 실적을 분석하여 개선 방안을 마련한다.',
        followUps: [{ ownerBody: 'MOFA', actionPlanCode: '7.2.1', text: '젠더기반폭력 피해자 지원 사업 집행 실적 분석', dueDate: '2024-04-30', state: 'in_progress' }],
      },
    ],
  },
];

const BODY_ROLES: Record<string, string> = { MOGEF: '여성정책국장', MOE: '과장', MOFA: '심의관', MOU: '과장', MOJ: '과장', MND: '과장', MOIS: '과장', KNPA: '계장', KOICA: '팀장', NUAC: '국장' };

/** Records one meeting through db/meetings.ts as MOGEF, its decisions and follow-ups, and moves the follow-ups' states. */
function recordMeeting(db: Db, m: DemoMeeting, periodId: number): string {
  const bodies = db
    .prepare('SELECT b.code, b.name_ko AS nameKo FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id JOIN reporting_period rp ON rp.plan_id = pb.plan_id WHERE rp.id = ? ORDER BY pb.seq')
    .all(periodId) as { code: string; nameKo: string }[];
  const participants: ParticipantInput[] = [
    ...bodies.map((b) => ({ kind: 'body' as const, bodyCode: b.code, name: FOCAL_POINTS[b.code] ?? `${b.code} 담당자`, affiliation: b.nameKo, role: BODY_ROLES[b.code] ?? '담당자' })),
    ...CIVIC_ADVISORS,
  ];
  const saved = saveMeeting(
    db,
    null,
    0,
    { kind: 'inter_ministerial', bodyCode: null, periodId, date: m.date, title: m.title, place: m.place, participants, agenda: m.agenda, minutes: m.minutes },
    DEMO_MOGEF,
  );
  for (const d of m.decisions) {
    const meeting = addDecision(db, saved.uid, d.text, DEMO_MOGEF);
    const decision = meeting.decisions.at(-1)!;
    for (const { state, closingNote, ...input } of d.followUps) {
      const after = addFollowUp(db, decision.uid, input, DEMO_MOGEF);
      const followUp = after.decisions.find((x) => x.uid === decision.uid)!.followUps.at(-1)!;
      if (state && state !== 'open') setFollowUpState(db, followUp.uid, state, state === 'closed' ? (closingNote ?? null) : null, DEMO_MOGEF);
    }
  }
  return saved.uid;
}

function bodiesOf(assignments: readonly Assignment[], code: string): number {
  return assignments.filter((a) => a.code === code).length;
}
