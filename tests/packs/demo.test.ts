/**
 * The demo dataset (tests/support/demo.ts): three years of every body's
 * entries in MOGEF's database, reports in mixed states, and the same content
 * from two builds.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDemoDatabase } from '../support/demo';
import { tempDir } from '../support/tmp';
import { closeDatabase, openDatabase } from '../../db/connection';
import { dumpDatabase, type Dump } from '../../db/dump';
import { getInstallation } from '../../db/installation';
import { getMeeting, listMeetings, openFollowUps } from '../../db/meetings';

/**
 * A dump without what db/ makes itself at each build: uids, origins,
 * timestamps, the installation id; lists sorted, as rows made in the same
 * millisecond are ordered by their (random) uid.
 */
function content(dump: Dump | object): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => !/^(uid|origin|installation|indicator|at)$|At$|Uid$/.test(k))
          .map(([k, v]) => [k, strip(v)]),
      );
    }
    return value;
  };
  return strip(dump);
}

interface Built {
  info: ReturnType<typeof makeDemoDatabase>;
  dump: Dump;
  meetings: unknown;
}

function build(): Built {
  const file = path.join(tempDir(), 'nap-monitor.sqlite');
  const info = makeDemoDatabase(file);
  const db = openDatabase(file);
  try {
    expect(getInstallation(db)).toEqual({ role: 'coordinator', userName: '박지현' });
    const meetings = listMeetings(db, { periodId: null }).map((m) => getMeeting(db, m.uid));
    // Open follow-ups of the 2022 meeting reach the 2023 meeting; closed ones do not.
    const before2023 = openFollowUps(db, { ownerBody: null, before: '2023-12-05' });
    expect(before2023.map((f) => f.ownerBody).sort()).toEqual(['KOICA', 'MND']);
    expect(before2023.find((f) => f.ownerBody === 'KOICA')?.state).toBe('in_progress');
    return { info, dump: dumpDatabase(db), meetings: content(meetings as never) };
  } finally {
    closeDatabase(db);
  }
}

describe('the demo database', () => {
  it('holds three years of every body\u2019s entries, reports in mixed states, and is the same content twice', { timeout: 60_000 }, () => {
    const a = build();
    const { dump } = a;
    // Every assignment of the third plan (119 action plan × body pairs), every year.
    for (const year of [2021, 2022, 2023]) {
      expect(dump.entries.filter((e) => e.year === year)).toHaveLength(119);
      expect(a.info.entries[year as 2021]).toBe(119);
    }
    expect(new Set(dump.entries.map((e) => e.body)).size).toBe(10);
    expect(dump.entries.every((e) => e.achievements !== null && /[가-힣]/.test(e.achievements))).toBe(true);
    expect(dump.entries.filter((e) => e.difficulties !== null).length).toBeGreaterThan(100);
    expect(dump.entries.filter((e) => e.delayed === true).every((e) => e.delayReason !== null)).toBe(true);
    const budgeted = dump.entries.filter((e) => e.budgetAllocated !== null);
    expect(budgeted.length).toBeGreaterThan(200);
    expect(budgeted.every((e) => e.budgetExecuted !== null && e.budgetExecuted <= e.budgetAllocated!)).toBe(true);
    // Every level appears.
    expect(new Set(dump.entries.map((e) => e.completion))).toEqual(new Set(['completed', 'substantial', 'limited', 'not_started', 'no_evidence']));

    expect(dump.indicators).toHaveLength(11);
    expect(dump.indicators.every((i) => i.targets.length === 3)).toBe(true);
    expect(dump.indicatorValues.length).toBeGreaterThan(60);
    expect(dump.evidence.length).toBeGreaterThan(300);
    expect(dump.comments.length).toBeGreaterThan(20);
    expect(dump.panelComments).toHaveLength(24);
    expect(dump.overrides).toHaveLength(3);

    // Reports: 2021 and 2022 all accepted (some after a return); 2023 mixed.
    const statesOf = (year: number) => dump.reports.filter((r) => r.year === year).map((r) => r.status);
    expect(new Set(statesOf(2021))).toEqual(new Set(['accepted']));
    expect(new Set(statesOf(2022))).toEqual(new Set(['accepted']));
    expect(new Set(statesOf(2023))).toEqual(new Set(['accepted', 'submitted', 'returned']));
    expect(a.info.reports[2023].MOIS).toBe('draft');
    const returns = dump.reportEvents.filter((e) => e.to === 'returned');
    expect(returns.length).toBeGreaterThanOrEqual(5);
    expect(returns.every((e) => e.reason !== null && e.reason.length > 10)).toBe(true);

    // Two inter-ministerial meetings (2022, 2023) with participants, agenda, minutes, decisions and follow-ups.
    expect(a.info.meetings.map((m) => m.year)).toEqual([2022, 2023]);
    const meetings = a.meetings as { kind: string; year: number; participants: { kind: string }[]; agenda: string; minutes: string; decisions: { followUps: { state: string }[] }[] }[];
    expect(meetings.map((m) => [m.kind, m.year]).sort()).toEqual([['inter_ministerial', 2022], ['inter_ministerial', 2023]]);
    for (const m of meetings) {
      expect(m.participants.filter((p) => p.kind === 'body')).toHaveLength(10);
      expect(m.participants.some((p) => p.kind === 'civic_advisor')).toBe(true);
      expect(m.agenda).toMatch(/이행 실적/);
      expect(m.minutes.length).toBeGreaterThan(100);
      expect(m.decisions).toHaveLength(3);
    }
    const states = meetings.flatMap((m) => m.decisions.flatMap((d) => d.followUps.map((f) => f.state)));
    expect(new Set(states)).toEqual(new Set(['open', 'in_progress', 'closed']));

    // Deterministic: a second build holds the same content.
    const b = build();
    expect(content(b.dump)).toEqual(content(a.dump));
    expect(b.meetings).toEqual(a.meetings);
    expect(content(b.info)).toEqual(content({ ...a.info, file: b.info.file }));
  });
});
