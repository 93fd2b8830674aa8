/** The entry write path: texts normalised as stored, a retried save idempotent. */
import { describe, expect, it } from 'vitest';
import { getEntry, saveEntry } from '../../db/entries';
import { getBodyReport } from '../../db/reports';
import { mofa, seededDb } from '../support/app';

function mofaEntry() {
  const t = seededDb();
  const periodId = t.period[2022];
  const item = getBodyReport(t.db, 'MOFA', periodId).items[0]!;
  const key = { actionPlanId: item.actionPlanId, bodyCode: 'MOFA', periodId };
  const changes = () => t.db.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
  return { t, key, changes };
}

describe('saving an entry', () => {
  it('stores text NFC and trimmed; white space alone clears the field', () => {
    const { t, key } = mofaEntry();
    const e = saveEntry(t.db, key, 0, { achievements: '\u3000\u1112\u1161\u11ab 성과\n', nextSteps: '\u00a0\n', difficulties: ' ' }, mofa, 'x');
    expect(e.achievements).toBe('\ud55c 성과');
    expect(e.nextSteps).toBeNull();
    expect(e.difficulties).toBeNull();
    expect(t.db.prepare('SELECT achievements FROM progress_entry WHERE id = ?').pluck().get(e.id)).toBe('\ud55c 성과');
    // The history holds what was stored, and no change for the fields that stayed empty.
    const logged = t.db.prepare("SELECT field, after FROM change_log WHERE entity = 'entry' ORDER BY id").all();
    expect(logged).toEqual([{ field: 'achievements', after: JSON.stringify('\ud55c 성과') }]);
  });

  it('sees no change in text that differs only by white space at its ends', () => {
    const { t, key, changes } = mofaEntry();
    const e = saveEntry(t.db, key, 0, { achievements: '성과' }, mofa, 'x');
    const before = changes();
    const again = saveEntry(t.db, key, e.revision, { achievements: '  성과\u3000' }, mofa, 'x');
    expect(again.revision).toBe(e.revision);
    expect(changes()).toBe(before);
  });

  it('answers a save retried after a lost answer as if it were new: no conflict, no second change', () => {
    const { t, key, changes } = mofaEntry();
    const first = saveEntry(t.db, key, 0, { achievements: '성과', budgetAllocated: 1000 }, mofa, 'x');
    const before = changes();
    // The renderer never saw revision 1: it sends the same patch against revision 0 again.
    const retried = saveEntry(t.db, key, 0, { achievements: '성과', budgetAllocated: 1000 }, mofa, 'x');
    expect(retried.revision).toBe(first.revision);
    expect(retried.achievements).toBe('성과');
    expect(changes()).toBe(before);
  });

  it('still refuses a stale save that would change something, and changes nothing', () => {
    const { t, key, changes } = mofaEntry();
    saveEntry(t.db, key, 0, { achievements: '성과' }, mofa, 'x');
    const before = changes();
    expect(() => saveEntry(t.db, key, 0, { achievements: '다른 성과' }, mofa, 'x')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => saveEntry(t.db, key, 0, { achievements: '성과', nextSteps: '새 계획' }, mofa, 'x')).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    // An empty patch against a stale revision is not a retried save.
    expect(() => saveEntry(t.db, key, 0, {}, mofa, 'x')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(changes()).toBe(before);
    expect(getEntry(t.db, key, mofa).achievements).toBe('성과');
  });
});
