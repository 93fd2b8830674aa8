/**
 * Who the installation is (db/installation.ts), as mutation testing asks
 * (docs/mutation-testing.md): the refusals with their codes and messages,
 * the change log of a set-up and a reset, a stored identity that no longer
 * reads, and what other installations are told.
 */
import { describe, expect, it } from 'vitest';
import { getInstallation, initializeInstallation, installationInfo, requireInstallation, resetInstallation } from '../../db/installation';
import { installationId } from '../../db/identity';
import { refusal } from '../support/refusal';
import { mofa, mogef, seededDb } from '../support/app';

interface LogRow {
  actor: string;
  actor_role: string;
  entity: string;
  entity_id: number;
  field: string;
  before: string | null;
  after: string | null;
}

function log(t: ReturnType<typeof seededDb>): LogRow[] {
  return t.db.prepare('SELECT actor, actor_role, entity, entity_id, field, before, after FROM change_log ORDER BY id').all() as LogRow[];
}

describe('setting up an installation', () => {
  it('stores a body and logs it once, with the identity as what came after', () => {
    const t = seededDb();
    expect(getInstallation(t.db)).toBeNull();
    expect(initializeInstallation(t.db, mofa)).toEqual(mofa);
    expect(getInstallation(t.db)).toEqual(mofa);
    // Stored under its key as JSON: a backup, a dump and an older version read it there.
    expect(t.db.prepare("SELECT value FROM app_setting WHERE key = 'installation'").pluck().get()).toBe(JSON.stringify(mofa));
    expect(log(t)).toEqual([
      { actor: '김외교 (MOFA)', actor_role: 'body', entity: 'installation', entity_id: 1, field: 'installation', before: null, after: JSON.stringify(mofa) },
    ]);
  });

  it('stores the coordinator, which names no body', () => {
    const t = seededDb();
    expect(initializeInstallation(t.db, mogef)).toEqual(mogef);
    expect(requireInstallation(t.db)).toEqual(mogef);
    expect(log(t)).toEqual([
      { actor: '박조정 (MOGEF)', actor_role: 'coordinator', entity: 'installation', entity_id: 1, field: 'installation', before: null, after: JSON.stringify(mogef) },
    ]);
  });

  it('refuses a second set-up, saying where it is changed, and keeps the first', () => {
    const t = seededDb();
    initializeInstallation(t.db, mofa);
    const e = refusal(() => initializeInstallation(t.db, mogef));
    expect([e.code, e.message, e.details]).toEqual([
      'CONFLICT',
      'This installation is already set up. Use File → Change installation… in the menu to change it.',
      undefined,
    ]);
    expect(getInstallation(t.db)).toEqual(mofa);
    expect(log(t)).toHaveLength(1);
  });

  it('refuses a body that is not in the plan, naming it, and stores nothing', () => {
    const t = seededDb();
    const e = refusal(() => initializeInstallation(t.db, { role: 'body', bodyCode: 'NOPE', userName: '누구' }));
    expect([e.code, e.message, e.details]).toEqual(['NOT_FOUND', 'There is no implementing body NOPE.', [{ path: 'bodyCode' }]]);
    expect(getInstallation(t.db)).toBeNull();
    expect(log(t)).toEqual([]);
  });
});

describe('an installation not set up', () => {
  it('is refused by what needs an identity, saying what to do', () => {
    const t = seededDb();
    const e = refusal(() => requireInstallation(t.db));
    expect([e.code, e.message, e.details]).toEqual(['FORBIDDEN', 'This installation is not set up yet: choose the body it reports for.', undefined]);
  });

  it('reads a stored identity that no longer fits the schema as not set up', () => {
    const t = seededDb();
    t.db.prepare("INSERT INTO app_setting (key, value) VALUES ('installation', ?)").run(JSON.stringify({ role: 'body', bodyCode: 'MOFA' }));
    expect(getInstallation(t.db)).toBeNull();
    expect(refusal(() => requireInstallation(t.db)).code).toBe('FORBIDDEN');
  });
});

describe('resetting an installation', () => {
  it('forgets the identity and logs what it was', () => {
    const t = seededDb();
    initializeInstallation(t.db, mofa);
    resetInstallation(t.db);
    expect(getInstallation(t.db)).toBeNull();
    expect(t.db.prepare("SELECT count(*) FROM app_setting WHERE key = 'installation'").pluck().get()).toBe(0);
    expect(log(t).at(-1)).toEqual({
      actor: '김외교 (MOFA)',
      actor_role: 'body',
      entity: 'installation',
      entity_id: 1,
      field: 'installation',
      before: JSON.stringify(mofa),
      after: null,
    });
    // Set up again for another role afterwards.
    initializeInstallation(t.db, mogef);
    expect(getInstallation(t.db)).toEqual(mogef);
  });

  it('does nothing, and logs nothing, when nothing is set up', () => {
    const t = seededDb();
    expect(() => resetInstallation(t.db)).not.toThrow();
    expect(log(t)).toEqual([]);
  });
});

describe('what other installations are told', () => {
  it('names the id, the role, the body and the user', () => {
    const t = seededDb();
    const id = installationId(t.db);
    expect(installationInfo(t.db)).toEqual({ id, role: null, body: null, userName: null });
    initializeInstallation(t.db, mofa);
    expect(installationInfo(t.db)).toEqual({ id, role: 'body', body: 'MOFA', userName: '김외교' });
    resetInstallation(t.db);
    initializeInstallation(t.db, mogef);
    expect(installationInfo(t.db)).toEqual({ id, role: 'coordinator', body: null, userName: '박조정' });
  });
});
