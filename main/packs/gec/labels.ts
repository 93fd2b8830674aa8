/**
 * The words and number formats of the committee report, in Korean and
 * English, shared by its PDF (html.ts), its .docx (docx.ts) and its workbook
 * (xlsx.ts), so that the three say the same thing the same way. Numbers,
 * won and percentages through contract/format.ts, the formats the
 * application's screens use (plain functions over Intl, no DOM).
 */
import type { Language } from '../../../contract/domain';
import type { IndicatorKind, ReportStatus } from '../../../contract/progress';
import type { FollowUpState } from '../../../contract/meetings';
import { LEVEL_LABELS } from '../../../contract/rules';
import { formatDate, formatNumber, formatPercent, formatWon } from '../../../contract/format';
import type { Budget, GecIndicator, LevelKey } from './data';

export interface GecLabels {
  reportTitle: string;
  committee: string;
  /** "2023년 이행 결과" / "Results of 2023". */
  yearResults: (year: number) => string;
  preparedBy: string;
  contents: string;
  sections: { summary: string; areas: string; bodies: string; indicators: string; budget: string; panel: string; meetings: string };
  summaryIntro: (year: number, actionPlans: number, entries: number) => string;
  levelsTitle: string;
  reportsTitle: string;
  budgetTotal: string;
  level: string;
  count: string;
  share: string;
  area: string;
  objective: string;
  actionPlan: string;
  body: string;
  bodies: string;
  status: string;
  assignments: string;
  delayed: string;
  achievements: string;
  difficulties: string;
  allocated: string;
  executed: string;
  rate: string;
  total: string;
  indicator: string;
  baseline: string;
  target: string;
  actual: string;
  reported: string;
  met: string;
  yes: string;
  no: string;
  override: string;
  derived: string;
  comment: string;
  decision: string;
  followUps: string;
  owner: string;
  due: string;
  state: string;
  noPanelComments: string;
  noMeetings: string;
  noIndicators: string;
  indicatorsMet: (met: number, of: number) => string;
  levels: Readonly<Record<LevelKey, string>>;
  statuses: Readonly<Record<ReportStatus, string>>;
  followUpStates: Readonly<Record<FollowUpState, string>>;
  meetingPlace: string;
  unit: string;
  kind: string;
  kinds: Readonly<Record<IndicatorKind, string>>;
  none: string;
}

const KO: GecLabels = {
  reportTitle: '여성·평화·안보 국가행동계획 이행 결과 보고',
  committee: '양성평등위원회 보고',
  yearResults: (year) => `${year}년 이행 결과`,
  preparedBy: '여성가족부',
  contents: '목차',
  sections: {
    summary: '요약',
    areas: '영역·목표별 이행 결과',
    bodies: '기관별 이행 결과',
    indicators: '성과 지표 달성 현황',
    budget: '예산 편성 및 집행',
    panel: '시민자문단 의견',
    meetings: '이행점검회의 결정 사항',
  },
  summaryIntro: (year, actionPlans, entries) =>
    `${year}년 국가행동계획의 세부 과제 ${actionPlans}개에 대해 이행 기관이 제출한 실적 ${entries}건을 종합하였다. 과제별 이행 수준은 기관별 실적 중 가장 낮은 수준을 기준으로 하며, 여성가족부가 사유를 밝혀 조정한 경우 조정된 수준을 따른다.`,
  levelsTitle: '세부 과제별 이행 수준',
  reportsTitle: '기관별 보고서 상태',
  budgetTotal: '예산 합계',
  level: '이행 수준',
  count: '과제 수',
  share: '비율',
  area: '영역',
  objective: '목표',
  actionPlan: '세부 과제',
  body: '기관',
  bodies: '이행 기관',
  status: '보고서 상태',
  assignments: '담당 과제',
  delayed: '지연',
  achievements: '주요 실적',
  difficulties: '애로 사항',
  allocated: '편성액',
  executed: '집행액',
  rate: '집행률',
  total: '합계',
  indicator: '지표',
  baseline: '기준값',
  target: '목표값',
  actual: '실적값',
  reported: '보고 기관',
  met: '달성',
  yes: '예',
  no: '아니요',
  override: '조정',
  derived: '기관 실적 기준',
  comment: '의견',
  decision: '결정 사항',
  followUps: '후속 조치',
  owner: '담당 기관',
  due: '기한',
  state: '상태',
  noPanelComments: '이 기간에 기록된 시민자문단 의견이 없습니다.',
  noMeetings: '이 기간에 기록된 이행점검회의가 없습니다.',
  noIndicators: '이 기간에 정의된 성과 지표가 없습니다.',
  indicatorsMet: (met, of) => `성과 지표 ${of}개 중 ${met}개가 목표를 달성하였다.`,
  levels: { ...LEVEL_LABELS.ko, none: '미보고' },
  statuses: { draft: '작성 중', submitted: '제출', returned: '반려', accepted: '승인' },
  followUpStates: { open: '미완료', in_progress: '진행 중', closed: '완료' },
  meetingPlace: '장소',
  unit: '단위',
  kind: '유형',
  kinds: { number: '수치', percent: '비율(%)', yes_no: '여부' },
  none: '—',
};

const EN: GecLabels = {
  reportTitle: 'Implementation of the National Action Plan on Women, Peace and Security',
  committee: 'Report to the Gender Equality Committee',
  yearResults: (year) => `Results of ${year}`,
  preparedBy: 'Ministry of Gender Equality and Family',
  contents: 'Contents',
  sections: {
    summary: 'Summary',
    areas: 'Results by area and objective',
    bodies: 'Results by implementing body',
    indicators: 'Indicators against targets',
    budget: 'Budget allocated and executed',
    panel: 'Comments of the civic advisory panel',
    meetings: 'Decisions of the monitoring meetings',
  },
  summaryIntro: (year, actionPlans, entries) =>
    `This report brings together the ${entries} entries the implementing bodies made for the ${actionPlans} action plans of the National Action Plan in ${year}. An action plan stands at the lowest level its bodies reported, unless MOGEF set another level with a recorded reason.`,
  levelsTitle: 'Action plans by level',
  reportsTitle: 'Reports by body',
  budgetTotal: 'Budget in total',
  level: 'Level',
  count: 'Action plans',
  share: 'Share',
  area: 'Area',
  objective: 'Objective',
  actionPlan: 'Action plan',
  body: 'Body',
  bodies: 'Implementing bodies',
  status: 'Report',
  assignments: 'Action plans',
  delayed: 'Delayed',
  achievements: 'Main achievements',
  difficulties: 'Difficulties',
  allocated: 'Allocated',
  executed: 'Executed',
  rate: 'Execution rate',
  total: 'Total',
  indicator: 'Indicator',
  baseline: 'Baseline',
  target: 'Target',
  actual: 'Actual',
  reported: 'Bodies reporting',
  met: 'Met',
  yes: 'Yes',
  no: 'No',
  override: 'Set by MOGEF',
  derived: 'From the bodies\u2019 entries',
  comment: 'Comment',
  decision: 'Decision',
  followUps: 'Follow-up actions',
  owner: 'Owner',
  due: 'Due',
  state: 'State',
  noPanelComments: 'No comments of the civic advisory panel were recorded for this period.',
  noMeetings: 'No monitoring meeting was recorded for this period.',
  noIndicators: 'No indicators are defined for this period.',
  indicatorsMet: (met, of) => `${met} of ${of} indicators reached their target.`,
  levels: { ...LEVEL_LABELS.en, none: 'Not reported' },
  statuses: { draft: 'Draft', submitted: 'Submitted', returned: 'Returned', accepted: 'Accepted' },
  followUpStates: { open: 'Open', in_progress: 'In progress', closed: 'Closed' },
  meetingPlace: 'Place',
  unit: 'Unit',
  kind: 'Kind',
  kinds: { number: 'Number', percent: 'Percentage', yes_no: 'Yes / no' },
  none: '—',
};

export function gecLabels(language: Language): GecLabels {
  return language === 'ko' ? KO : EN;
}

/** A won amount as the screens write it ("1,234,000원" / "KRW 1,234,000"). */
export function won(language: Language, value: number): string {
  return formatWon(language, value);
}

const ONE_DECIMAL: Intl.NumberFormatOptions = { minimumFractionDigits: 1, maximumFractionDigits: 1 };

/** A budget's execution rate with one decimal, so a column of rates aligns ("87.3%", "76.0%"), or the dash when nothing was allocated. */
export function rate(language: Language, budget: Budget): string {
  return budget.rate === null ? gecLabels(language).none : `${formatNumber(language, budget.rate, ONE_DECIMAL)}%`;
}

/** A share of a whole in percent ("40%"). */
export function share(language: Language, part: number, whole: number): string {
  return whole > 0 ? formatPercent(language, (part / whole) * 100) : gecLabels(language).none;
}

/** An indicator's value in its kind: a count, a percentage, yes/no. */
export function indicatorValue(language: Language, indicator: Pick<GecIndicator, 'kind' | 'unit'>, value: number | null, isActual = false): string {
  const l = gecLabels(language);
  if (value === null) return l.none;
  if (indicator.kind === 'yes_no') return isActual ? formatPercent(language, value) : value === 1 ? l.yes : l.no;
  if (indicator.kind === 'percent') return formatPercent(language, value);
  const n = formatNumber(language, Math.round(value * 10) / 10);
  return indicator.unit ? `${n}${language === 'ko' ? '' : ' '}${indicator.unit}` : n;
}

/** A calendar date as the screens write it. */
export function date(language: Language, value: string | null): string {
  return value === null ? gecLabels(language).none : formatDate(language, value);
}
