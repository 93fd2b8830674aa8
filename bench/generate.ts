/**
 * A deterministic plan document `scale` times the third plan (seeds/nap3.json),
 * for the benchmark. Seeded PRNG (mulberry32); no Math.random, so every run
 * and every machine loads exactly the same document.
 *
 * Structure, for scale = 100 (scale = k × m, k = the largest divisor of scale
 * not above its square root: 100 = 10 × 10):
 *   - the 5 real areas, unchanged;
 *   - each of the 11 real objectives appears k = 10 times in its own area
 *     (110 objectives, numbered 1…110 in order);
 *   - each copy of an objective carries a copy of each of its real strategies
 *     (24 × 10 = 240 strategies, codes "<objective>.<n>");
 *   - each strategy carries its real action plans m = 10 times over
 *     (50 × 10 × 10 = 5,000 action plans, codes "<strategy>.<n>", so a
 *     strategy has 10–40 action plans instead of 1–4).
 * The plan keeps its shape (areas of unequal size, strategies of 1–4 real
 * action plans) while the hierarchy grows at every level below the area.
 *
 * Texts: the first copy of every item is the real text, verbatim; the other
 * copies are the real English text with a short suffix (so lengths stay
 * realistic: 38–251 characters for action plans), and about 30 % of the
 * copies also get a Korean text assembled from plan vocabulary (about half the
 * English length, as Korean renderings of these texts are). Provenance flags
 * and source notes are copied with the text.
 *
 * Bodies: the 10 real bodies plus 10 further real Korean government bodies
 * (20 by default). The first copy of each action plan keeps its real
 * assignment; every other copy draws how many bodies from the real plan's
 * distribution (1–6 bodies, or ALL in 2 of 50), then which ones, weighted by
 * how often each real body is assigned (the added bodies get the median
 * weight), without repetition.
 *
 * Reporting periods: 10 (2021–2030 by default).
 */
import { readFileSync } from 'node:fs';
import { PlanDocument, type PlanDocumentInput } from '../seeds/schema';

type ActionPlanInput = PlanDocumentInput['areas'][number]['objectives'][number]['strategies'][number]['actionPlans'][number];
type StrategyInput = PlanDocumentInput['areas'][number]['objectives'][number]['strategies'][number];
type ObjectiveInput = PlanDocumentInput['areas'][number]['objectives'][number];
type BodyInput = PlanDocumentInput['bodies'][number];

export interface GenerateOptions {
  /** Number of implementing bodies, 10 (the real ones) to 20. Default 20. */
  bodies?: number;
  /** Number of reporting periods (years from 2021). Default 10. */
  years?: number;
  /** PRNG seed. Default 1325. */
  seed?: number;
}

/** mulberry32: a small, fast, seeded 32-bit PRNG returning [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The real third plan, parsed (defaults applied). */
export function loadNap3(): PlanDocument {
  const raw: unknown = JSON.parse(readFileSync(new URL('../seeds/nap3.json', import.meta.url), 'utf8'));
  return PlanDocument.parse(raw);
}

/** Ten more real bodies, to reach 20. */
const EXTRA_BODIES: BodyInput[] = [
  { code: 'MOHW', nameEn: 'Ministry of Health and Welfare', nameKo: '보건복지부' },
  { code: 'MOEL', nameEn: 'Ministry of Employment and Labor', nameKo: '고용노동부' },
  { code: 'MCST', nameEn: 'Ministry of Culture, Sports and Tourism', nameKo: '문화체육관광부' },
  { code: 'MSIT', nameEn: 'Ministry of Science and ICT', nameKo: '과학기술정보통신부' },
  { code: 'MOEF', nameEn: 'Ministry of Economy and Finance', nameKo: '기획재정부' },
  { code: 'KCG', nameEn: 'Korea Coast Guard', nameKo: '해양경찰청' },
  { code: 'NHRCK', nameEn: 'National Human Rights Commission of Korea', nameKo: '국가인권위원회' },
  { code: 'KIGEPE', nameEn: 'Korean Institute for Gender Equality Promotion and Education', nameKo: '한국양성평등교육진흥원' },
  { code: 'KWDI', nameEn: 'Korean Women\u2019s Development Institute', nameKo: '한국여성정책연구원' },
  { code: 'KF', nameEn: 'Korea Foundation', nameKo: '한국국제교류재단' },
];

const KO_PHRASES = [
  '여성·평화·안보 의제 이행',
  '성인지 교육 실시',
  '분쟁 예방 역량 강화',
  '평화 구축 과정에 여성 참여 확대',
  '국제평화유지활동 인력의 성인지 역량 강화',
  '분쟁 관련 성폭력 피해자 지원',
  '국제개발협력 사업의 성 주류화',
  '관계 부처 간 협력 체계 강화',
  '시민사회와의 협력 확대',
  '이행 점검 및 평가',
  '통일 과정에서의 여성 참여 보장',
  '재난 및 공공 안전 분야 대응',
  '국제사회와의 공조',
  '피해자 보호 및 회복 지원',
  '교육 과정 개발 및 운영',
  '정책 결정 과정에서 여성 대표성 제고',
];

/** A Korean text of about `length` characters from plan vocabulary (no phrase twice). */
function koreanText(rand: () => number, length: number): string {
  const pool = [...KO_PHRASES];
  const parts: string[] = [];
  let n = 0;
  while ((n < length || parts.length === 0) && pool.length > 0) {
    const [p] = pool.splice(Math.floor(rand() * pool.length), 1);
    parts.push(p!);
    n += p!.length + 2;
  }
  const last = parts.at(-1)!.charCodeAt(parts.at(-1)!.length - 1);
  // Object particle: 을 after a final consonant, 를 after a vowel.
  const particle = last >= 0xac00 && last <= 0xd7a3 && (last - 0xac00) % 28 === 0 ? '를' : '을';
  return `${parts.join(', ')}${particle} 추진한다.`;
}

/** scale = k × m with k the largest divisor of scale not above √scale. */
export function splitScale(scale: number): { objectiveCopies: number; actionCopies: number } {
  let k = 1;
  for (let d = 1; d * d <= scale; d++) if (scale % d === 0) k = d;
  return { objectiveCopies: k, actionCopies: scale / k };
}

export function generatePlan(scale = 100, options: GenerateOptions = {}): PlanDocumentInput {
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a positive integer, not ${scale}`);
  const { bodies: bodyCount = 20, years = 10, seed = 1325 } = options;
  if (bodyCount < 10 || bodyCount > 10 + EXTRA_BODIES.length) throw new Error(`bodies must be 10–20, not ${bodyCount}`);
  const rand = mulberry32(seed);
  const real = loadNap3();
  const { objectiveCopies, actionCopies } = splitScale(scale);

  const bodies: BodyInput[] = [...real.bodies, ...EXTRA_BODIES.slice(0, bodyCount - real.bodies.length)];

  // The real plan's distributions: how many bodies per action plan, and how
  // often each body is assigned.
  const realActions = real.areas.flatMap((a) => a.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans)));
  const sizes = realActions.map((a) => (a.bodies === 'ALL' ? ('ALL' as const) : a.bodies.length));
  const freq = new Map<string, number>(real.bodies.map((b) => [b.code, 0]));
  for (const a of realActions) for (const c of a.bodies === 'ALL' ? [] : a.bodies) freq.set(c, (freq.get(c) ?? 0) + 1);
  const realWeights = [...freq.values()].sort((a, b) => a - b);
  const medianWeight = Math.max(1, realWeights[Math.floor(realWeights.length / 2)] ?? 1);
  const weights = bodies.map((b) => Math.max(1, freq.get(b.code) ?? medianWeight));

  const drawBodies = (): ActionPlanInput['bodies'] => {
    const size = sizes[Math.floor(rand() * sizes.length)]!;
    if (size === 'ALL') return 'ALL';
    const pool = bodies.map((b, i) => ({ code: b.code, w: weights[i]! }));
    const chosen: string[] = [];
    for (let n = 0; n < size && pool.length > 0; n++) {
      let r = rand() * pool.reduce((s, p) => s + p.w, 0);
      let i = 0;
      while (i < pool.length - 1 && r >= pool[i]!.w) r -= pool[i++]!.w;
      chosen.push(pool[i]!.code);
      pool.splice(i, 1);
    }
    // Keep the plan's body order, as the real document does.
    return bodies.map((b) => b.code).filter((c) => chosen.includes(c));
  };

  const withKorean = <T extends { textEn: string; textKo?: string | undefined }>(item: T, copy: boolean): T =>
    copy && rand() < 0.3 ? { ...item, textKo: koreanText(rand, Math.round(item.textEn.length * 0.45)) } : item;

  let objectiveNumber = 0;
  const areas = real.areas.map((area) => {
    const objectives: ObjectiveInput[] = [];
    for (const o of area.objectives) {
      for (let c = 0; c < objectiveCopies; c++) {
        const number = ++objectiveNumber;
        const strategies: StrategyInput[] = o.strategies.map((s, si) => {
          const strategyCode = `${number}.${si + 1}`;
          const actionPlans: ActionPlanInput[] = [];
          for (let j = 0; j < actionCopies; j++) {
            for (const a of s.actionPlans) {
              const original = c === 0 && j === 0;
              actionPlans.push(
                withKorean(
                  {
                    code: `${strategyCode}.${actionPlans.length + 1}`,
                    textEn: original ? a.textEn : `${a.textEn} (copy ${c + 1}.${j + 1} of ${a.code})`,
                    ...(a.textKo !== undefined ? { textKo: a.textKo } : {}),
                    reconstructed: a.reconstructed,
                    ...(a.sourceNote !== undefined ? { sourceNote: a.sourceNote } : {}),
                    bodies: original ? a.bodies : drawBodies(),
                    bodiesReconstructed: a.bodiesReconstructed,
                  },
                  !original,
                ),
              );
            }
          }
          return withKorean(
            {
              code: strategyCode,
              textEn: c === 0 ? s.textEn : `${s.textEn} (copy ${c + 1} of ${s.code})`,
              ...(s.textKo !== undefined ? { textKo: s.textKo } : {}),
              reconstructed: s.reconstructed,
              ...(s.sourceNote !== undefined ? { sourceNote: s.sourceNote } : {}),
              actionPlans,
            },
            c > 0,
          );
        });
        objectives.push(
          withKorean(
            {
              number,
              textEn: c === 0 ? o.textEn : `${o.textEn} (copy ${c + 1} of objective ${o.number})`,
              ...(o.textKo !== undefined ? { textKo: o.textKo } : {}),
              reconstructed: o.reconstructed,
              ...(o.sourceNote !== undefined ? { sourceNote: o.sourceNote } : {}),
              strategies,
            },
            c > 0,
          ),
        );
      }
    }
    return { seq: area.seq, nameEn: area.nameEn, nameKo: area.nameKo, nameKoReconstructed: area.nameKoReconstructed, objectives };
  });

  const startYear = real.plan.startYear;
  const doc: PlanDocumentInput = {
    format: 'nap-monitor/plan@1',
    plan: {
      code: `KOR-NAP-BENCH-X${scale}`,
      titleEn: `${real.plan.titleEn} (benchmark, ${scale}× scale)`,
      titleKo: `${real.plan.titleKo} (벤치마크 ${scale}배)`,
      startYear,
      endYear: startYear + years - 1,
      leadBody: real.plan.leadBody,
      source: `bench/generate.ts generatePlan(${scale}), seed ${seed}`,
    },
    bodies,
    areas,
  };
  PlanDocument.parse(doc); // throws if the generator ever produces an invalid document
  return doc;
}

/** Counts of a plan document, for the report. */
export function describePlan(input: PlanDocumentInput): {
  areas: number;
  objectives: number;
  strategies: number;
  actionPlans: number;
  bodies: number;
  periods: number;
  assignments: number;
  allAssignments: number;
  koreanTexts: number;
  textChars: number;
} {
  const doc = PlanDocument.parse(input);
  const objectives = doc.areas.flatMap((a) => a.objectives);
  const strategies = objectives.flatMap((o) => o.strategies);
  const actions = strategies.flatMap((s) => s.actionPlans);
  const items = [...objectives, ...strategies, ...actions];
  return {
    areas: doc.areas.length,
    objectives: objectives.length,
    strategies: strategies.length,
    actionPlans: actions.length,
    bodies: doc.bodies.length,
    periods: doc.plan.endYear - doc.plan.startYear + 1,
    assignments: actions.reduce((n, a) => n + (a.bodies === 'ALL' ? doc.bodies.length : a.bodies.length), 0),
    allAssignments: actions.filter((a) => a.bodies === 'ALL').length,
    koreanTexts: items.filter((i) => i.textKo !== undefined).length,
    textChars: items.reduce((n, i) => n + i.textEn.length + (i.textKo?.length ?? 0), 0),
  };
}
