/**
 * The entry form's autosave session as a state machine, driven in Node
 * against the real dispatcher and a real SQLite file, with the replies held
 * back to control latency: main commits a save at once, the answer reaches
 * the session only when the test lets it. The rule held throughout: whenever
 * the session says "saved", the database holds exactly what the form shows.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startAppCore, type AppCore } from '../../main/app-core';
import { ApiError } from '../../renderer/src/api';
import { EntrySession } from '../../renderer/src/stores/entry/session';
import { parseSlot, type Slot } from '../../renderer/src/stores/entry/codec';
import type { EntryTransport } from '../../renderer/src/stores/entry/transport';
import type { EntryKey, ProgressEntry } from '../../contract/progress';
import type { Result } from '../../contract/result';
import { tempDir } from '../support/tmp';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };

interface Held {
  release: () => void;
}

/** The real dispatcher behind the session's transport; replies wait while `hold` is on. */
class SlowTransport implements EntryTransport {
  hold = false;
  /** Drop the next reply after main committed it (a lost answer). */
  loseNext = false;
  private waiting: Held[] = [];
  constructor(private readonly app: AppCore) {}

  private async call<T>(channel: string, payload: unknown): Promise<T> {
    const result = this.app.dispatcher(channel, payload, OWN) as Result<T>;
    if (this.loseNext) {
      this.loseNext = false;
      throw new ApiError('TRANSPORT', 'The answer was lost.');
    }
    if (this.hold) await new Promise<void>((release) => this.waiting.push({ release }));
    if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details ?? []);
    return result.value;
  }

  /** Lets the held replies through, oldest first. */
  releaseAll(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w.release();
  }

  get pending(): number {
    return this.waiting.length;
  }

  entry = (key: EntryKey) => this.call<{ entry: ProgressEntry; previous: ProgressEntry | null }>('progress:entry', { key });
  save = (key: EntryKey, baseRevision: number, patch: object) => this.call<ProgressEntry>('progress:save', { key, baseRevision, patch });
  setIndicatorValue = (key: EntryKey, indicatorId: number, value: number | null) =>
    this.call<ProgressEntry>('progress:setIndicatorValue', { key, indicatorId, value });
  addEvidence = (key: EntryKey, title: string, docDate: string | null, reference: string | null) =>
    this.call<ProgressEntry>('progress:addEvidence', { key, title, docDate, reference });
  removeEvidence = (key: EntryKey, evidenceId: number) => this.call<ProgressEntry>('progress:removeEvidence', { key, evidenceId });
}

const TEXT_SLOTS = ['achievements', 'nextSteps', 'difficulties'] as const;

async function setUp() {
  const app = startAppCore({ dataDir: tempDir(), appVersion: '1', trustedOrigins: [ORIGIN] });
  const setup = app.dispatcher('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' }, OWN);
  if (!setup.ok) throw new Error('setup failed');
  const periodId = app.db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
  const actionPlanId = app.db
    .prepare(
      `SELECT apb.action_plan_id FROM action_plan_body apb JOIN implementing_body b ON b.id = apb.body_id
       WHERE b.code = 'MOFA' ORDER BY apb.action_plan_id LIMIT 1`,
    )
    .pluck()
    .get() as number;
  const key: EntryKey = { actionPlanId, bodyCode: 'MOFA', periodId };
  const transport = new SlowTransport(app);
  const session = new EntrySession(key, transport);
  session.mount();
  await until(() => session.getSnapshot().loadState === 'ready');
  const stored = (slot: (typeof TEXT_SLOTS)[number]): string | null => {
    const column = { achievements: 'achievements', nextSteps: 'next_steps', difficulties: 'difficulties' }[slot];
    return (
      (app.db
        .prepare(`SELECT ${column} FROM progress_entry WHERE action_plan_id = ? AND body_id = (SELECT id FROM implementing_body WHERE code = 'MOFA') AND period_id = ?`)
        .pluck()
        .get(actionPlanId, periodId) as string | null | undefined) ?? null
    );
  };
  /** Every field the form shows is what the database holds (in the codec's terms). */
  const formEqualsDb = (): boolean => {
    const snap = session.getSnapshot();
    return TEXT_SLOTS.every((slot) => {
      const parsed = parseSlot(slot, snap.drafts[slot] ?? '', snap.entry);
      return parsed.ok && parsed.value === stored(slot);
    });
  };
  return { app, session, transport, stored, formEqualsDb };
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the entry session (autosave state machine)', () => {
  it('a field reverted while its save is in flight is saved again: "saved" never shows over other text', async () => {
    const { session, transport, stored, formEqualsDb } = await setUp();
    // "Saved" is only ever shown when the database holds what the form shows.
    const seen: string[] = [];
    session.subscribe(() => {
      const snap = session.getSnapshot();
      seen.push(snap.saveState);
      if (snap.saveState === 'saved') expect(formEqualsDb()).toBe(true);
    });
    session.focus('achievements');
    transport.hold = true;
    session.edit('achievements', 'a');
    const first = session.flush();
    await until(() => transport.pending === 1);
    expect(stored('achievements')).toBe('a');
    // Backspace while "a" is on its way.
    session.edit('achievements', '');
    expect(session.getSnapshot().saveState).not.toBe('saved');
    transport.hold = false;
    transport.releaseAll();
    await first;
    // The answer for "a" came back and the empty field was sent at once after it (the subscriber
    // above checked that "saved" never showed while the database held "a").
    expect(session.getSnapshot().drafts.achievements).toBe('');
    await session.flush();
    expect(stored('achievements')).toBeNull();
    expect(session.getSnapshot().saveState).toBe('saved');
    expect(session.getSnapshot().drafts.achievements).toBe('');
    session.blur('achievements');
    await session.flush();
    // On blur the text does not come back.
    expect(session.getSnapshot().drafts.achievements).toBe('');
    expect(stored('achievements')).toBeNull();
    expect(seen).toContain('saving');
  });

  it('the same revert after blur (the field no longer in use) is kept too', async () => {
    const { session, transport, stored } = await setUp();
    transport.hold = true;
    session.edit('nextSteps', '다음 계획');
    const first = session.flush();
    await until(() => transport.pending === 1);
    session.edit('nextSteps', '');
    session.blur('nextSteps');
    transport.hold = false;
    transport.releaseAll();
    await first;
    await session.flush();
    expect(stored('nextSteps')).toBeNull();
    expect(session.getSnapshot().drafts.nextSteps).toBe('');
    expect(session.getSnapshot().saveState).toBe('saved');
  });

  it('text typed while a save is in flight goes in the next save, merged', async () => {
    const { session, transport, stored } = await setUp();
    transport.hold = true;
    session.edit('achievements', '첫');
    const first = session.flush();
    await until(() => transport.pending === 1);
    session.edit('achievements', '첫 문장');
    session.edit('difficulties', '어려움');
    transport.hold = false;
    transport.releaseAll();
    await first;
    await session.flush();
    expect(stored('achievements')).toBe('첫 문장');
    expect(stored('difficulties')).toBe('어려움');
    expect(session.getSnapshot().saveState).toBe('saved');
  });

  it('white space at the ends is not a change: no save loop, "saved" once main holds the trimmed text', async () => {
    const { session, stored, app } = await setUp();
    session.focus('achievements');
    session.edit('achievements', '성과\u3000');
    await session.flush();
    expect(stored('achievements')).toBe('성과');
    expect(session.getSnapshot().saveState).toBe('saved');
    // The user's trailing space stays under the caret while the field is in use.
    expect(session.getSnapshot().drafts.achievements).toBe('성과\u3000');
    const changes = app.db.prepare("SELECT count(*) FROM change_log WHERE field = 'achievements'").pluck().get();
    await session.flush();
    expect(app.db.prepare("SELECT count(*) FROM change_log WHERE field = 'achievements'").pluck().get()).toBe(changes);
  });

  it('a save whose answer was lost is retried without a conflict and without a second change', async () => {
    const { session, transport, stored, app } = await setUp();
    transport.loseNext = true;
    session.edit('achievements', '잃어버린 응답');
    await session.flush();
    expect(session.getSnapshot().saveState).toBe('error');
    expect(stored('achievements')).toBe('잃어버린 응답');
    await session.retry();
    expect(session.getSnapshot().saveState).toBe('saved');
    expect(session.getSnapshot().conflictRecovered).toBe(false);
    expect(app.db.prepare("SELECT count(*) FROM change_log WHERE field = 'achievements'").pluck().get()).toBe(1);
  });

  it('property: any interleaving of typing, reverting, blurs, flushes and slow replies ends saved with the database equal to the form', async () => {
    type Action =
      | { kind: 'edit'; slot: (typeof TEXT_SLOTS)[number]; text: string }
      | { kind: 'focus' | 'blur'; slot: (typeof TEXT_SLOTS)[number] }
      | { kind: 'flush' | 'release' | 'hold' | 'tick' };
    const slot = fc.constantFrom(...TEXT_SLOTS.slice(0, 2));
    const text = fc.constantFrom('', 'a', 'ab', ' a', '\u3000', '\n', '가', '가나', 'a\u00a0');
    const action: fc.Arbitrary<Action> = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('edit' as const), slot, text }), weight: 4 },
      { arbitrary: fc.record({ kind: fc.constantFrom('focus' as const, 'blur' as const), slot }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constantFrom('flush' as const, 'release' as const, 'hold' as const, 'tick' as const) }), weight: 3 },
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
        runs += 1;
        const { session, transport, formEqualsDb, app } = await setUp();
        let violations = 0;
        session.subscribe(() => {
          if (session.getSnapshot().saveState === 'saved' && !formEqualsDb()) violations += 1;
        });
        for (const a of actions) {
          if (a.kind === 'edit') session.edit(a.slot as Slot, a.text);
          else if (a.kind === 'focus') session.focus(a.slot as Slot);
          else if (a.kind === 'blur') session.blur(a.slot as Slot);
          else if (a.kind === 'flush') void session.flush();
          else if (a.kind === 'hold') transport.hold = true;
          else if (a.kind === 'release') {
            transport.hold = false;
            transport.releaseAll();
          } else await tick();
          await tick();
        }
        transport.hold = false;
        transport.releaseAll();
        for (let i = 0; i < 5 && session.getSnapshot().saveState !== 'saved'; i++) {
          transport.releaseAll();
          await session.flush();
        }
        const snap = session.getSnapshot();
        const equal = formEqualsDb();
        app.close();
        expect(violations).toBe(0);
        expect(snap.saveState).toBe('saved');
        expect(equal).toBe(true);
      }),
      { numRuns: 120, seed: 1325 },
    );
    expect(runs).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
