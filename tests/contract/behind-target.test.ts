/**
 * contract/rules.ts isBehindTarget, the one rule by which the packs, the
 * committee report and their figures call an indicator behind its target.
 * A yes/no indicator's value across bodies is the share of "yes" (0-100):
 * half the bodies saying yes is behind a target of "yes", not on it.
 */
import { describe, expect, it } from 'vitest';
import { isBehindTarget } from '../../contract/rules';
import { isBehindTarget as packBehind } from '../../main/packs/data';
import { targetMet } from '../../main/packs/gec/data';

describe('an indicator behind its target', () => {
  it('a number or a percentage: below the target', () => {
    expect(isBehindTarget('number', 10, 9)).toBe(true);
    expect(isBehindTarget('number', 10, 10)).toBe(false);
    expect(isBehindTarget('percent', 30, 29.5)).toBe(true);
    expect(isBehindTarget('percent', 30, 31)).toBe(false);
  });

  it('yes/no: the share of "yes" against a target of yes (1) or no (0)', () => {
    expect(isBehindTarget('yes_no', 1, 50)).toBe(true);
    expect(isBehindTarget('yes_no', 1, 0)).toBe(true);
    expect(isBehindTarget('yes_no', 1, 100)).toBe(false);
    expect(isBehindTarget('yes_no', 0, 0)).toBe(false);
  });

  it('unknown target or value: not behind (and not met)', () => {
    expect(isBehindTarget('number', null, 5)).toBe(false);
    expect(isBehindTarget('number', 5, null)).toBe(false);
    expect(targetMet({ kind: 'number', target: null, actual: 5 })).toBeNull();
  });

  it('the packs and the committee report use the same rule', () => {
    const half = { kind: 'yes_no' as const, target: 1, actual: 50 };
    expect(packBehind(half)).toBe(true);
    expect(targetMet(half)).toBe(false);
    expect(targetMet({ kind: 'yes_no', target: 1, actual: 100 })).toBe(true);
  });
});
