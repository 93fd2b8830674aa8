/**
 * A meeting's pack as one HTML document, from its data: a pure function
 * (no database, no clock, no file), so that plain Node builds it and the
 * tests read it. Self-contained and inert: a strict CSP, no script, no
 * external resource, every user text escaped; the printer (main/packs/print.ts)
 * turns it into the PDF. Sections each on a new page, with an h1 the PDF's
 * outline and the contents' page numbers come from (main/packs/paginate.ts).
 *
 * Labels are in this module in Korean and English; the users' text is
 * printed as they wrote it, marked with its language (Hangul: ko) where it
 * differs from the document's.
 */
import { LEVEL_LABELS, groupDigits, type CompletionLevel } from '../../contract/rules';
import { STATUS_LABELS } from '../../contract/exchange';
import type { Language } from '../../contract/domain';
import type { PackSection } from '../../contract/meetings';
import type { IndicatorKind, ReportStatus } from '../../contract/progress';
import { PRINT_CSP } from './print';
import { PART_BREAK } from './parts';
import { documentStyle } from './style';
import { esc, levelBars, levelGlyph, type LevelKey } from './charts';
import { actionPlansOf, isBehindTarget, type PackActionPlan, type PackData, type PackEntry, type PackIndicator } from './data';

export interface PackHtmlOptions {
  sections: readonly PackSection[];
  language: Language;
  orientation: 'portrait' | 'landscape';
}

const KO = {
  section: {
    cover: '표지',
    contents: '목차',
    agenda: '안건',
    participants: '참석자',
    summary: '요약',
    progress: '이행 현황',
    issues: '논의할 문제',
    follow_ups: '지난 회의의 후속 조치',
    annex: '부록: 모든 실적과 지표',
  },
  kind: { inter_ministerial: '부처 합동 이행점검 회의', body: '기관 자체 이행점검 회의', civic_panel: '민간 자문단 회의' },
  participantKind: { body: '기관', civic_advisor: '민간 자문위원', expert: '외부 전문가' },
  state: { open: '미착수', in_progress: '진행 중', closed: '종결' },
  none: '미보고',
  docTitle: '회의 자료',
  plan: '계획',
  period: '점검 기간',
  date: '일시',
  place: '장소',
  scope: '범위',
  allBodies: '모든 이행기관',
  preparedBy: '여성가족부 국가행동계획 점검 시스템으로 작성',
  page: '쪽',
  noAgenda: '안건이 기록되지 않았습니다.',
  minutes: '회의록',
  noParticipants: '참석자가 기록되지 않았습니다.',
  name: '이름',
  affiliation: '소속',
  role: '역할',
  kindCol: '구분',
  body: '기관',
  bodies: '이행기관',
  actionPlans: '행동계획',
  entries: '실적',
  delayed: '지연',
  returned: '보완 요청',
  levelsByArea: '영역별 이행 수준',
  levelsByBody: '기관별 이행 수준',
  area: '영역',
  objective: '목표',
  strategy: '전략',
  total: '계',
  reports: '보고서 제출 현황',
  status: '상태',
  returnReason: '보완 요청 사유',
  level: '이행 수준',
  consolidated: '종합 수준',
  override: '여성가족부 조정',
  delay: '지연',
  yes: '예',
  no: '아니요',
  achievements: '주요 실적',
  nextSteps: '향후 계획',
  difficulties: '애로 사항',
  delayReason: '지연 사유',
  budget: '예산(원)',
  allocated: '편성',
  executed: '집행',
  indicators: '지표',
  indicator: '지표',
  baseline: '기준값',
  target: '목표',
  actual: '실적',
  value: '값',
  evidence: '증빙',
  evidenceCount: '증빙 건수',
  comments: '여성가족부 의견',
  panelComments: '민간 자문단 의견',
  notWritten: '작성되지 않음',
  noEntry: '이 기간의 실적이 없습니다.',
  delayedList: '지연된 행동계획',
  noEvidenceList: '증빙이 없는 실적',
  returnedList: '보완 요청된 보고서',
  behindList: '목표에 못 미친 지표',
  panelList: '민간 자문단 의견',
  nothing: '해당 사항 없음.',
  meeting: '회의',
  owner: '담당 기관',
  actionPlan: '행동계획',
  followUp: '후속 조치',
  due: '기한',
  stateCol: '상태',
  noFollowUps: '이전 회의에서 남은 후속 조치가 없습니다.',
  annexEntries: '모든 실적',
  annexIndicators: '모든 지표',
  code: '번호',
  summaryFigures: '주요 수치',
  reportedOf: '보고',
  chartNote: '막대의 무늬는 색 없이도 수준을 구별합니다: 완료는 채움, 상당 부분은 세로줄, 제한적은 가로줄, 미착수는 점, 근거 없음은 빗금, 미보고는 점선 테두리입니다.',
  percentYes: '% 예',
  reportedBodies: '보고 기관 수',
  behind: '목표 미달',
};

const EN: typeof KO = {
  section: {
    cover: 'Cover',
    contents: 'Contents',
    agenda: 'Agenda',
    participants: 'Participants',
    summary: 'Summary',
    progress: 'Progress',
    issues: 'Issues for discussion',
    follow_ups: 'Follow-ups from the last meeting',
    annex: 'Annex: every entry and indicator',
  },
  kind: { inter_ministerial: 'Inter-ministerial monitoring meeting', body: "Body's own monitoring meeting", civic_panel: 'Civic advisory panel session' },
  participantKind: { body: 'Body', civic_advisor: 'Civic advisor', expert: 'External expert' },
  state: { open: 'Open', in_progress: 'In progress', closed: 'Closed' },
  none: 'Not reported',
  docTitle: 'Meeting pack',
  plan: 'Plan',
  period: 'Period reviewed',
  date: 'Date',
  place: 'Place',
  scope: 'Scope',
  allBodies: 'All implementing bodies',
  preparedBy: "Prepared with MOGEF's National Action Plan monitoring system",
  page: 'Page',
  noAgenda: 'No agenda was recorded.',
  minutes: 'Minutes',
  noParticipants: 'No participants were recorded.',
  name: 'Name',
  affiliation: 'Affiliation',
  role: 'Role',
  kindCol: 'Kind',
  body: 'Body',
  bodies: 'Implementing bodies',
  actionPlans: 'Action plans',
  entries: 'Entries',
  delayed: 'Delayed',
  returned: 'Returned',
  levelsByArea: 'Levels by area',
  levelsByBody: 'Levels by body',
  area: 'Area',
  objective: 'Objective',
  strategy: 'Strategy',
  total: 'Total',
  reports: 'Reports',
  status: 'Status',
  returnReason: 'Reason for return',
  level: 'Level',
  consolidated: 'Consolidated level',
  override: "MOGEF's override",
  delay: 'Delayed',
  yes: 'Yes',
  no: 'No',
  achievements: 'Achievements',
  nextSteps: 'Next steps',
  difficulties: 'Difficulties',
  delayReason: 'Reason for delay',
  budget: 'Budget (KRW)',
  allocated: 'Allocated',
  executed: 'Executed',
  indicators: 'Indicators',
  indicator: 'Indicator',
  baseline: 'Baseline',
  target: 'Target',
  actual: 'Actual',
  value: 'Value',
  evidence: 'Evidence',
  evidenceCount: 'Evidence items',
  comments: "MOGEF's comments",
  panelComments: "Civic advisory panel's comments",
  notWritten: 'Not written',
  noEntry: 'No entry for this period.',
  delayedList: 'Delayed action plans',
  noEvidenceList: 'Entries without evidence',
  returnedList: 'Reports returned for revision',
  behindList: 'Indicators behind target',
  panelList: "Civic advisory panel's comments",
  nothing: 'None.',
  meeting: 'Meeting',
  owner: 'Owner body',
  actionPlan: 'Action plan',
  followUp: 'Follow-up',
  due: 'Due',
  stateCol: 'State',
  noFollowUps: 'No follow-ups remain open from earlier meetings.',
  annexEntries: 'Every entry',
  annexIndicators: 'Every indicator',
  code: 'Code',
  summaryFigures: 'Key figures',
  reportedOf: 'reported',
  chartNote:
    'The patterns tell the levels apart without colour: completed solid, substantial vertical lines, limited horizontal lines, not started dots, no evidence hatched, not reported a dashed outline.',
  percentYes: '% yes',
  reportedBodies: 'Bodies reporting',
  behind: 'behind target',
};

const LABELS: Readonly<Record<Language, typeof KO>> = { ko: KO, en: EN };

/** The section ids of the document (an element id and the key of the contents' numbers). */
export const SECTION_ID: Readonly<Record<PackSection, string>> = {
  cover: 'cover',
  contents: 'contents',
  agenda: 'agenda',
  participants: 'participants',
  summary: 'summary',
  progress: 'progress',
  issues: 'issues',
  follow_ups: 'follow-ups',
  annex: 'annex',
};

/**
 * The running header: the plan (its title, or its code and years when the
 * title is too long for one line, as the English one is), the meeting's
 * title and date; cut with an ellipsis past one line's worth.
 */
export function runningHeader(data: Pick<PackData, 'plan' | 'meeting'>, language: Language): string {
  const title = language === 'ko' ? data.plan.titleKo : data.plan.titleEn;
  const plan = title.length <= (language === 'ko' ? 40 : 60) ? title : `${data.plan.code} (${data.plan.startYear}–${data.plan.endYear})`;
  const max = language === 'ko' ? 76 : 110;
  // The meeting's title gives way (with an ellipsis) so that the plan and the date always show.
  const room = Math.max(8, max - plan.length - data.meeting.date.length - 6);
  const meeting = data.meeting.title.length <= room ? data.meeting.title : `${data.meeting.title.slice(0, room - 1)}…`;
  return `${plan} · ${meeting} · ${data.meeting.date}`;
}

/** The sections in the document's order, whatever order they were asked in. */
export function orderedSections(sections: readonly PackSection[]): PackSection[] {
  const order: readonly PackSection[] = ['cover', 'contents', 'agenda', 'participants', 'summary', 'progress', 'issues', 'follow_ups', 'annex'];
  const asked = new Set(sections);
  return order.filter((s) => asked.has(s));
}

/** The title of a section as its h1 prints it (the PDF's bookmark, the contents' line). */
export function sectionTitle(section: PackSection, language: Language): string {
  return LABELS[language].section[section];
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;

/** The language of a user's text as far as a pack needs it: Hangul in it is Korean, else English. */
export function languageOf(text: string): Language {
  return HANGUL.test(text) ? 'ko' : 'en';
}

function userText(value: string, doc: Language, className = '', tag = 'span'): string {
  const lang = languageOf(value);
  const attrs = `${lang !== doc ? ` lang="${lang}"` : ''}${className ? ` class="${className}"` : ''}`;
  return attrs ? `<${tag}${attrs}>${esc(value)}</${tag}>` : esc(value);
}

function planText(ko: string | null, en: string, language: Language): string {
  if (language === 'ko' && ko) return esc(ko);
  return language === 'ko' ? `<span lang="en">${esc(en)}</span>` : esc(en);
}

function levelLabel(level: LevelKey, language: Language): string {
  return level === 'none' ? LABELS[language].none : LEVEL_LABELS[language][level];
}

/** A level as a table prints it: its name (which reads without colour), with its glyph where asked (one per action plan; a glyph in each of thousands of cells costs the printer seconds). */
function levelCell(level: CompletionLevel | null, language: Language, glyph = false): string {
  const key: LevelKey = level ?? 'none';
  return `<span class="lv lv-${key}">${glyph ? `${levelGlyph(key)} ` : ''}${esc(levelLabel(key, language))}</span>`;
}

function won(value: number | null): string {
  return value === null ? '–' : groupDigits(value);
}

function indicatorValue(kind: IndicatorKind, value: number | null, language: Language, aggregate = false): string {
  if (value === null) return '–';
  const L = LABELS[language];
  if (kind === 'yes_no') return aggregate ? `${groupDigits(Math.round(value * 10) / 10)}${L.percentYes}` : value === 1 ? L.yes : L.no;
  if (kind === 'percent') return `${groupDigits(Math.round(value * 100) / 100)}%`;
  return groupDigits(Math.round(value * 100) / 100);
}

function statusLabel(status: ReportStatus, language: Language): string {
  return STATUS_LABELS[language][status];
}

function bodyName(data: PackData, code: string, language: Language): string {
  const body = data.bodies.find((b) => b.code === code);
  if (!body) return esc(code);
  return `${esc(code)} <span class="muted">${esc(language === 'ko' ? body.nameKo : body.nameEn)}</span>`;
}

function counts(list: readonly (CompletionLevel | null)[]): Record<LevelKey, number> {
  const out: Record<LevelKey, number> = { not_started: 0, limited: 0, substantial: 0, completed: 0, no_evidence: 0, none: 0 };
  for (const level of list) out[level ?? 'none'] += 1;
  return out;
}

/** Entries that report a level other than "not started" with no evidence attached, or say "no evidence". */
function lacksEvidence(e: PackEntry): boolean {
  return e.completion === 'no_evidence' || (e.completion !== null && e.completion !== 'not_started' && e.evidenceCount === 0);
}

const PACK_CSS = `
.cover { min-height: 230mm; display: flex; flex-direction: column; }
.landscape .cover { min-height: 150mm; }
.cover .kicker { font-size: 11pt; color: #30353b; margin: 18mm 0 4mm; letter-spacing: 0.02em; }
.cover h1 { font-size: 24pt; border-bottom: 2pt solid #1d3557; padding-bottom: 4mm; }
.cover dl { display: grid; grid-template-columns: 32mm 1fr; gap: 2.5mm 4mm; font-size: 11pt; margin: 8mm 0 0; }
.cover dt { font-weight: 700; color: #1d3557; }
.cover dd { margin: 0; }
.cover .foot { margin-top: auto; font-size: 9pt; color: #4a5058; border-top: 0.5pt solid #9aa1a9; padding-top: 3mm; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 0 0 6mm; }
.figure { border: 0.6pt solid #8f979f; padding: 2.5mm 3mm; break-inside: avoid; }
.figure b { display: block; font-size: 16pt; color: #1d3557; font-variant-numeric: tabular-nums; }
.ap { margin: 0 0 5mm; }
.ap-head { display: flex; gap: 3mm; align-items: baseline; padding: 1.5mm 2mm; background: #f1f4f8; border-left: 2.5pt solid #1d3557; break-after: avoid; break-inside: avoid; }
.ap-code { font-weight: 700; white-space: nowrap; font-variant-numeric: tabular-nums; }
.ap-text { flex: 1 1 0; min-width: 0; }
.ap-level { flex: 0 0 auto; white-space: nowrap; font-size: 8.5pt; padding-left: 1mm; }
.ap-meta { font-size: 8pt; color: #30353b; margin: 1mm 0 1.5mm; break-after: avoid; }
.lv { white-space: nowrap; }
.glyph { vertical-align: -0.5pt; }
.field { margin: 0 0 1.2mm; }
.field b { font-weight: 700; color: #1d3557; margin-right: 1.5mm; }
.field .pre { white-space: pre-wrap; }
.flag { font-weight: 700; color: #8a3200; }
table.entries td:nth-child(1) { width: 15%; }
table.entries td:nth-child(2) { width: 15%; }
table.entries td:nth-child(4) { width: 19%; }
table.compact { font-size: 7.5pt; }
table.compact th, table.compact td { padding: 0.8mm 1.2mm; }
.comment { margin: 0 0 1mm; }
.comment .who { color: #4a5058; font-size: 7.5pt; }
.note { font-size: 8pt; color: #30353b; }
.obj-title { font-weight: 700; }
`;

/**
 * The pack's HTML. pages: where each section starts (section id → page) for
 * the contents; null on the first print (the numbers left blank, in a
 * column of fixed width, so that filling them in moves nothing).
 */
export function buildPackHtml(data: PackData, options: PackHtmlOptions, pages: ReadonlyMap<string, number> | null): string {
  const { language } = options;
  const L = LABELS[language];
  const sections = orderedSections(options.sections);
  const m = data.meeting;
  const header = runningHeader(data, language);
  const out: string[] = [];
  out.push(
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">`,
    `<title>${esc(`${m.title} — ${L.docTitle}`)}</title>`,
    `<style>${documentStyle({ orientation: options.orientation, language, runningHeader: header })}${PACK_CSS}</style></head>`,
    `<body class="${options.orientation}">`,
  );
  const ctx: Ctx = { data, language, L, landscape: options.orientation === 'landscape' };
  // Each section is a block on new pages, the progress section one block per objective (each on new pages):
  // a long pack is printed in parts cut between blocks (parts.ts).
  const blocks: string[] = [];
  for (const section of sections) {
    const id = SECTION_ID[section];
    const body = ((): string | string[] => {
      switch (section) {
        case 'cover':
          return cover(ctx);
        case 'contents':
          return contents(ctx, sections, pages);
        case 'agenda':
          return agenda(ctx);
        case 'participants':
          return participants(ctx);
        case 'summary':
          return summary(ctx);
        case 'progress':
          return progress(ctx);
        case 'issues':
          return issues(ctx);
        case 'follow_ups':
          return followUps(ctx);
        case 'annex':
          return annex(ctx);
      }
    })();
    const [first = '', ...rest] = typeof body === 'string' ? [body] : body;
    if (blocks.length > 0) blocks.push(PART_BREAK);
    blocks.push(`<section class="doc-section${section === 'cover' ? ' doc-cover' : ''}" id="${id}">${first}</section>`);
    for (const more of rest) blocks.push(PART_BREAK, `<section class="doc-section">${more}</section>`);
  }
  out.push(...blocks, '</body></html>');
  return out.join('');
}

interface Ctx {
  data: PackData;
  language: Language;
  L: typeof KO;
  landscape: boolean;
}

function h1(ctx: Ctx, section: PackSection): string {
  return `<h1>${esc(ctx.L.section[section])}</h1>`;
}

function scopeText(ctx: Ctx): string {
  const { data, language, L } = ctx;
  return data.scope === null ? esc(L.allBodies) : bodyName(data, data.scope, language);
}

function cover(ctx: Ctx): string {
  const { data, language, L } = ctx;
  const m = data.meeting;
  const planTitle = language === 'ko' ? data.plan.titleKo : data.plan.titleEn;
  return (
    `<div class="cover"><p class="kicker">${esc(L.kind[m.kind])} · ${esc(L.docTitle)}</p>` +
    `<h1>${userText(m.title, language)}</h1>` +
    `<dl><dt>${esc(L.plan)}</dt><dd>${esc(planTitle)} (${data.plan.startYear}–${data.plan.endYear})</dd>` +
    `<dt>${esc(L.period)}</dt><dd>${esc(data.period.label || String(data.period.year))}</dd>` +
    `<dt>${esc(L.date)}</dt><dd>${esc(m.date)}</dd>` +
    `<dt>${esc(L.place)}</dt><dd>${userText(m.place, language)}</dd>` +
    `<dt>${esc(L.scope)}</dt><dd>${scopeText(ctx)}</dd></dl>` +
    `<p class="foot">${esc(L.preparedBy)}</p></div>`
  );
}

function contents(ctx: Ctx, sections: readonly PackSection[], pages: ReadonlyMap<string, number> | null): string {
  const items = sections
    .filter((s) => s !== 'cover' && s !== 'contents')
    .map((s) => {
      const id = SECTION_ID[s];
      const page = pages?.get(id);
      return `<li><span class="toc-title">${esc(ctx.L.section[s])}</span><span class="toc-page">${page === undefined ? '' : page}</span></li>`;
    });
  return `${h1(ctx, 'contents')}<nav class="contents" aria-label="${esc(ctx.L.section.contents)}"><ol>${items.join('')}</ol></nav>`;
}

function agenda(ctx: Ctx): string {
  const m = ctx.data.meeting;
  const body = m.agenda.trim() ? `<div class="pre">${userText(m.agenda, ctx.language)}</div>` : `<p class="muted">${esc(ctx.L.noAgenda)}</p>`;
  const minutes = m.minutes.trim() ? `<h2>${esc(ctx.L.minutes)}</h2><div class="pre">${userText(m.minutes, ctx.language)}</div>` : '';
  return `${h1(ctx, 'agenda')}${body}${minutes}`;
}

function participants(ctx: Ctx): string {
  const { L, language, data } = ctx;
  const list = data.meeting.participants;
  if (list.length === 0) return `${h1(ctx, 'participants')}<p class="muted">${esc(L.noParticipants)}</p>`;
  const rows = list.map(
    (p) =>
      `<tr><td>${esc(L.participantKind[p.kind])}</td><td>${p.bodyCode ? bodyName(data, p.bodyCode, language) : ''}</td><td>${userText(p.name, language)}</td><td>${userText(p.affiliation, language)}</td><td>${userText(p.role, language)}</td></tr>`,
  );
  return `${h1(ctx, 'participants')}<table><thead><tr><th>${esc(L.kindCol)}</th><th>${esc(L.body)}</th><th>${esc(L.name)}</th><th>${esc(L.affiliation)}</th><th>${esc(L.role)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function summary(ctx: Ctx): string {
  const { data, language, L } = ctx;
  const actions = actionPlansOf(data);
  const entries = actions.flatMap((a) => a.entries);
  const reported = entries.filter((e) => e.completion !== null).length;
  const delayed = entries.filter((e) => e.delayed === true).length;
  const returned = data.reports.filter((r) => r.status === 'returned').length;
  const width = ctx.landscape ? 900 : 620;
  const levelNames = Object.fromEntries((['not_started', 'limited', 'substantial', 'completed', 'no_evidence', 'none'] as LevelKey[]).map((k) => [k, levelLabel(k, language)])) as Record<
    LevelKey,
    string
  >;
  const byArea = data.areas.map((area) => {
    const levels = area.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans.map((a) => a.level)));
    return { label: `${area.seq}. ${language === 'ko' ? area.nameKo : area.nameEn}`, counts: counts(levels) };
  });
  const out: string[] = [h1(ctx, 'summary')];
  out.push(`<h2>${esc(L.summaryFigures)}</h2><div class="figures">`);
  out.push(`<div class="figure"><b>${actions.length}</b>${esc(L.actionPlans)}</div>`);
  out.push(`<div class="figure"><b>${reported} / ${entries.length}</b>${esc(L.entries)} (${esc(L.reportedOf)})</div>`);
  out.push(`<div class="figure"><b>${delayed}</b>${esc(L.delayed)}</div>`);
  out.push(`<div class="figure"><b>${returned} / ${data.reports.length}</b>${esc(L.returned)}</div></div>`);
  out.push(`<h2>${esc(L.levelsByArea)}</h2><figure>${levelBars(byArea, levelNames, { id: 'area', width, title: L.levelsByArea, totalLabel: L.total })}<figcaption>${esc(L.chartNote)}</figcaption></figure>`);
  out.push(levelTable(ctx, L.area, byArea));
  if (data.scope === null && data.bodies.length > 1) {
    const byBody = data.bodies.map((b) => ({
      label: b.code,
      counts: counts(actions.flatMap((a) => a.entries.filter((e) => e.bodyCode === b.code).map((e) => e.completion))),
    }));
    out.push(`<h2>${esc(L.levelsByBody)}</h2><figure>${levelBars(byBody, levelNames, { id: 'body', width, title: L.levelsByBody, totalLabel: L.total })}</figure>`);
    out.push(levelTable(ctx, L.body, byBody));
  }
  out.push(`<h2>${esc(L.reports)}</h2><table><thead><tr><th>${esc(L.body)}</th><th>${esc(L.status)}</th><th>${esc(L.returnReason)}</th></tr></thead><tbody>`);
  for (const r of data.reports) {
    out.push(`<tr><td>${bodyName(data, r.bodyCode, language)}</td><td>${esc(statusLabel(r.status, language))}</td><td>${r.returnedReason ? userText(r.returnedReason, language, 'pre') : ''}</td></tr>`);
  }
  out.push('</tbody></table>');
  return out.join('');
}

function levelTable(ctx: Ctx, first: string, rows: readonly { label: string; counts: Record<LevelKey, number> }[]): string {
  const keys: LevelKey[] = ['completed', 'substantial', 'limited', 'not_started', 'no_evidence', 'none'];
  const head = keys.map((k) => `<th class="num">${levelGlyph(k)} ${esc(levelLabel(k, ctx.language))}</th>`).join('');
  const body = rows
    .map((r) => `<tr><td>${esc(r.label)}</td>${keys.map((k) => `<td class="num">${r.counts[k]}</td>`).join('')}<td class="num">${keys.reduce((s, k) => s + r.counts[k], 0)}</td></tr>`)
    .join('');
  return `<table class="compact"><thead><tr><th>${esc(first)}</th>${head}<th class="num">${esc(ctx.L.total)}</th></tr></thead><tbody>${body}</tbody></table>`;
}

function field(ctx: Ctx, label: string, value: string | null): string {
  if (value === null || value.trim() === '') return '';
  return `<div class="field"><b>${esc(label)}</b>${userText(value, ctx.language, 'pre')}</div>`;
}

function entryRow(ctx: Ctx, e: PackEntry): string {
  const { L, language, data } = ctx;
  const texts =
    field(ctx, L.achievements, e.achievements) +
    field(ctx, L.nextSteps, e.nextSteps) +
    field(ctx, L.difficulties, e.difficulties) +
    (e.delayed ? field(ctx, L.delayReason, e.delayReason) : '') +
    e.comments.map((c) => `<div class="comment"><b>${esc(L.comments)}</b> ${userText(c.text, language)} <span class="who">${esc(c.author)} ${esc(c.createdAt.slice(0, 10))}</span></div>`).join('');
  const indicators = e.indicators
    .map((i) => `<div>${esc(language === 'ko' ? i.nameKo : i.nameEn)}: <b>${indicatorValue(i.kind, i.value, language)}</b>${i.target !== null ? ` <span class="muted">/ ${esc(L.target)} ${indicatorValue(i.kind, i.target, language, i.kind === 'yes_no')}</span>` : ''}</div>`)
    .join('');
  const delay = e.delayed === null ? '' : `<div${e.delayed ? ' class="flag"' : ''}>${esc(L.delay)}: ${esc(e.delayed ? L.yes : L.no)}</div>`;
  return (
    `<tr><td>${bodyName(data, e.bodyCode, language)}<div class="muted">${esc(statusLabel(e.reportStatus, language))}</div></td>` +
    `<td>${levelCell(e.completion, language)}${delay}<div>${esc(L.evidence)}: ${e.evidenceCount}</div></td>` +
    `<td>${texts || `<span class="muted">${esc(L.notWritten)}</span>`}</td>` +
    `<td><div>${esc(L.allocated)} ${won(e.budgetAllocated)}</div><div>${esc(L.executed)} ${won(e.budgetExecuted)}</div>${indicators}</td></tr>`
  );
}

function actionBlock(ctx: Ctx, a: PackActionPlan, entriesHead: string): string {
  const { L, language } = ctx;
  const cons = a.consolidated;
  const override = cons.override ? ` · ${esc(L.override)}: ${esc(levelLabel(cons.override.completion, language))} (${userText(cons.override.reason, language)})` : '';
  const panel = a.panelComments.length
    ? `<div class="keep note"><b>${esc(L.panelComments)}</b>${a.panelComments.map((c) => `<div class="comment">${userText(c.text, language)} <span class="who">${esc(c.author)}</span></div>`).join('')}</div>`
    : '';
  return (
    `<div class="ap"><div class="ap-head"><span class="ap-code">${esc(a.code)}</span><span class="ap-text">${planText(a.textKo, a.textEn, language)}</span><span class="ap-level">${levelCell(a.level, language, true)}</span></div>` +
    `<div class="ap-meta">${esc(L.bodies)}: ${a.bodyCodes.map(esc).join(', ')}${ctx.data.scope === null ? ` · ${esc(L.consolidated)}: ${esc(levelLabel(cons.effective ?? 'none', language))} (${cons.reported}/${cons.expected} ${esc(L.reportedOf)})` : ''}${override}</div>` +
    `<table class="entries">${entriesHead}<tbody>${a.entries.map((e) => entryRow(ctx, e)).join('')}</tbody></table>${panel}</div>`
  );
}

/**
 * The progress section: one block per objective, each starting on a new page
 * (the first with the section's heading, the first of an area with the
 * area's), so that a long pack can be printed in parts cut between them.
 */
function progress(ctx: Ctx): string[] {
  const { data, language, L } = ctx;
  const head = `<thead><tr><th>${esc(L.body)}</th><th>${esc(L.level)}</th><th>${esc(L.achievements)} · ${esc(L.nextSteps)}</th><th>${esc(L.budget)} · ${esc(L.indicators)}</th></tr></thead>`;
  const blocks: string[] = [];
  let out: string[] = [h1(ctx, 'progress')];
  for (const area of data.areas) {
    out.push(`<h2>${esc(L.area)} ${area.seq}. ${esc(language === 'ko' ? area.nameKo : area.nameEn)}</h2>`);
    for (const o of area.objectives) {
      out.push(`<h3>${esc(L.objective)} ${o.number}. ${planText(o.textKo, o.textEn, language)}</h3>`);
      for (const s of o.strategies) {
        out.push(`<h4>${esc(L.strategy)} ${esc(s.code)} ${planText(s.textKo, s.textEn, language)}</h4>`);
        for (const a of s.actionPlans) out.push(actionBlock(ctx, a, head));
      }
      blocks.push(out.join(''));
      out = [];
    }
  }
  if (out.length > 0) blocks.push(out.join(''));
  return blocks;
}

function issues(ctx: Ctx): string {
  const { data, language, L } = ctx;
  const actions = actionPlansOf(data);
  const out: string[] = [h1(ctx, 'issues')];
  const table = (title: string, head: string[], rows: string[]) => {
    out.push(`<h2>${esc(title)}</h2>`);
    if (rows.length === 0) out.push(`<p class="muted">${esc(L.nothing)}</p>`);
    else out.push(`<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`);
  };
  const apCell = (a: PackActionPlan) => `<td><b>${esc(a.code)}</b> ${planText(a.textKo, a.textEn, language)}</td>`;
  table(
    L.delayedList,
    [L.actionPlan, L.body, L.delayReason],
    actions.flatMap((a) => a.entries.filter((e) => e.delayed === true).map((e) => `<tr>${apCell(a)}<td>${esc(e.bodyCode)}</td><td>${e.delayReason ? userText(e.delayReason, language, 'pre') : '–'}</td></tr>`)),
  );
  table(
    L.noEvidenceList,
    [L.actionPlan, L.body, L.level, L.evidenceCount],
    actions.flatMap((a) => a.entries.filter(lacksEvidence).map((e) => `<tr>${apCell(a)}<td>${esc(e.bodyCode)}</td><td>${levelCell(e.completion, language)}</td><td class="num">${e.evidenceCount}</td></tr>`)),
  );
  table(
    L.returnedList,
    [L.body, L.returnReason],
    data.reports.filter((r) => r.status === 'returned').map((r) => `<tr><td>${bodyName(data, r.bodyCode, language)}</td><td>${r.returnedReason ? userText(r.returnedReason, language, 'pre') : '–'}</td></tr>`),
  );
  table(
    L.behindList,
    [L.actionPlan, L.indicator, L.target, L.actual, L.reportedBodies],
    actions.flatMap((a) =>
      a.indicators
        .filter(isBehindTarget)
        .map((i) => `<tr>${apCell(a)}<td>${esc(language === 'ko' ? i.nameKo : i.nameEn)}</td><td class="num">${indicatorValue(i.kind, i.target, language, true)}</td><td class="num">${indicatorValue(i.kind, i.actual, language, true)}</td><td class="num">${i.reported}</td></tr>`),
    ),
  );
  table(
    L.panelList,
    [L.actionPlan, L.panelComments],
    actions.flatMap((a) => a.panelComments.map((c) => `<tr>${apCell(a)}<td>${userText(c.text, language, 'pre')} <span class="muted">${esc(c.author)}</span></td></tr>`)),
  );
  return out.join('');
}

function followUps(ctx: Ctx): string {
  const { data, language, L } = ctx;
  if (data.followUps.length === 0) return `${h1(ctx, 'follow_ups')}<p class="muted">${esc(L.noFollowUps)}</p>`;
  const rows = data.followUps.map(
    (f) =>
      `<tr><td>${esc(f.meetingDate)}<div>${userText(f.meetingTitle, language)}</div></td><td>${bodyName(data, f.ownerBody, language)}</td><td>${f.actionPlanCode ? esc(f.actionPlanCode) : '–'}</td><td>${userText(f.text, language, 'pre')}</td><td>${f.dueDate ? esc(f.dueDate) : '–'}</td><td>${esc(L.state[f.state])}</td></tr>`,
  );
  return `${h1(ctx, 'follow_ups')}<table><thead><tr><th>${esc(L.meeting)}</th><th>${esc(L.owner)}</th><th>${esc(L.actionPlan)}</th><th>${esc(L.followUp)}</th><th>${esc(L.due)}</th><th>${esc(L.stateCol)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function annex(ctx: Ctx): string {
  const { data, language, L } = ctx;
  const actions = actionPlansOf(data);
  const out: string[] = [h1(ctx, 'annex'), `<h2>${esc(L.annexEntries)}</h2>`];
  out.push(
    `<table class="compact"><thead><tr><th>${esc(L.code)}</th><th>${esc(L.body)}</th><th>${esc(L.level)}</th><th>${esc(L.delay)}</th><th class="num">${esc(L.allocated)}</th><th class="num">${esc(L.executed)}</th><th class="num">${esc(L.evidence)}</th><th>${esc(L.status)}</th></tr></thead><tbody>`,
  );
  for (const a of actions) {
    for (const e of a.entries) {
      out.push(
        `<tr><td>${esc(a.code)}</td><td>${esc(e.bodyCode)}</td><td>${levelCell(e.completion, language)}</td><td>${e.delayed === null ? '–' : esc(e.delayed ? L.yes : L.no)}</td><td class="num">${won(e.budgetAllocated)}</td><td class="num">${won(e.budgetExecuted)}</td><td class="num">${e.evidenceCount}</td><td>${esc(statusLabel(e.reportStatus, language))}</td></tr>`,
      );
    }
  }
  out.push('</tbody></table>');
  const indicators: { a: PackActionPlan; i: PackIndicator }[] = actions.flatMap((a) => a.indicators.map((i) => ({ a, i })));
  out.push(`<h2>${esc(L.annexIndicators)}</h2>`);
  if (indicators.length === 0) {
    out.push(`<p class="muted">${esc(L.nothing)}</p>`);
  } else {
    out.push(
      `<table class="compact"><thead><tr><th>${esc(L.code)}</th><th>${esc(L.indicator)}</th><th class="num">${esc(L.baseline)}</th><th class="num">${esc(L.target)}</th><th class="num">${esc(L.actual)}</th><th>${esc(L.value)} (${esc(L.body)})</th></tr></thead><tbody>`,
    );
    for (const { a, i } of indicators) {
      const perBody = a.entries
        .map((e) => {
          const v = e.indicators.find((x) => x.indicatorId === i.indicatorId)?.value ?? null;
          return `${esc(e.bodyCode)} ${indicatorValue(i.kind, v, language)}`;
        })
        .join(' · ');
      out.push(
        `<tr><td>${esc(a.code)}</td><td>${esc(language === 'ko' ? i.nameKo : i.nameEn)}${i.unit ? ` (${esc(i.unit)})` : ''}</td><td class="num">${indicatorValue(i.kind, i.baseline, language, i.kind === 'yes_no')}</td><td class="num">${indicatorValue(i.kind, i.target, language, i.kind === 'yes_no')}</td><td class="num">${indicatorValue(i.kind, i.actual, language, true)}${isBehindTarget(i) ? ` <span class="flag">${esc(L.behind)}</span>` : ''}</td><td>${perBody}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  return out.join('');
}

