/**
 * The change log (db/history.ts), as mutation testing asks
 * (docs/mutation-testing.md): who is named, which installation, how
 * values are stored (absent and null as NULL, false and 0 and "" as
 * themselves), and which rows each history reads back.
 */
import { describe, expect, it } from 'vitest';
import { actorName, entryHistory, logChange, nowIso, overrideHistory } from '../../db/history';
import { installationId } from '../../db/identity';
import { mofa, mogef, seededDb } from '../support/app';

interface Row {
  at: string;
  actor: string;
  actor_role: string;
  actor_installation: string;
  entity: string;
  entity_id: number;
  field: string;
  before: string | null;
  after: string | null;
}

function rows(t: ReturnType<typeof seededDb>): Row[] {
  return t.db.prepare('SELECT at, actor, actor_role, actor_installation, entity, entity_id, field, before, after FROM change_log ORDER BY id').all() as Row[];
}

describe('who made a change', () => {
  it('names a body by its focal point and code, the coordinator as MOGEF', () => {
    expect(actorName(mofa)).toBe('김외교 (MOFA)');
    expect(actorName(mogef)).toBe('박조정 (MOGEF)');
  });

  it('now is an ISO time in UTC', () => {
    const before = Date.now();
    const now = nowIso();
    expect(now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(now)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(now)).toBeLessThanOrEqual(Date.now());
  });
});

describe('logging a change', () => {
  it('stores the actor, this installation, the entity and the values as JSON', () => {
    const t = seededDb();
    const here = installationId(t.db);
    logChange(t.db, mofa, 'entry', 7, 'achievements', { a: 1 }, '실적', '2026-01-02T03:04:05.000Z');
    expect(rows(t)).toEqual([
      {
        at: '2026-01-02T03:04:05.000Z',
        actor: '김외교 (MOFA)',
        actor_role: 'body',
        actor_installation: here,
        entity: 'entry',
        entity_id: 7,
        field: 'achievements',
        before: '{"a":1}',
        after: '"실적"',
      },
    ]);
  });

  it('names the installation a change came from when one is given (an import)', () => {
    const t = seededDb();
    const other = '0f0e0d0c-0b0a-4908-8706-050403020100';
    logChange(t.db, { ...mogef, installationId: other }, 'report', 3, 'status', 'draft', 'submitted', '2026-01-02T03:04:05.000Z');
    expect(rows(t)[0]).toMatchObject({ actor: '박조정 (MOGEF)', actor_role: 'coordinator', actor_installation: other, before: '"draft"', after: '"submitted"' });
  });

  it('stores absent and null as NULL, and false, 0 and the empty text as themselves', () => {
    const t = seededDb();
    logChange(t.db, mofa, 'entry', 1, 'a', undefined, null);
    logChange(t.db, mofa, 'entry', 1, 'b', false, 0);
    logChange(t.db, mofa, 'entry', 1, 'c', '', []);
    expect(rows(t).map((r) => [r.field, r.before, r.after])).toEqual([
      ['a', null, null],
      ['b', 'false', '0'],
      ['c', '""', '[]'],
    ]);
  });

  it('stamps the time of the change when none is given', () => {
    const t = seededDb();
    const before = Date.now();
    logChange(t.db, mofa, 'entry', 1, 'a', null, 1);
    const at = rows(t)[0]!.at;
    expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(at)).toBeGreaterThanOrEqual(before);
  });
});

describe('reading a history back', () => {
  it("an entry's history holds its own rows only, in order, with the values read back", () => {
    const t = seededDb();
    logChange(t.db, mofa, 'entry', 5, 'completion', null, 'limited', '2026-01-01T00:00:00.000Z');
    logChange(t.db, mofa, 'entry', 6, 'completion', null, 'completed', '2026-01-01T00:00:01.000Z');
    logChange(t.db, mofa, 'report', 5, 'status', 'draft', 'submitted', '2026-01-01T00:00:02.000Z');
    logChange(t.db, mogef, 'entry', 5, 'comment', undefined, { text: '확인' }, '2026-01-01T00:00:03.000Z');
    expect(entryHistory(t.db, 5)).toEqual([
      { at: '2026-01-01T00:00:00.000Z', actor: '김외교 (MOFA)', actorRole: 'body', entity: 'entry', field: 'completion', before: null, after: 'limited' },
      { at: '2026-01-01T00:00:03.000Z', actor: '박조정 (MOGEF)', actorRole: 'coordinator', entity: 'entry', field: 'comment', before: null, after: { text: '확인' } },
    ]);
    expect(entryHistory(t.db, 99)).toEqual([]);
  });

  it("an override's history holds the rows of its action plan and period only", () => {
    const t = seededDb();
    logChange(t.db, mogef, 'override', 10, 'period:2', null, { completion: 'limited', reason: '근거' }, '2026-01-01T00:00:00.000Z');
    logChange(t.db, mogef, 'override', 10, 'period:3', null, { completion: 'completed', reason: '다른 기간' }, '2026-01-01T00:00:01.000Z');
    logChange(t.db, mogef, 'override', 11, 'period:2', null, { completion: 'completed', reason: '다른 과제' }, '2026-01-01T00:00:02.000Z');
    logChange(t.db, mogef, 'entry', 10, 'period:2', null, 'x', '2026-01-01T00:00:03.000Z');
    logChange(t.db, mogef, 'override', 10, 'period:2', { completion: 'limited', reason: '근거' }, { completion: null, reason: '철회' }, '2026-01-01T00:00:04.000Z');
    expect(overrideHistory(t.db, 10, 2)).toEqual([
      { at: '2026-01-01T00:00:00.000Z', actor: '박조정 (MOGEF)', actorRole: 'coordinator', entity: 'override', field: 'period:2', before: null, after: { completion: 'limited', reason: '근거' } },
      {
        at: '2026-01-01T00:00:04.000Z',
        actor: '박조정 (MOGEF)',
        actorRole: 'coordinator',
        entity: 'override',
        field: 'period:2',
        before: { completion: 'limited', reason: '근거' },
        after: { completion: null, reason: '철회' },
      },
    ]);
  });
});
