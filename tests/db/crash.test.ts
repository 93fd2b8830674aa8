/**
 * Nothing lost: the process that holds the database is killed (SIGKILL) in
 * the middle of a burst of autosaves; on reopening, every acknowledged edit
 * is there, with its history, and integrity_check is ok.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startAppCore } from '../../main/app-core';
import { openDatabase } from '../../db/connection';
import { databaseFile } from '../../main/paths';
import { tempDir } from '../support/tmp';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ORIGIN = 'app://nap-monitor';

interface Ack {
  n: number;
  k: number;
  revision: number;
}

/** Runs the child until `killAfter` acknowledgements, then kills it. */
function burstThenKill(dataDir: string, keys: unknown[], killAfter: number, run: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/autosave-child.ts', dataDir, JSON.stringify(keys), String(run)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^ack (\d+) (\d+) (\d+)$/.exec(line);
        if (m && !killed) {
          acks.push({ n: Number(m[1]), k: Number(m[2]), revision: Number(m[3]) });
          if (acks.length >= killAfter) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`the child ended without being killed (${signal ?? _code}): ${stderr}`));
    });
  });
}

describe('nothing lost', () => {
  it('keeps every acknowledged edit when the process is killed mid-burst', { timeout: 120_000 }, async () => {
    const dataDir = tempDir('nap-crash-');
    // Set up the installation and find three of MOFA's entries, then close.
    const setup = startAppCore({ dataDir, appVersion: 'x', trustedOrigins: [ORIGIN] });
    const own = { url: `${ORIGIN}/index.html` };
    setup.dispatcher('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' }, own);
    const periodId = setup.db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
    const ids = setup.db
      .prepare(
        `SELECT ap.id FROM action_plan ap JOIN action_plan_body apb ON apb.action_plan_id = ap.id
         JOIN implementing_body b ON b.id = apb.body_id WHERE b.code = 'MOFA' ORDER BY ap.id LIMIT 3`,
      )
      .pluck()
      .all() as number[];
    setup.close();
    const keys = ids.map((actionPlanId) => ({ actionPlanId, bodyCode: 'MOFA', periodId }));

    // Three kills at different points, each on the database the last one left.
    let total = 0;
    for (const [run, killAfter] of [150, 37, 401].entries()) {
      const lastAcked = new Map<number, Ack>();
      const acks = await burstThenKill(dataDir, keys, killAfter, run);
      expect(acks.length).toBeGreaterThanOrEqual(killAfter);
      for (const a of acks) lastAcked.set(a.k, a);
      total += acks.length;

      const db = openDatabase(databaseFile(dataDir));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const [k, ack] of lastAcked) {
        const row = db
          .prepare('SELECT id, achievements, revision FROM progress_entry WHERE action_plan_id = ? AND body_id = (SELECT id FROM implementing_body WHERE code = ?) AND period_id = ?')
          .get(keys[k]!.actionPlanId, 'MOFA', periodId) as { id: number; achievements: string; revision: number };
        // The acknowledged edit, or one made after it that committed before the kill.
        expect(row.revision).toBeGreaterThanOrEqual(ack.revision);
        const m = /편집 (\d+)\/(\d+):/.exec(row.achievements);
        expect(Number(m?.[1])).toBe(run);
        const n = Number(m?.[2]);
        expect(n).toBeGreaterThanOrEqual(ack.n);
        // Its history holds the acknowledged edit.
        const logged = db
          .prepare("SELECT count(*) FROM change_log WHERE entity = 'entry' AND entity_id = ? AND field = 'achievements' AND after = ?")
          .pluck()
          .get(row.id, JSON.stringify(`추진실적 편집 ${run}/${ack.n}: 여성·평화·안보 교육`));
        expect(logged).toBe(1);
      }
      db.close();
    }
    expect(total).toBeGreaterThan(500);
  });
});
