/**
 * The shapes that cross the boundary between main and the renderer, as
 * runtime schemas (zod) with their TypeScript types inferred from them.
 */
import { z } from 'zod';

export const Language = z.enum(['ko', 'en']);
export type Language = z.infer<typeof Language>;

/** The views of the application shell. */
export const View = z.enum(['plan', 'progress', 'exchange', 'meetings', 'settings']);
export type View = z.infer<typeof View>;

export const Id = z.number().int().positive();

export const ImplementingBody = z.object({
  id: Id,
  code: z.string(),
  nameEn: z.string(),
  nameKo: z.string(),
  noteEn: z.string().nullable(),
  isLead: z.boolean(),
});
export type ImplementingBody = z.infer<typeof ImplementingBody>;

export const ReportingPeriod = z.object({
  id: Id,
  year: z.number().int(),
  label: z.string(),
  /** MOGEF has locked the period: no body can change its entries. */
  locked: z.boolean(),
});
export type ReportingPeriod = z.infer<typeof ReportingPeriod>;

export const PlanSummary = z.object({
  id: Id,
  code: z.string(),
  titleEn: z.string(),
  titleKo: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  counts: z.object({
    areas: z.number().int(),
    objectives: z.number().int(),
    strategies: z.number().int(),
    actionPlans: z.number().int(),
    bodies: z.number().int(),
  }),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

const Provenance = {
  reconstructed: z.boolean(),
  sourceNote: z.string().nullable(),
};

export const ActionPlan = z.object({
  id: Id,
  code: z.string(),
  textEn: z.string(),
  textKo: z.string().nullable(),
  ...Provenance,
  bodiesReconstructed: z.boolean(),
  /** Codes of the implementing bodies, in the plan's order of bodies. */
  bodyCodes: z.array(z.string()),
});
export type ActionPlan = z.infer<typeof ActionPlan>;

export const Strategy = z.object({
  id: Id,
  code: z.string(),
  textEn: z.string(),
  textKo: z.string().nullable(),
  ...Provenance,
  actionPlans: z.array(ActionPlan),
});
export type Strategy = z.infer<typeof Strategy>;

export const Objective = z.object({
  id: Id,
  number: z.number().int(),
  textEn: z.string(),
  textKo: z.string().nullable(),
  ...Provenance,
  strategies: z.array(Strategy),
});
export type Objective = z.infer<typeof Objective>;

export const Area = z.object({
  id: Id,
  seq: z.number().int(),
  nameEn: z.string(),
  nameKo: z.string(),
  nameKoReconstructed: z.boolean(),
  objectives: z.array(Objective),
});
export type Area = z.infer<typeof Area>;

export const PlanOutline = z.object({
  plan: PlanSummary,
  bodies: z.array(ImplementingBody),
  periods: z.array(ReportingPeriod),
  areas: z.array(Area),
});
export type PlanOutline = z.infer<typeof PlanOutline>;

export const PlanSearchQuery = z
  .object({
    planId: Id,
    /** Free text, Korean or English; matched against codes, texts and names. */
    text: z.string().max(200).default(''),
    /** Only action plans carried by this body. */
    bodyCode: z.string().max(16).nullable().default(null),
  })
  .strict();
export type PlanSearchQuery = z.input<typeof PlanSearchQuery>;

export const AppInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Settings = z.object({
  language: Language,
});
export type Settings = z.infer<typeof Settings>;

/** A message in both languages, and where it points (file, sheet!cell, field), when it points somewhere. */
export const Notice = z.object({ ko: z.string(), en: z.string(), where: z.string().nullable() });
export type Notice = z.infer<typeof Notice>;
