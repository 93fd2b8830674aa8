/**
 * Text and values as db functions write them, by the shared rules
 * (contract/rules.ts): the IPC schemas check requests already, but the db
 * functions are called by tests, seeds and the coming importer too, so what
 * reaches a table is checked here as well.
 */
import { DomainError } from '../contract/result';
import { cleanText, indicatorValueProblem, textProblem, type IndicatorKind, type TextProblem } from '../contract/rules';

function problemText(problem: TextProblem, max: number): string {
  if (problem === 'required') return 'is empty';
  if (problem === 'too_long') return `is longer than ${max} characters`;
  return 'holds a character that cannot be stored (half of a UTF-16 pair)';
}

/** A required text, cleaned (NFC, trimmed); refused as BAD_REQUEST with its path. */
export function requiredText(text: string, max: number, path: string, what: string): string {
  const problem = textProblem(text, max, true);
  if (problem) throw new DomainError('BAD_REQUEST', `The ${what} ${problemText(problem, max)}.`, [{ path, hint: problem }]);
  return cleanText(text)!;
}

/** An optional text, cleaned; empty or white space only is null. */
export function optionalText(text: string | null | undefined, max: number, path: string, what: string): string | null {
  if (text === null || text === undefined) return null;
  const problem = textProblem(text, max, false);
  if (problem) throw new DomainError('BAD_REQUEST', `The ${what} ${problemText(problem, max)}.`, [{ path, hint: problem }]);
  return cleanText(text);
}

const KIND_RULE: Record<IndicatorKind, string> = {
  number: 'a count is a whole number, 0 or more',
  percent: 'a percentage is between 0 and 100',
  yes_no: 'a yes/no value is 1 (yes) or 0 (no)',
};

/** Refuses a value that does not fit the indicator's kind, with its path. */
export function checkIndicatorValue(kind: IndicatorKind, value: number, path: string): void {
  const problem = indicatorValueProblem(kind, value);
  if (problem) throw new DomainError('BAD_REQUEST', `The value does not fit the indicator: ${KIND_RULE[kind]}.`, [{ path, hint: problem }]);
}
