/**
 * Checks seeds/nap3.json (the Third NAP as a plan document) against the schema and,
 * independently of the JSON, against the plan's source text and the reading notes
 * (seeds/source/nap3-notes.md). The expectations below are written out from the source.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { PlanDocument } from '../../seeds/schema';

const raw = JSON.parse(readFileSync(new URL('../../seeds/nap3.json', import.meta.url), 'utf8'));
const source = readFileSync(new URL('../../seeds/source/nap3-source.txt', import.meta.url), 'utf8');

/** Source with every whitespace run collapsed to one space. */
const sourceSpaced = source.replace(/\s+/g, ' ');
/** Source with all whitespace removed, lowercased (for the fragment checks). */
const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
const sourceSquashed = squash(source);

// Parsed once here (defaults filled in); if the JSON does not parse, the schema test below
// reports the zod error and the other tests run on the raw JSON.
const parsed = PlanDocument.safeParse(raw);
const doc: PlanDocument = parsed.success ? parsed.data : (raw as PlanDocument);
const objectives = doc.areas.flatMap((a) => a.objectives);
const strategies = objectives.flatMap((o) => o.strategies);
const actionPlans = strategies.flatMap((s) => s.actionPlans);

// ---- expectations (from the notes and the source) --------------------------------------

const BODY_CODES = ['MOGEF', 'MOE', 'MOFA', 'MOU', 'MOJ', 'MND', 'MOIS', 'KNPA', 'KOICA', 'NUAC'];

const BODY_NAMES: Record<string, [string, string]> = {
  MOGEF: ['Ministry of Gender Equality and Family', '여성가족부'],
  MOE: ['Ministry of Education', '교육부'],
  MOFA: ['Ministry of Foreign Affairs', '외교부'],
  MOU: ['Ministry of Unification', '통일부'],
  MOJ: ['Ministry of Justice', '법무부'],
  MND: ['Ministry of National Defense', '국방부'],
  MOIS: ['Ministry of the Interior and Safety', '행정안전부'],
  KNPA: ['Korean National Police Agency', '경찰청'],
  KOICA: ['Korea International Cooperation Agency', '한국국제협력단'],
  NUAC: ['National Unification Advisory Council', '민주평화통일자문회의'],
};

const AREAS: [string, string][] = [
  ['Prevention', '예방'],
  ['Participation', '참여'],
  ['Protection', '보호'],
  ['Relief and Recovery', '구호·회복'],
  ['Implementation Monitoring', '이행점검'],
];

/** Objective numbers per area. */
const OBJECTIVES_PER_AREA = [[1, 2, 3, 4], [5, 6], [7, 8], [9, 10], [11]];

/** Strategy code → number of action plans (notes, "Per strategy"). */
const ACTIONS_PER_STRATEGY: [string, number][] = [
  ['1.1', 3], ['1.2', 1], ['2.1', 2], ['2.2', 2], ['3.1', 4], ['3.2', 2], ['3.3', 1], ['4.1', 1],
  ['4.2', 3], ['5.1', 4], ['5.2', 3], ['6.1', 2], ['6.2', 1], ['7.1', 2], ['7.2', 1], ['7.3', 1],
  ['8.1', 3], ['8.2', 2], ['9.1', 1], ['9.2', 2], ['10.1', 2], ['10.2', 3], ['11.1', 2], ['11.2', 2],
];

/** Action plan code → implementing bodies as the source lists them ("All" → 'ALL'). */
const ASSIGNMENTS: Record<string, string[] | 'ALL'> = {
  '1.1.1': ['MOFA', 'MOU', 'MND', 'MOIS', 'KNPA', 'NUAC'],
  '1.1.2': ['MND', 'KNPA', 'KOICA'],
  '1.1.3': ['MOGEF'],
  '1.2.1': ['MND'],
  '2.1.1': ['MOFA', 'MOU', 'MND', 'MOGEF', 'KNPA'],
  '2.1.2': ['MOFA', 'MOU'],
  '2.2.1': ['MOGEF'],
  '2.2.2': ['MOIS', 'MOGEF'],
  '3.1.1': ['MOFA', 'MOGEF'],
  '3.1.2': ['MOFA', 'MOGEF'],
  '3.1.3': ['MOJ', 'MOGEF'],
  '3.1.4': ['MOFA', 'MOGEF'],
  '3.2.1': ['MOFA', 'MOGEF'],
  '3.2.2': ['MOGEF'],
  '3.3.1': ['MOU', 'MOGEF'],
  '4.1.1': ['MOE'],
  '4.2.1': ['MOGEF'],
  '4.2.2': ['MOFA', 'MOU', 'MOGEF'],
  '4.2.3': ['MOU', 'NUAC'],
  '5.1.1': ['MOFA', 'MOU', 'MND', 'MOGEF', 'KNPA', 'NUAC'],
  '5.1.2': ['MND', 'KNPA'],
  '5.1.3': ['MOU'],
  '5.1.4': ['MOFA'], // reconstructed (notes): the source has no code left for this row
  '5.2.1': ['MND', 'KNPA', 'KOICA'],
  '5.2.2': ['MOFA', 'MOU'],
  '5.2.3': ['MOFA'],
  '6.1.1': ['MOFA', 'MOU', 'MND', 'KNPA', 'NUAC'],
  '6.1.2': ['MOFA', 'MOU', 'MND', 'MOGEF', 'NUAC'],
  '6.2.1': ['MOGEF', 'NUAC'],
  '7.1.1': ['MND'],
  '7.1.2': ['MND'],
  '7.2.1': ['MOFA', 'KOICA'],
  '7.3.1': ['MOGEF'],
  '8.1.1': ['MOGEF', 'MOU'],
  '8.1.2': ['MOU'],
  '8.1.3': ['KNPA'],
  '8.2.1': ['MOJ'],
  '8.2.2': ['MOJ'],
  '9.1.1': ['MOGEF'],
  '9.2.1': ['MOGEF'],
  '9.2.2': ['MOFA', 'MOGEF'],
  '10.1.1': ['MOFA', 'KOICA'],
  '10.1.2': ['MOFA', 'MOGEF', 'KOICA'],
  '10.2.1': ['MOFA', 'MOGEF', 'KOICA'],
  '10.2.2': ['MOFA', 'KOICA'],
  '10.2.3': ['MOFA', 'MOGEF', 'KOICA'],
  '11.1.1': 'ALL',
  '11.1.2': ['MOGEF'],
  '11.2.1': ['MOGEF'],
  '11.2.2': 'ALL',
};

/** Exact texts of the reconstructed items (notes, "Cells that came out damaged"). */
const RECONSTRUCTED_OBJECTIVES: Record<number, string> = {
  1: 'Improve the capacity for women, peace and security among people working in areas such as conflict prevention, peace, unification, and international development cooperation',
  2: 'Strengthen gender mainstreaming into the policies on national defense, foreign affairs, security, peace, unification, and public safety',
  7: 'Ensure effective remedies for victims and survivors of sexual violence by the military and in conflict zones, and strengthen penalties on the offenders',
};
const RECONSTRUCTED_STRATEGIES: Record<string, string> = {
  '8.1': 'Strengthen the protection of rights and support for women defectors from North Korea',
};
const RECONSTRUCTED_ACTIONS: Record<string, string> = {
  '11.2.1': 'Report the results of implementation and monitoring of NAP to the Gender Equality Committee',
};
const BODIES_RECONSTRUCTED_ACTIONS = ['5.1.4'];

/**
 * Distinctive fragments, each contiguous in the source once whitespace is removed,
 * for the objectives whose cells are whole (if interleaved) and for every strategy.
 */
const OBJECTIVE_FRAGMENTS: Record<number, string[]> = {
  3: ['and inter-Korean cooperation in the', 'women, peace, and security'],
  4: ['Raise public', 'awareness and build consensus on women,'],
  5: ["en's participation in the areas of national defense,", 'ication, and public safety'],
  6: ['Build good governance regarding the', 'women, peace, and security agenda'],
  8: ['Provide support for female defectors from North Korea', 'and refugee women'],
  9: ['rt for the restoration of victims', 'and survivors of confli'],
  10: ['nternational development cooperation in the areas of', 'peace, and security'],
  11: ['Establish', 'a monitoring system and build foundation for', 'implementation of the NAP'],
};
const STRATEGY_FRAGMENTS: Record<string, string[]> = {
  '1.1': ['capacity for gender responsiveness of public officials', 'operations (PKO) and development', 'cooperation personnel'],
  '1.2': ['Strengthen the capacity of the military for gender responsiveness'],
  '2.1': ['Incorporate gender perspectives in the policies on national', 'defense, foreign affairs, peace, unification and public safety'],
  '2.2': ['Integrate gender perspectives in emergency', 'preparedness and disaster management policies'],
  '3.1': ['Contribute to the global dissemination', 'of the WPS agenda'],
  '3.2': ['Intensify cooperation with the United Nations and support', 'gender-sensitive peacebuilding activities'],
  '3.3': ['Strengthen inter-Korean cooperation in the area of women, peace, and security'],
  '4.1': ['Strengthen school education on women, peace, and security'],
  '4.2': ['Build a national consensus on WPS'],
  '5.1': ["Increase women's representation in the policy—making", 'security, peace, unification, and public safety'],
  '5.2': ["Expand women's participation in the process of promoting world", 'peace, development cooperation and', 'peaceful unification'],
  '6.1': ['Facilitate governance', 'with civil society'],
  '6.2': ['Pursue local dissemination of the WPS agenda'],
  '7.1': ['Reinforce institutional arrangements for the prevention of sexual violence', 'remedies for the victims and survivors'],
  '7.2': ['Protect the human rights of women in conflict—affected and high—risk areas'],
  '7.3': ['Provide remedies to foreign female victims and survivors of sex trafficking'],
  '8.1': ['rights and support for women defectors from North Korea'],
  '8.2': ['Strengthen support for refugee women'],
  '9.1': ['Extend assistance to the "comfort women" victims and survivors'],
  '9.2': ['Restore the honor of the "comfort women"', 'victims and survivors'],
  '10.1': ['Integrate gender perspectives in international development', 'cooperation policies and create a governance structure'],
  '10.2': ['Scale up international', 'development cooperation projects related to', 'women, peace, and security'],
  '11.1': ['Conduct Monitoring on implementation on a regular basis and', 'build public-private governance'],
  '11.2': ['Solidify the foundation for', 'effective implementation'],
};

/** The text as printed in the source (only the "Encrease" typo of 10.2.3 was fixed). */
const asPrinted = (code: string, text: string) =>
  code === '10.2.3'
    ? text.replace("Increase women's participation in training", "Encrease women's participation in training")
    : text;

// ---- tests ------------------------------------------------------------------------------

describe('seeds/nap3.json: the Third NAP plan document', () => {
  it('satisfies the PlanDocument schema', () => {
    expect(() => PlanDocument.parse(raw)).not.toThrow();
    expect(doc.format).toBe('nap-monitor/plan@1');
  });

  it('describes the plan', () => {
    expect(doc.plan).toEqual({
      code: 'KOR-NAP-3',
      titleEn:
        'The Third National Action Plan of the Republic of Korea for the Implementation of United Nations Security Council Resolution 1325 on Women, Peace, and Security',
      titleKo: '유엔안보리 결의 1325호 이행을 위한 제3차 국가행동계획',
      startYear: 2021,
      endYear: 2023,
      leadBody: 'MOGEF',
      source: 'seeds/source/nap3-source.txt',
    });
    expect(sourceSpaced.startsWith(doc.plan.titleEn)).toBe(true);
  });

  it('lists the ten implementing bodies of the notes, in order', () => {
    expect(doc.bodies).toHaveLength(10);
    expect(doc.bodies.map((b) => b.code)).toEqual(BODY_CODES);
    expect(new Set(doc.bodies.map((b) => b.code))).toEqual(new Set(BODY_CODES));
    for (const b of doc.bodies) {
      expect([b.nameEn, b.nameKo], b.code).toEqual(BODY_NAMES[b.code]);
    }
    expect(doc.bodies.find((b) => b.code === 'MOGEF')?.noteEn).toMatch(/lead ministry/);
    expect(doc.bodies.find((b) => b.code === 'NUAC')?.noteEn).toMatch(/presidential consultative body/);
  });

  it('has 5 areas, 11 objectives, 24 strategies and 50 action plans in the notes’ shape', () => {
    expect(doc.areas.map((a) => [a.nameEn, a.nameKo])).toEqual(AREAS);
    expect(doc.areas.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(doc.areas.map((a) => a.nameKoReconstructed)).toEqual([false, false, false, false, true]);
    expect(doc.areas.map((a) => a.objectives.map((o) => o.number))).toEqual(OBJECTIVES_PER_AREA);

    expect(objectives).toHaveLength(11);
    expect(objectives.map((o) => o.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

    expect(strategies).toHaveLength(24);
    expect(strategies.map((s) => s.code)).toEqual(ACTIONS_PER_STRATEGY.map(([c]) => c));
    for (const o of objectives) {
      for (const s of o.strategies) expect(s.code.split('.')[0], s.code).toBe(String(o.number));
    }

    expect(actionPlans).toHaveLength(50);
    expect(strategies.map((s) => [s.code, s.actionPlans.length])).toEqual(ACTIONS_PER_STRATEGY);
    for (const s of strategies) {
      expect(s.actionPlans.map((a) => a.code)).toEqual(s.actionPlans.map((_, i) => `${s.code}.${i + 1}`));
    }
    expect(new Set(actionPlans.map((a) => a.code)).size).toBe(50);
  });

  it('assigns every action plan exactly the bodies the source lists', () => {
    expect(actionPlans.map((a) => a.code).sort()).toEqual(Object.keys(ASSIGNMENTS).sort());
    const known = new Set(doc.bodies.map((b) => b.code));
    for (const a of actionPlans) {
      const expected = ASSIGNMENTS[a.code];
      expect(expected, `${a.code} is not in the expected table`).toBeDefined();
      if (expected === undefined) continue;
      if (expected === 'ALL') {
        expect(a.bodies, a.code).toBe('ALL');
      } else {
        expect(Array.isArray(a.bodies), a.code).toBe(true);
        expect([...(a.bodies as string[])].sort(), a.code).toEqual([...expected].sort());
        expect(new Set(a.bodies).size, `${a.code} has a duplicate body`).toBe(a.bodies.length);
        for (const code of a.bodies as string[]) expect(known.has(code), `${a.code}: ${code}`).toBe(true);
      }
    }
    // Every body of the plan is responsible for something.
    const used = new Set(actionPlans.flatMap((a) => (a.bodies === 'ALL' ? [] : a.bodies)));
    expect(used).toEqual(new Set(BODY_CODES));
  });

  it('flags exactly the reconstructed items, each with a note', () => {
    expect(objectives.filter((o) => o.reconstructed).map((o) => o.number)).toEqual([1, 2, 7]);
    expect(strategies.filter((s) => s.reconstructed).map((s) => s.code)).toEqual(['8.1']);
    expect(actionPlans.filter((a) => a.reconstructed).map((a) => a.code)).toEqual(['11.2.1']);
    expect(actionPlans.filter((a) => a.bodiesReconstructed).map((a) => a.code)).toEqual(BODIES_RECONSTRUCTED_ACTIONS);

    for (const o of objectives.filter((x) => x.reconstructed)) {
      expect(o.textEn).toBe(RECONSTRUCTED_OBJECTIVES[o.number]);
      expect(o.sourceNote?.trim(), `objective ${o.number}`).toBeTruthy();
    }
    for (const s of strategies.filter((x) => x.reconstructed)) {
      expect(s.textEn).toBe(RECONSTRUCTED_STRATEGIES[s.code]);
      expect(s.sourceNote?.trim(), `strategy ${s.code}`).toBeTruthy();
    }
    for (const a of actionPlans.filter((x) => x.reconstructed || x.bodiesReconstructed)) {
      if (a.reconstructed) expect(a.textEn).toBe(RECONSTRUCTED_ACTIONS[a.code]);
      expect(a.sourceNote?.trim(), `action plan ${a.code}`).toBeTruthy();
    }
    // 10.2.3: typo fixed, not a reconstruction, but noted.
    const typo = actionPlans.find((a) => a.code === '10.2.3')!;
    expect(typo.textEn.startsWith("Increase women's participation in training")).toBe(true);
    expect(typo.reconstructed).toBe(false);
    expect(typo.sourceNote).toMatch(/Encrease/);
    // Nothing else carries Korean text for objectives, strategies or action plans.
    for (const item of [...objectives, ...strategies, ...actionPlans]) expect(item.textKo).toBeUndefined();
  });

  it('takes every whole action-plan text verbatim from the source, in the source’s order', () => {
    let lastGlobal = -1;
    for (const s of strategies) {
      let last = -1;
      for (const a of s.actionPlans) {
        if (a.reconstructed) {
          expect(a.reconstructed).toBe(true);
          expect(a.sourceNote?.trim()).toBeTruthy();
          // The legible part of a cut cell is still in the source.
          expect(sourceSpaced.includes(a.textEn), a.code).toBe(true);
          continue;
        }
        const printed = asPrinted(a.code, a.textEn);
        const at = sourceSpaced.indexOf(printed);
        expect(at, `${a.code} "${a.textEn}" not found in the source`).toBeGreaterThanOrEqual(0);
        expect(sourceSpaced.indexOf(printed, at + 1), `${a.code} occurs twice`).toBe(-1);
        expect(at, `${a.code} out of order within ${s.code}`).toBeGreaterThan(last);
        expect(at, `${a.code} out of order in the plan`).toBeGreaterThan(lastGlobal);
        last = at;
        lastGlobal = at;
      }
    }
    expect(actionPlans.some((a) => a.textEn.includes('Encrease'))).toBe(false);
  });

  it('keeps the objective texts to the source wording', () => {
    const checked = Object.keys(OBJECTIVE_FRAGMENTS).map(Number);
    expect(checked).toEqual([3, 4, 5, 6, 8, 9, 10, 11]);
    for (const n of checked) {
      const o = objectives.find((x) => x.number === n)!;
      expect(o.reconstructed, `objective ${n}`).toBe(false);
      for (const f of OBJECTIVE_FRAGMENTS[n] ?? []) {
        expect(sourceSquashed.includes(squash(f)), `objective ${n} fragment "${f}" not in source`).toBe(true);
        expect(squash(o.textEn).includes(squash(f)), `objective ${n} lacks "${f}"`).toBe(true);
      }
    }
  });

  it('keeps the strategy texts to the source wording', () => {
    expect(Object.keys(STRATEGY_FRAGMENTS)).toEqual(ACTIONS_PER_STRATEGY.map(([c]) => c));
    for (const s of strategies) {
      for (const f of STRATEGY_FRAGMENTS[s.code] ?? []) {
        expect(sourceSquashed.includes(squash(f)), `strategy ${s.code} fragment "${f}" not in source`).toBe(true);
        expect(squash(s.textEn).includes(squash(f)), `strategy ${s.code} lacks "${f}"`).toBe(true);
      }
      // No letter-spaced fragments, doubled codes or stray whitespace left over from the PDF.
      expect(s.textEn, s.code).not.toMatch(/\b(?:\w ){3,}\w\b|\s{2,}|^\d+\.\d+\.?\s/);
    }
  });
});
