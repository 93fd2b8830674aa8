import { describe, expect, it } from 'vitest';
import { deriveLevel } from '../../contract/rules';

describe('consolidated level', () => {
  it('is the least advanced body\u2019s level', () => {
    expect(deriveLevel(['completed', 'substantial', 'completed'])).toBe('substantial');
    expect(deriveLevel(['limited', 'not_started'])).toBe('not_started');
    expect(deriveLevel(['completed'])).toBe('completed');
  });
  it('ignores bodies that have not reported, and "no evidence" beside a level', () => {
    expect(deriveLevel(['completed', null, undefined])).toBe('completed');
    expect(deriveLevel(['no_evidence', 'substantial'])).toBe('substantial');
  });
  it('is "no evidence" only when that is all there is, and nothing when nothing was reported', () => {
    expect(deriveLevel(['no_evidence', null])).toBe('no_evidence');
    expect(deriveLevel([null, null])).toBeNull();
    expect(deriveLevel([])).toBeNull();
  });
});
