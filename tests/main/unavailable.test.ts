/**
 * When the database cannot be written now — another program (a second copy
 * of NAP Monitor on a shared folder) holds it — main says so plainly, nothing
 * changes, and the form keeps what was typed and saves it by itself once the
 * database is free again.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startAppCore } from '../../main/app-core';
import { databaseFile } from '../../main/paths';
import { EntrySession, UNAVAILABLE_RETRY_MS } from '../../renderer/src/stores/entry/session';
import type { EntryKey } from '../../contract/progress';
import { tempDir } from '../support/tmp';
import { dispatcherTransport } from '../support/db-files';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };

function setUp() {
  const dataDir = tempDir();
  const app = startAppCore({ dataDir, appVersion: '1', trustedOrigins: [ORIGIN] });
  // Wait a little for the lock, not SQLite's five seconds: the test is about the answer.
  app.db.pragma('busy_timeout = 50');
  app.dispatcher('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' }, OWN);
  const periodId = app.db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
  const actionPlanId = app.db
    .prepare("SELECT action_plan_id FROM action_plan_body WHERE body_id = (SELECT id FROM implementing_body WHERE code = 'MOFA') LIMIT 1")
    .pluck()
    .get() as number;
  const key: EntryKey = { actionPlanId, bodyCode: 'MOFA', periodId };
  // Another program holds the database for writing.
  const other = new Database(databaseFile(dataDir));
  const stored = () =>
    app.db.prepare('SELECT achievements FROM progress_entry WHERE action_plan_id = ? AND period_id = ?').pluck().get(actionPlanId, periodId) ?? null;
  return { app, key, other, stored };
}

describe('a database another program holds', () => {
  it('answers UNAVAILABLE (busy), changes nothing, and takes the same save once it is free', () => {
    const { app, key, other, stored } = setUp();
    other.exec('BEGIN IMMEDIATE');
    const refused = app.dispatcher('progress:save', { key, baseRevision: 0, patch: { achievements: '잠긴 동안 쓴 내용' } }, OWN);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', details: [{ path: 'database', hint: 'busy' }] } });
    other.exec('COMMIT');
    expect(stored()).toBeNull();
    expect(app.dispatcher('progress:save', { key, baseRevision: 0, patch: { achievements: '잠긴 동안 쓴 내용' } }, OWN).ok).toBe(true);
    expect(stored()).toBe('잠긴 동안 쓴 내용');
    other.close();
    app.close();
  });

  it('the form keeps the text and saves it by itself once the database is free', async () => {
    const { app, key, other, stored } = setUp();
    const transport = dispatcherTransport(app);
    const session = new EntrySession(key, transport);
    session.mount();
    await new Promise((r) => setTimeout(r, 50));
    other.exec('BEGIN IMMEDIATE');
    session.edit('achievements', '디스크가 돌아오면 저장');
    await session.flush();
    expect(session.getSnapshot().saveState).toBe('error');
    expect(session.getSnapshot().saveError?.code).toBe('UNAVAILABLE');
    expect(session.getSnapshot().drafts.achievements).toBe('디스크가 돌아오면 저장');
    expect(stored()).toBeNull();
    other.exec('COMMIT');
    // No button pressed: the session tries again by itself.
    const end = Date.now() + UNAVAILABLE_RETRY_MS * 3;
    while (session.getSnapshot().saveState !== 'saved' && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(session.getSnapshot().saveState).toBe('saved');
    expect(stored()).toBe('디스크가 돌아오면 저장');
    other.close();
    app.close();
  }, 20_000);
});
