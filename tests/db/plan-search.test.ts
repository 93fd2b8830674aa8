/** Searching the plan in Korean and English, and filtering by body. */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../db/connection';
import { loadPlanDocument } from '../../db/seed';
import { getPlanOutline, searchActionPlans } from '../../db/plan';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';

let db: Db;
let planId: number;
let codeOf: Map<number, string>;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-search-'));
  db = openDatabase(path.join(dir, 'db.sqlite'));
  planId = loadPlanDocument(db, nap3 as PlanDocumentInput).planId;
  const outline = getPlanOutline(db, planId);
  codeOf = new Map(
    outline.areas.flatMap((a) => a.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans.map((x) => [x.id, x.code] as const)))),
  );
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const search = (text: string, bodyCode: string | null = null) =>
  searchActionPlans(db, { planId, text, bodyCode }).map((id) => codeOf.get(id));

describe('plan search', () => {
  it('returns every action plan in the plan\u2019s order when empty', () => {
    const all = search('');
    expect(all).toHaveLength(50);
    expect(all.slice(0, 4)).toEqual(['1.1.1', '1.1.2', '1.1.3', '1.2.1']);
    expect(all.at(-1)).toBe('11.2.2');
  });

  it('finds English words case-insensitively, all words required', () => {
    expect(search('comfort women')).toEqual(['9.1.1', '9.2.1', '9.2.2']);
    expect(search('REFUGEE extend assistance')).toEqual(['8.2.1']);
    // Words may match the strategy or objective: objective 8 speaks of refugee women.
    expect(search('refugee self-reliance')).toEqual(['8.1.2', '8.2.2']);
    expect(search('nothing-like-this')).toEqual([]);
  });

  it('finds Korean body and area names', () => {
    // 법무부 = Ministry of Justice: 3.1.3 and the refugee actions, plus the two "All" actions.
    expect(search('법무부')).toEqual(['3.1.3', '8.2.1', '8.2.2', '11.1.1', '11.2.2']);
    expect(search('구호·회복')).toHaveLength(8);
  });

  it('filters by body, alone and with text', () => {
    expect(search('', 'MOE')).toEqual(['4.1.1', '11.1.1', '11.2.2']);
    expect(search('curriculum', 'MOE')).toEqual(['4.1.1']);
    expect(search('curriculum', 'MOJ')).toEqual([]);
    expect(search('', 'NOBODY')).toEqual([]);
  });

  it('treats % and _ as themselves', () => {
    expect(search('%')).toEqual([]);
    expect(search('_')).toEqual([]);
  });
});
