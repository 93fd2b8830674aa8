/**
 * An edit on a full disk (issue 8): the data folder is a small tmpfs (root
 * only; skipped elsewhere), the live database in WAL mode opened by the
 * application's own start. The disk is filled until the -wal cannot grow by
 * what a save of long texts needs; the autosave (progress:save with its
 * revision, as the renderer sends it) is answered UNAVAILABLE / disk_full
 * with words the form shows in Korean and English, integrity_check is ok,
 * nothing is partial (the entry and the history as before) and the
 * connection still works; once the filler is removed, the same request (the
 * renderer's queue retries it as it was) is saved, once. The form's own
 * session (renderer/src/stores/entry/session.ts, driven through the real
 * dispatcher) keeps the typed text while the disk is full and saves it by
 * itself afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntrySession, UNAVAILABLE_RETRY_MS } from '../../renderer/src/stores/entry/session';
import type { EntryKey, ProgressEntry } from '../../contract/progress';
import { LONG_TEXT_MAX } from '../../contract/rules';
import { detailMessage } from '../../renderer/src/components/ErrorBanner';
import { translate, type MessageKey } from '../../renderer/src/i18n';
import { databaseFile } from '../../main/paths';
import type { AppCore } from '../../main/app-core';
import { tempDir } from '../support/tmp';
import { canMount, tmpfs } from '../support/mount';
import { dispatcherTransport, mofaKeys, OWN, start } from '../support/db-files';

/** Long texts in Korean: a save of these needs a hundred pages or more in the -wal (the entry and its history row). */
function longPatch(tag: string) {
  const text = (field: string) => `${tag} ${field}: ${'여성·평화·안보 국가행동계획 이행 점검 '.repeat(LONG_TEXT_MAX)}`.slice(0, LONG_TEXT_MAX);
  return { achievements: text('추진실적'), nextSteps: text('향후계획'), difficulties: text('애로사항') };
}

/** A data folder on a tmpfs of its own, MOFA's installation set up, the -wal truncated, the disk then filled but for `room` bytes. */
function fullDisk(room: number): { core: AppCore; dir: string; key: EntryKey; filler: string; free: () => number } {
  const dir = path.join(tempDir('nap-disk-full-edit-'), 'data');
  tmpfs(dir, 16 * 1024 * 1024);
  const core = start(dir);
  const r = core.dispatcher('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' }, OWN);
  if (!r.ok) throw new Error(r.error.message);
  const [key] = mofaKeys(core);
  // A first save of the entry, so the one under test changes an existing row.
  const first = core.dispatcher('progress:save', { key: key!, baseRevision: 0, patch: { achievements: '처음 저장한 실적' } }, OWN);
  if (!first.ok) throw new Error(first.error.message);
  // The -wal back to 0 bytes: every page the next save writes must grow it.
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  expect(fs.statSync(`${databaseFile(dir)}-wal`).size).toBe(0);
  const free = () => {
    const st = fs.statfsSync(dir);
    return st.bavail * st.bsize;
  };
  const filler = path.join(dir, 'filler.bin');
  fs.writeFileSync(filler, Buffer.alloc(Math.max(0, free() - room)));
  return { core, dir, key: key!, filler, free };
}

function historyCount(core: AppCore): number {
  return core.db.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
}

function entryOf(core: AppCore, key: EntryKey): ProgressEntry {
  const r = core.dispatcher('progress:entry', { key }, OWN);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { entry: ProgressEntry }).entry;
}

describe.skipIf(!canMount())('an edit on a full disk', { timeout: 60_000 }, () => {
  it('is refused with disk_full, leaves nothing partial, and the same save goes through once there is room', () => {
    const { core, dir, key, filler, free } = fullDisk(16 * 1024);
    try {
      refusedThenSaved(core, dir, key, filler, free);
    } finally {
      core.close();
    }
  });

  it('the form keeps the typed text while the disk is full and saves it by itself once there is room', async () => {
    const { core, key, filler } = fullDisk(16 * 1024);
    try {
      await formKeepsText(core, key, filler);
    } finally {
      core.close();
    }
  });
});

function refusedThenSaved(core: AppCore, dir: string, key: EntryKey, filler: string, free: () => number): void {
  const before = entryOf(core, key);
  const history = historyCount(core);
  const walBefore = fs.statSync(`${databaseFile(dir)}-wal`).size;
  const request = { key, baseRevision: before.revision, patch: longPatch('디스크 가득') };

  const refused = core.dispatcher('progress:save', request, OWN);
  expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', details: [{ path: 'database', hint: 'disk_full' }] } });
  if (refused.ok) throw new Error('saved on a full disk');
  expect(refused.error.message).toMatch(/disk is full.*Nothing was changed/);
  // The words the form's error banner shows for it, in Korean and English.
  const shown = (language: 'ko' | 'en') =>
    refused.error.details!.map((d) => detailMessage((k: MessageKey, p?: Record<string, string | number>) => translate(language, k, p), d)).join(' ');
  expect(shown('ko')).toMatch(/디스크가 가득 찼습니다.*공간.*다시 저장/);
  expect(shown('en')).toMatch(/disk is full.*Free some space.*saved again/);
  console.log(`disk full during an edit: ${free()} bytes free, -wal ${walBefore} → ${fs.statSync(`${databaseFile(dir)}-wal`).size} bytes; answer: ${refused.error.message}`);

  // Nothing partial, and the connection still answers.
  expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(entryOf(core, key)).toEqual(before);
  expect(historyCount(core)).toBe(history);
  // A second try while the disk is still full: the same answer, still nothing changed.
  expect(core.dispatcher('progress:save', request, OWN)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  expect(entryOf(core, key)).toEqual(before);

  // Space freed: the same request, as the renderer's queue sends it again.
  fs.rmSync(filler);
  const saved = core.dispatcher('progress:save', request, OWN);
  expect(saved.ok, saved.ok ? '' : saved.error.message).toBe(true);
  const after = entryOf(core, key);
  expect(after.revision).toBe(before.revision + 1);
  expect(after.achievements).toBe(request.patch.achievements);
  expect(after.difficulties).toBe(request.patch.difficulties);
  // Saved once: its history rows added once; the same request sent again (an answer lost) changes nothing more.
  const added = historyCount(core) - history;
  expect(added).toBeGreaterThan(0);
  expect(added).toBeLessThanOrEqual(3);
  expect(core.dispatcher('progress:save', request, OWN)).toMatchObject({ ok: true, value: { revision: after.revision } });
  expect(historyCount(core)).toBe(history + added);
  expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  core.close();

  // And it is there after a clean close and a new start.
  const again = start(dir);
  try {
    expect(entryOf(again, key).achievements).toBe(request.patch.achievements);
    expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    again.close();
  }
}

async function formKeepsText(core: AppCore, key: EntryKey, filler: string): Promise<void> {
  const transport = dispatcherTransport(core);
  const session = new EntrySession(key, transport);
  session.mount();
  await new Promise((r) => setTimeout(r, 50));
  const history = historyCount(core);
  const typed = longPatch('입력 중').achievements;
  session.edit('achievements', typed);
  await session.flush();
  expect(session.getSnapshot().saveState).toBe('error');
  expect(session.getSnapshot().saveError).toMatchObject({ code: 'UNAVAILABLE', details: [{ hint: 'disk_full' }] });
  expect(session.getSnapshot().drafts.achievements).toBe(typed);
  expect(historyCount(core)).toBe(history);

  fs.rmSync(filler);
  // No button pressed: the session tries again by itself.
  const end = Date.now() + UNAVAILABLE_RETRY_MS * 3;
  while (session.getSnapshot().saveState !== 'saved' && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  expect(session.getSnapshot().saveState).toBe('saved');
  expect(entryOf(core, key).achievements).toBe(typed);
  expect(historyCount(core)).toBe(history + 1);
  expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  session.unmount();
}
