/**
 * Undo of an import that removed an indicator is refused (docs/decisions/0013):
 * the removal is MOGEF's, and the indicator cannot be brought back (migration
 * 0030: an indicator is only removed, once). The refusal names why, changes
 * nothing, and the body's values of the indicator are kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpDatabase } from '../../db/dump';
import { defineIndicator, setIndicatorValue } from '../../db/indicators';
import { requireInstallation } from '../../db/installation';
import { undoImport } from '../../main/exchange/apply';
import { DomainError } from '../../contract/result';
import { tempDir } from '../support/tmp';
import { actionId, apply, bodyActions, ok, period, withDb, YEAR } from './support-cycle';

describe('undo of an import that removed an indicator', { timeout: 120_000 }, () => {
  it('is refused, changes nothing, and keeps the values entered for the indicator', async () => {
    const base = tempDir();
    try {
      const mogef = path.join(base, 'mogef');
      const mofa = path.join(base, 'mofa');
      await ok('--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정');
      await ok('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
      const first = withDb(mofa, (db) => bodyActions(db, 'MOFA')[0]!);
      const uid = withDb(mogef, (db) => {
        const id = defineIndicator(db, { actionPlanId: actionId(db, first), nameEn: 'Trainings held', nameKo: '교육 횟수', unit: '회', kind: 'number' }, requireInstallation(db));
        return db.prepare('SELECT uid FROM indicator WHERE id = ?').pluck().get(id) as string;
      });
      const request = path.join(base, 'request-1.xlsx');
      await ok('--data-dir', mogef, 'export', 'request', '--body', 'MOFA', '--year', String(YEAR), '--out', request);
      await apply(mofa, request);
      // MOFA enters a value for it.
      withDb(mofa, (db) => {
        const id = db.prepare('SELECT id FROM indicator WHERE uid = ?').pluck().get(uid) as number;
        setIndicatorValue(db, { actionPlanId: actionId(db, first), bodyCode: 'MOFA', periodId: period(db) }, id, 4, requireInstallation(db));
      });
      // MOGEF removes the indicator (no function removes one yet: the removal as the table keeps it) and writes the request again.
      withDb(mogef, (db) => db.prepare('UPDATE indicator SET removed_at = ? WHERE uid = ?').run(new Date().toISOString(), uid));
      const request2 = path.join(base, 'request-2.xlsx');
      await ok('--data-dir', mogef, 'export', 'request', '--body', 'MOFA', '--year', String(YEAR), '--out', request2);
      const record = await apply(mofa, request2, '--confirm');
      withDb(mofa, (db) => {
        expect(db.prepare('SELECT removed_at IS NOT NULL FROM indicator WHERE uid = ?').pluck().get(uid)).toBe(1);
        const before = JSON.stringify(dumpDatabase(db));
        let refused: unknown = null;
        try {
          undoImport(db, record.id, requireInstallation(db));
        } catch (e) {
          refused = e;
        }
        expect(refused).toBeInstanceOf(DomainError);
        expect((refused as DomainError).details?.[0]?.hint).toBe('indicator_removed');
        expect(JSON.stringify(dumpDatabase(db))).toBe(before);
        expect(db.prepare('SELECT undone_at FROM exchange_import WHERE id = ?').pluck().get(record.id)).toBeNull();
        // The value MOFA entered is still there, and the guard refuses to bring the indicator back.
        expect(db.prepare('SELECT v.value FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id WHERE i.uid = ?').pluck().get(uid)).toBe(4);
        expect(() => db.prepare('UPDATE indicator SET removed_at = NULL WHERE uid = ?').run(uid)).toThrow(/only removed, once/);
      });
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
