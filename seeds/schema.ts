/**
 * The format of a plan document: one National Action Plan cycle as data.
 * The third plan ships as seeds/nap3.json; a newer plan is another document of
 * this shape, loaded by db/seed.ts without a code change.
 */
import { z } from 'zod';

const text = z.string().trim().min(1);

/** Why a text is not exactly as printed in the source document. */
const provenance = {
  /** The source cell was damaged; the text is the best reconstruction. */
  reconstructed: z.boolean().default(false),
  /** A short note for coordinators: what was damaged and what was used. */
  sourceNote: z.string().optional(),
};

export const BodyCode = z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/, 'a body code is 2-16 capital letters or digits, e.g. MOFA');

export const ActionPlanSeed = z.object({
  /** Strategy code + position, e.g. "1.1.1". */
  code: z.string().regex(/^\d+\.\d+\.\d+$/),
  textEn: text,
  textKo: text.optional(),
  ...provenance,
  /** Implementing bodies by code, or "ALL" for every body of the plan. */
  bodies: z.union([z.literal('ALL'), z.array(BodyCode).min(1)]),
  bodiesReconstructed: z.boolean().default(false),
});

export const StrategySeed = z.object({
  code: z.string().regex(/^\d+\.\d+$/),
  textEn: text,
  textKo: text.optional(),
  ...provenance,
  actionPlans: z.array(ActionPlanSeed).min(1),
});

export const ObjectiveSeed = z.object({
  number: z.number().int().positive(),
  textEn: text,
  textKo: text.optional(),
  ...provenance,
  strategies: z.array(StrategySeed).min(1),
});

export const AreaSeed = z.object({
  /** Position of the area in the plan, from 1. */
  seq: z.number().int().positive(),
  nameEn: text,
  nameKo: text,
  /** The Korean name is a reconstruction (not printed in the source). */
  nameKoReconstructed: z.boolean().default(false),
  objectives: z.array(ObjectiveSeed).min(1),
});

export const BodySeed = z.object({
  code: BodyCode,
  nameEn: text,
  nameKo: text,
  /** e.g. "lead ministry, coordinates the plan" */
  noteEn: z.string().optional(),
});

export const PlanDocument = z.object({
  format: z.literal('nap-monitor/plan@1'),
  plan: z.object({
    /** Stable identifier of the plan, e.g. "KOR-NAP-3". */
    code: z.string().regex(/^[A-Z0-9-]{2,32}$/),
    titleEn: text,
    titleKo: text,
    startYear: z.number().int().min(2000).max(2100),
    endYear: z.number().int().min(2000).max(2100),
    /** Code of the body that leads and coordinates the plan. */
    leadBody: BodyCode,
    source: z.string().optional(),
  }),
  bodies: z.array(BodySeed).min(1),
  areas: z.array(AreaSeed).min(1),
});

export type PlanDocument = z.infer<typeof PlanDocument>;
export type PlanDocumentInput = z.input<typeof PlanDocument>;
