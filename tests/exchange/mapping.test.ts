/**
 * The column-mapping step: a workbook a body rebuilt by hand, with its own
 * sheet name, a title row and headers of its own, no NAP Monitor
 * information sheet. Without a mapping it is refused, saying the header row
 * was not found; with the body, the year and a mapping of its columns it is
 * previewed and applied at MOGEF like any other, values read by the same
 * codecs (a Korean amount refused for its cell).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { dumpDatabase } from '../../db/dump';
import { tempDir } from '../support/tmp';
import { apply, bodyActions, cli, ok, preview, withDb, YEAR } from './support-cycle';

describe('a workbook rebuilt by hand, through a column mapping', { timeout: 120_000 }, () => {
  it('is refused without a mapping and imported with one', async () => {
    const base = tempDir();
    const mogef = path.join(base, 'mogef');
    await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
    const codes = withDb(mogef, (db) => bodyActions(db, 'MOFA')).slice(0, 3);
    const ws = XLSX.utils.aoa_to_sheet([
      ['외교부 2023년 실적 (직접 작성)'],
      ['과제번호', '진척', '지연', '실적내용', '향후계획', '편성예산'],
      [codes[0], '완료', '아니오', '손으로 만든 표의 실적', '계속', '5,000,000원'],
      [codes[1], 'limited ', '예', '둘째 과제 실적', '보완', 12_000_000],
      [codes[2], '상당 부분', 'no', '셋째', '확대', '1억 2천만원'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '외교부 실적');
    const file = path.join(base, 'mofa-by-hand.xlsx');
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

    const refused = await cli('--data-dir', mogef, 'import', file, '--body', 'MOFA', '--year', String(YEAR));
    expect(refused.status).toBe(2);
    expect(refused.err).toMatch(/외교부 실적/);

    const map = ['--body', 'MOFA', '--year', String(YEAR), '--header-row', '2', '--map', 'A=code,B=completion,C=delayed,D=achievements,E=nextSteps,F=budgetAllocated'];
    const p = JSON.parse(await ok('--data-dir', mogef, 'import', file, '--json', ...map)) as Awaited<ReturnType<typeof preview>>;
    expect(p).toMatchObject({ kind: null, body: 'MOFA', year: YEAR, writer: null });
    expect(p.counts.new).toBe(3);
    const third = p.rows.find((r) => r.actionPlan === codes[2])!;
    expect(third.fields.find((f) => f.field === 'budgetAllocated')).toMatchObject({ outcome: 'rejected', cell: `외교부 실적!F5` });
    await apply(mogef, file, ...map);
    withDb(mogef, (db) => {
      const byCode = new Map(dumpDatabase(db).entries.filter((e) => e.body === 'MOFA').map((e) => [e.actionPlan, e]));
      expect(byCode.get(codes[0]!)).toMatchObject({ completion: 'completed', delayed: false, achievements: '손으로 만든 표의 실적', budgetAllocated: 5_000_000 });
      expect(byCode.get(codes[1]!)).toMatchObject({ completion: 'limited', delayed: true, budgetAllocated: 12_000_000 });
      expect(byCode.get(codes[2]!)).toMatchObject({ completion: 'substantial', delayed: false, budgetAllocated: null });
    });

    const bad = await cli('--data-dir', mogef, 'import', file, '--body', 'MOFA', '--year', String(YEAR), '--map', 'A=code,B=progress');
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/--map/);
  });
});
