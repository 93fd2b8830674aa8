/**
 * The text and value checks the db functions make (db/written-text.ts), as
 * mutation testing asks (docs/mutation-testing.md): each refusal's code,
 * message, path and hint, and what is stored when the text is accepted.
 */
import { describe, expect, it } from 'vitest';
import { checkIndicatorValue, optionalText, requiredText } from '../../db/written-text';
import { DomainError } from '../../contract/result';
import { refusal } from '../support/refusal';

const said = (e: DomainError) => [e.code, e.message, e.details];

describe('a required text', () => {
  it('is stored cleaned: NFC, without white space at either end, inner line breaks kept', () => {
    expect(requiredText('\u3000 e\u0301 줄\n다음 \t', 10, 'p', 'reason')).toBe('\u00e9 줄\n다음');
  });

  it('is refused when empty, too long or holding half of a UTF-16 pair, saying which and where', () => {
    expect(said(refusal(() => requiredText(' \u3000 ', 10, 'reason', 'reason')))).toEqual([
      'BAD_REQUEST',
      'The reason is empty.',
      [{ path: 'reason', hint: 'required' }],
    ]);
    expect(said(refusal(() => requiredText('가나다라', 3, 'body.name', 'name')))).toEqual([
      'BAD_REQUEST',
      'The name is longer than 3 characters.',
      [{ path: 'body.name', hint: 'too_long' }],
    ]);
    expect(said(refusal(() => requiredText('a\uD800b', 10, 'text', 'comment')))).toEqual([
      'BAD_REQUEST',
      'The comment holds a character that cannot be stored (half of a UTF-16 pair).',
      [{ path: 'text', hint: 'bad_character' }],
    ]);
  });

  it('accepts a text of exactly the longest length, counted after cleaning', () => {
    expect(requiredText('  가나다  ', 3, 'p', 'name')).toBe('가나다');
  });
});

describe('an optional text', () => {
  it('is null when absent, empty or only white space', () => {
    expect(optionalText(null, 10, 'p', 'text')).toBeNull();
    expect(optionalText(undefined, 10, 'p', 'text')).toBeNull();
    expect(optionalText('', 10, 'p', 'text')).toBeNull();
    expect(optionalText(' \u3000\n', 10, 'p', 'text')).toBeNull();
  });

  it('is stored cleaned', () => {
    expect(optionalText(' 실적 ', 10, 'p', 'text')).toBe('실적');
  });

  it('is refused when too long or holding half of a UTF-16 pair, saying which and where', () => {
    expect(said(refusal(() => optionalText('abcd', 3, 'patch.achievements', 'achievements')))).toEqual([
      'BAD_REQUEST',
      'The achievements is longer than 3 characters.',
      [{ path: 'patch.achievements', hint: 'too_long' }],
    ]);
    expect(said(refusal(() => optionalText('\uDC00', 3, 'patch.nextSteps', 'next steps')))).toEqual([
      'BAD_REQUEST',
      'The next steps holds a character that cannot be stored (half of a UTF-16 pair).',
      [{ path: 'patch.nextSteps', hint: 'bad_character' }],
    ]);
  });
});

describe('an indicator value', () => {
  it('is accepted when it fits the kind', () => {
    for (const [kind, value] of [
      ['number', 0],
      ['number', 12],
      ['percent', 0],
      ['percent', 100],
      ['percent', 12.5],
      ['yes_no', 0],
      ['yes_no', 1],
    ] as const) {
      expect(() => checkIndicatorValue(kind, value, 'value'), `${kind} ${value}`).not.toThrow();
    }
  });

  it('is refused with the rule of its kind, the path and the hint', () => {
    expect(said(refusal(() => checkIndicatorValue('number', 1.5, 'value')))).toEqual([
      'BAD_REQUEST',
      'The value does not fit the indicator: a count is a whole number, 0 or more.',
      [{ path: 'value', hint: 'count_format' }],
    ]);
    expect(said(refusal(() => checkIndicatorValue('percent', 101, 'target')))).toEqual([
      'BAD_REQUEST',
      'The value does not fit the indicator: a percentage is between 0 and 100.',
      [{ path: 'target', hint: 'percent_range' }],
    ]);
    expect(said(refusal(() => checkIndicatorValue('yes_no', 2, 'baseline')))).toEqual([
      'BAD_REQUEST',
      'The value does not fit the indicator: a yes/no value is 1 (yes) or 0 (no).',
      [{ path: 'baseline', hint: 'yes_no_format' }],
    ]);
    expect(said(refusal(() => checkIndicatorValue('percent', Number.NaN, 'value')))).toEqual([
      'BAD_REQUEST',
      'The value does not fit the indicator: a percentage is between 0 and 100.',
      [{ path: 'value', hint: 'number_format' }],
    ]);
  });
});
