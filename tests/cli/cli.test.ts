/**
 * The command line as a user runs it: a real process (npm run cli, or the
 * node command it runs) on real data folders. Exit 0 done, 2 refused with
 * the reason in Korean and English on stderr, 1 internal error; a refusal
 * changes nothing. About 1 s a process; the file spends ~15 s.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { saveEntry } from '../../db/entries';
import { installationId, resolveEntryNaturalKey } from '../../db/identity';
import { loadPlanDocument } from '../../db/seed';
import { databaseFile } from '../../main/paths';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { tempDir } from '../support/tmp';

const ROOT = path.resolve(__dirname, '../..');

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** node --import tsx cli/main.ts …: what npm run cli runs (package.json), without npm's own lines. */
function cli(...args: string[]): Ran {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NAP_MONITOR_DATA_DIR: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Refused: status 2, nothing on stdout, a Korean line and an English line on stderr. */
function expectRefused(r: Ran, ko: RegExp, en: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const [first, second] = r.stderr.trim().split('\n');
  expect(first).toMatch(/[가-힣]/);
  expect(first).toMatch(ko);
  expect(second).toMatch(en);
}

/** Processes take about a second each, more on a loaded machine. */
const SLOW = { timeout: 120_000 };

describe('npm run cli', SLOW, () => {
  it('sets up a coordinator and a body in two data folders through npm, with two installation ids, and dumps JSON', () => {
    const base = tempDir();
    const mogef = path.join(base, 'mogef');
    const mofa = path.join(base, 'mofa');
    const npm = spawnSync('npm', ['run', '-s', 'cli', '--', '--data-dir', mogef, 'setup', '--coordinator', '--name', '박조정'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(npm.status, npm.stderr).toBe(0);
    expect(npm.stdout).toMatch(/여성가족부 총괄 설치.*설치 ID [0-9a-f-]{36}\nSet up as MOGEF's coordinator installation/);
    const body = cli('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교');
    expect(body.status, body.stderr).toBe(0);
    expect(body.stdout).toMatch(/외교부\(MOFA\)/);
    const a = JSON.parse(cli('--data-dir', mogef, 'dump', '--json').stdout);
    const b = JSON.parse(cli('--data-dir', mofa, 'dump', '--json').stdout);
    expect(a.installation).toMatchObject({ role: 'coordinator', body: null, userName: '박조정' });
    expect(b.installation).toMatchObject({ role: 'body', body: 'MOFA', userName: '김외교' });
    expect(a.installation.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.installation.id).not.toBe(b.installation.id);
    expect(npm.stdout).toContain(a.installation.id);
    // Setting up again as the same is done already; as another, refused, and nothing changes.
    expect(cli('--data-dir', mofa, 'setup', '--body', 'MOFA', '--name', '김외교')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^이미 .*\nAlready set up/) });
    const before = cli('--data-dir', mofa, 'dump', '--json').stdout;
    expectRefused(cli('--data-dir', mofa, 'setup', '--coordinator', '--name', '박조정'), /이미 .*설정되어 있습니다/, /already set up as .*MOFA/);
    expect(cli('--data-dir', mofa, 'dump', '--json').stdout).toBe(before);
  });

  it('dumps the same bytes in two runs of a folder with entries, into a file with --out, naming no local id', () => {
    const dir = tempDir();
    expect(cli('--data-dir', dir, 'setup', '--body', 'MOFA', '--name', '김외교').status).toBe(0);
    const db = openDatabase(databaseFile(dir));
    const k = resolveEntryNaturalKey(db, { plan: 'KOR-NAP-3', actionPlan: '3.1.1', body: 'MOFA', year: 2022 });
    saveEntry(db, { actionPlanId: k.actionPlanId, bodyCode: 'MOFA', periodId: k.periodId }, 0, { completion: 'limited', achievements: '교육 3회' }, { role: 'body', bodyCode: 'MOFA', userName: '김외교' }, '김외교 (MOFA)');
    const id = installationId(db);
    db.close();
    const first = cli('--data-dir', dir, 'dump', '--json');
    const second = cli('--data-dir', dir, 'dump', '--json');
    expect(first.status, first.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const out = path.join(dir, 'dump.json');
    expect(cli('--data-dir', dir, 'dump', '--json', '--out', out)).toMatchObject({ status: 0, stdout: '' });
    expect(fs.readFileSync(out, 'utf8')).toBe(first.stdout);
    const dump = JSON.parse(first.stdout);
    expect(dump.entries).toEqual([
      expect.objectContaining({ plan: 'KOR-NAP-3', actionPlan: '3.1.1', body: 'MOFA', year: 2022, origin: id, completion: 'limited', achievements: '교육 3회' }),
    ]);
    expect(first.stdout).not.toMatch(/"\w*[iI]d": \d/);
  });

  it('refuses what it cannot do, in Korean and English, with status 2, and makes nothing', () => {
    const base = tempDir();
    const none = path.join(base, 'none');
    expectRefused(cli('--data-dir', none, 'dump', '--json'), /데이터베이스가 없습니다/, /no NAP Monitor database in .*none/);
    expect(fs.existsSync(none)).toBe(false);
    expectRefused(cli('--data-dir', none, 'setup', '--body', 'NOPE', '--name', 'x'), /NOPE\(이\)라는 기관이 없습니다. 기관 코드: .*MOFA/, /no implementing body NOPE/);
    expect(fs.existsSync(none)).toBe(false);
    expectRefused(cli('--data-dir', none, 'setup', '--body', 'mofa', '--name', 'x'), /기관 코드는/, /capital letters/);
    expectRefused(cli('--data-dir', none, 'setup', '--body', 'MOFA', '--name', '   '), /사용자 이름/, /user's name/);
    expectRefused(cli('--data-dir', none, 'setup', '--coordinator', '--body', 'MOFA', '--name', 'x'), /하나만/, /one of --coordinator/);
    expectRefused(cli('--data-dir', none, 'setup', '--coordinator'), /--name/, /--name NAME/);
    expectRefused(cli('--data-dir', none, 'setup', '--coordinator', '--name', 'x', '--colour', 'red'), /--colour/, /no option --colour/);
    expect(fs.existsSync(none)).toBe(false);
    expectRefused(cli('setup', '--coordinator', '--name', 'x'), /--data-dir/, /--data-dir DIR/);
    expectRefused(cli('--data-dir', none, 'publish'), /명령은 없습니다/, /no command publish/);
    const dir = path.join(base, 'ok');
    expect(cli('--data-dir', dir, 'setup', '--coordinator', '--name', 'x').status).toBe(0);
    expectRefused(cli('--data-dir', dir, 'dump'), /--json/, /add --json/);
    expect(cli('help')).toMatchObject({ status: 0, stdout: expect.stringContaining('setup --coordinator') });
  });

  it('refuses a data folder whose database is damaged or another program\u2019s, and leaves the file as it was', () => {
    const dir = tempDir();
    const file = databaseFile(dir);
    fs.writeFileSync(file, Buffer.from('this is not a database, but a letter that was saved under the wrong name'.repeat(100)));
    const before = fs.readFileSync(file);
    for (const args of [['dump', '--json'], ['setup', '--coordinator', '--name', 'x']]) {
      const r = cli('--data-dir', dir, ...args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/[가-힣]/);
      expect(r.stderr).toContain(file);
      // The words of the application's start-up dialog (main/startup-error.ts), one line each.
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^이 파일은 NAP Monitor 데이터베이스가 아닙니다/), expect.stringMatching(/^This file is not a NAP Monitor database.*The file was left as it is/)]);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    }
    const notDir = path.join(dir, 'file.txt');
    fs.writeFileSync(notDir, 'x');
    expectRefused(cli('--data-dir', notDir, 'dump', '--json'), /폴더가 아니라 파일/, /is a file, not a folder/);
  });

  it('answers status 1 with the cause on stderr when the database holds what the core cannot read', () => {
    const dir = tempDir();
    expect(cli('--data-dir', dir, 'setup', '--coordinator', '--name', 'x').status).toBe(0);
    // An entry of the third plan's action plan in a year of another plan, written behind the application's back
    // (every reference exists: the opening's checks pass, the natural key cannot be made).
    const db = openDatabase(databaseFile(dir));
    const nap4 = loadPlanDocument(db, { ...(nap3 as PlanDocumentInput), plan: { ...(nap3 as PlanDocumentInput).plan, code: 'KOR-NAP-4', startYear: 2024, endYear: 2026 } });
    const k = resolveEntryNaturalKey(db, { plan: 'KOR-NAP-3', actionPlan: '3.1.1', body: 'MOFA', year: 2022 });
    const period = db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? AND year = 2024').pluck().get(nap4.planId) as number;
    db.prepare('INSERT INTO progress_entry (action_plan_id, body_id, period_id) VALUES (?, ?, ?)').run(k.actionPlanId, k.bodyId, period);
    db.close();
    const r = cli('--data-dir', dir, 'dump', '--json');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/내부 오류[\s\S]*Internal error[\s\S]*is not of the plan of action plan/);
  });
});
