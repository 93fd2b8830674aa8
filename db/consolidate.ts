/**
 * The consolidated completion level of an action plan for a period: the rule
 * lives in contract/rules.ts (shared with the renderer and the importer);
 * migration 0020's triggers repeat its aggregate in SQL, and
 * tests/db/consolidate.test.ts holds them equal.
 */
export { deriveLevel, levelFromAggregate } from '../contract/rules';
