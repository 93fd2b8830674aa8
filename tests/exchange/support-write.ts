/**
 * MOFA's 2022 report on a real seeded database, as the writer's tests need
 * it: every entry filled in (Korean text, two 20,000-character
 * achievements, budgets, texts that look like formulas or like the file's
 * own escapes), evidence (one removed), three indicators (one removed),
 * MOGEF's comments (one removed), last year's entry, and the report
 * submitted and returned with a reason. And the workbook written from it.
 */
import { randomUUID } from 'node:crypto';
import { saveEntry } from '../../db/entries';
import { addEvidence, defineIndicator, removeEvidence, setIndicatorValue } from '../../db/indicators';
import { getBodyReport, submitReport, transitionReport } from '../../db/reports';
import { addEntryComment } from '../../db/review';
import { installationId } from '../../db/identity';
import { gatherWorkbook } from '../../main/exchange/gather';
import type { EntryPatch } from '../../contract/progress';
import type { WorkbookData } from '../../contract/exchange';
import { mofa, mogef, seededDb, type SeededDb } from '../support/app';

/** A Korean text of exactly LONG_TEXT_MAX characters. */
export function longKorean(seed: string): string {
  const unit = `${seed} 여성·평화·안보 교육을 실시하고 참가자의 의견을 모았다. `;
  return unit.repeat(Math.ceil(20_000 / unit.length)).slice(0, 20_000);
}

export const RETURN_REASON = '예산 집행액을 확인해 주세요.\nCheck the executed budget.';

/** Texts a spreadsheet could take for something else, by field of action plan 2.1.1. */
export const TRICKY: EntryPatch = {
  completion: 'limited',
  delayed: true,
  delayReason: '@SUM(A1)',
  achievements: '=1+1',
  nextSteps: '+A1',
  difficulties: '-2',
};
/** A text with the file's own escape form, a control character, carriage returns, an emoji (action plan 2.1.2). */
export const ESCAPES = 'Literal _x0041_ and _x005F_; bell \u0007 here; lone CR\rhere; CR LF\r\nend; 🙂 한국어';

/** A text as SheetJS reads it from an .xlsx: it folds CR LF into LF on purpose (a lone CR stays). */
export function sheetjsText(text: string | null): string | undefined {
  return text === null || text === '' ? undefined : text.replace(/\r\n/g, '\n');
}

export interface Fixture {
  t: SeededDb;
  periodId: number;
  /** Indicator ids: a count with a 2022 target, a yes/no, one removed. */
  indicators: { count: number; yesNo: number; removed: number };
  data: WorkbookData;
}

export function mofaFixture(language: 'ko' | 'en' = 'ko'): Fixture {
  const t = seededDb();
  const periodId = t.period[2022];
  const key = (code: string, year: 2021 | 2022 = 2022) => ({ actionPlanId: t.action(code), bodyCode: 'MOFA', periodId: t.period[year] });

  // The seed has no Korean text for objectives, strategies and action plans: a plan document that has, for 1.1.1.
  t.db.prepare('UPDATE action_plan SET text_ko = ? WHERE id = ?').run('평화·안보 분야 종사자의 성인지 역량 강화', t.action('1.1.1'));
  t.db
    .prepare('UPDATE strategy SET text_ko = ? WHERE id = (SELECT strategy_id FROM action_plan WHERE id = ?)')
    .run('여성·평화·안보 교육 확대', t.action('1.1.1'));

  saveEntry(t.db, key('1.1.1', 2021), 0, { completion: 'limited', delayed: false, achievements: '2021년 교육 1회', nextSteps: '확대' }, mofa, '김외교');

  const count = defineIndicator(
    t.db,
    { actionPlanId: t.action('1.1.1'), nameEn: 'Trainees', nameKo: '교육 인원', unit: '명', kind: 'number', targets: [{ periodId, target: 30 }, { periodId: t.period[2023], target: 40 }] },
    mogef,
  );
  const yesNo = defineIndicator(t.db, { actionPlanId: t.action('1.1.1'), nameEn: 'Manual published', nameKo: '교재 발간', kind: 'yes_no' }, mogef);
  const removed = defineIndicator(t.db, { actionPlanId: t.action('5.1.4'), nameEn: 'Old share', nameKo: '옛 비율', kind: 'percent' }, mogef);
  // No function removes an indicator yet: MOGEF's removal as the table keeps it.
  t.db.prepare('UPDATE indicator SET removed_at = ? WHERE id = ?').run('2022-03-01T00:00:00.000Z', removed);

  for (const item of getBodyReport(t.db, 'MOFA', periodId).items) {
    const patch: EntryPatch =
      item.code === '1.1.1'
        ? {
            completion: 'substantial',
            delayed: false,
            achievements: longKorean('1.1.1'),
            nextSteps: '2023년에 교재를 개정한다.',
            difficulties: '예산 부족',
            budgetAllocated: 120_000_000,
            budgetExecuted: 98_765_432,
          }
        : item.code === '2.1.1'
          ? TRICKY
          : item.code === '2.1.2'
            ? { completion: 'completed', delayed: false, achievements: ESCAPES, nextSteps: '없음' }
            : item.code === '5.1.4'
              ? { completion: 'no_evidence', delayed: false, achievements: longKorean('5.1.4'), nextSteps: '계속', budgetAllocated: 0 }
              : { completion: 'completed', delayed: false, achievements: `${item.code} 추진 실적`, nextSteps: `${item.code} 향후 계획` };
    saveEntry(t.db, key(item.code), 0, patch, mofa, '김외교');
  }
  setIndicatorValue(t.db, key('1.1.1'), count, 25, mofa);
  setIndicatorValue(t.db, key('1.1.1'), yesNo, 1, mofa);
  addEvidence(t.db, key('1.1.1'), { title: '교육 결과 보고서', docDate: '2022-06-30', reference: '외교부 문서 2022-118' }, mofa);
  const gone = addEvidence(t.db, key('1.1.1'), { title: '지운 자료', docDate: null, reference: null }, mofa);
  addEvidence(t.db, key('1.1.1'), { title: 'Press release', docDate: null, reference: 'https://www.mofa.go.kr/' }, mofa);
  removeEvidence(t.db, key('1.1.1'), gone, mofa);

  submitReport(t.db, periodId, mofa);
  addEntryComment(t.db, key('1.1.1'), '교육 인원의 근거를 붙여 주세요.', mogef);
  const withdrawn = addEntryComment(t.db, key('1.1.1'), '철회된 의견', mogef);
  t.db.prepare('UPDATE entry_comment SET removed_at = ? WHERE id = ?').run('2022-12-02T00:00:00.000Z', withdrawn);
  addEntryComment(t.db, key('2.1.1'), '=HYPERLINK("http://example.com")', mogef);
  transitionReport(t.db, 'return', 'MOFA', periodId, mogef, { reason: RETURN_REASON });

  const data = gatherWorkbook(t.db, {
    kind: 'request',
    bodyCode: 'MOFA',
    periodId,
    language,
    writer: { installation: installationId(t.db), role: 'coordinator', body: null, name: '박조정 (MOGEF)' },
    writtenAt: '2026-12-01T22:03:00.000Z',
    exportId: randomUUID(),
  });
  return { t, periodId, indicators: { count, yesNo, removed }, data };
}
