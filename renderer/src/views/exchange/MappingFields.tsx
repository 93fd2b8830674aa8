/**
 * The column-mapping step, for a workbook a body rebuilt by hand with
 * headers of its own: the header row, the sheet (optional) and, per field,
 * the letter of the column that holds it. What the user typed is a draft;
 * mappingOf() turns it into the ColumnMapping sent with the preview (null
 * when nothing is filled in) or says what to correct, next to the input.
 */
import { useId } from 'react';
import { COLUMN_LABELS, type ColumnMapping, type FixedColumn } from '../../../../contract/exchange';
import { useLanguage, useT, type Translate } from '../../i18n';
import type { Language } from '../../../../contract/domain';

/** The fields a user may map, in the order of the form; code is required once anything is mapped. */
export const MAPPABLE_FIELDS = [
  'code',
  'completion',
  'delayed',
  'delayReason',
  'achievements',
  'nextSteps',
  'difficulties',
  'budgetAllocated',
  'budgetExecuted',
  'evidence',
] as const satisfies readonly FixedColumn[];
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

export interface MappingDraft {
  sheet: string;
  headerRow: string;
  letters: Readonly<Partial<Record<MappableField, string>>>;
}

export const EMPTY_MAPPING: MappingDraft = { sheet: '', headerRow: '', letters: {} };

const LETTER = /^[A-Z]{1,3}$/;
const SHEET_MAX = 100;
const HEADER_ROW_MAX = 1000;

export type MappingProblem =
  | { kind: 'headerRowRequired' }
  | { kind: 'headerRowInvalid' }
  | { kind: 'sheetTooLong' }
  | { kind: 'codeRequired' }
  | { kind: 'letterInvalid' }
  | { kind: 'letterDuplicate'; letter: string; others: MappableField[] };

export interface MappingCheck {
  /** What the preview sends: null when nothing is filled in (or something is to correct). */
  mapping: ColumnMapping | null;
  /** Whether the file may be read with what is filled in. */
  ok: boolean;
  headerRow: MappingProblem | null;
  sheet: MappingProblem | null;
  letters: Partial<Record<MappableField, MappingProblem>>;
}

/** A letter as kept: upper case, no spaces. */
export function letterForm(text: string): string {
  return text.replace(/\s+/gu, '').toUpperCase();
}

export function mappingOf(draft: MappingDraft): MappingCheck {
  const sheet = draft.sheet.trim();
  const headerText = draft.headerRow.trim();
  const letters = MAPPABLE_FIELDS.map((field) => ({ field, letter: letterForm(draft.letters[field] ?? '') })).filter((l) => l.letter !== '');
  const check: MappingCheck = { mapping: null, ok: true, headerRow: null, sheet: null, letters: {} };
  if (sheet === '' && headerText === '' && letters.length === 0) return check;

  // Without the header row the reader looks for NAP Monitor's own headers, which a hand-made sheet does not have.
  const headerRow = Number(headerText);
  if (headerText === '') check.headerRow = { kind: 'headerRowRequired' };
  else if (!/^\d+$/.test(headerText) || headerRow < 1 || headerRow > HEADER_ROW_MAX) check.headerRow = { kind: 'headerRowInvalid' };
  if (sheet.length > SHEET_MAX) check.sheet = { kind: 'sheetTooLong' };
  if (!letters.some((l) => l.field === 'code')) check.letters.code = { kind: 'codeRequired' };
  for (const { field, letter } of letters) {
    if (!LETTER.test(letter)) {
      check.letters[field] = { kind: 'letterInvalid' };
      continue;
    }
    const others = letters.filter((l) => l.letter === letter && l.field !== field).map((l) => l.field);
    if (others.length > 0) check.letters[field] = { kind: 'letterDuplicate', letter, others };
  }
  check.ok = check.headerRow === null && check.sheet === null && Object.keys(check.letters).length === 0;
  if (check.ok) {
    check.mapping = {
      sheet: sheet === '' ? null : sheet,
      headerRow,
      columns: Object.fromEntries(letters.map((l) => [l.letter, l.field])),
    };
  }
  return check;
}

export function fieldLabel(language: Language, field: MappableField): string {
  return COLUMN_LABELS[field][language];
}

function problemText(t: Translate, language: Language, field: string, problem: MappingProblem): string {
  switch (problem.kind) {
    case 'headerRowRequired':
      return t('exchange.mapping.headerRowRequired');
    case 'headerRowInvalid':
      return t('exchange.mapping.headerRowInvalid', { max: HEADER_ROW_MAX });
    case 'sheetTooLong':
      return t('exchange.mapping.sheetTooLong', { max: SHEET_MAX });
    case 'codeRequired':
      return t('exchange.mapping.codeRequired', { field });
    case 'letterInvalid':
      return t('exchange.mapping.letterInvalid', { field });
    case 'letterDuplicate':
      return t('exchange.mapping.letterDuplicate', {
        field,
        letter: problem.letter,
        others: problem.others.map((o) => fieldLabel(language, o)).join(', '),
      });
  }
}

function Problem({ id, text, testId }: { id: string; text: string; testId: string }) {
  return (
    <p className="xv-mapping__error" id={id} data-testid={testId}>
      {text}
    </p>
  );
}

export function MappingFields({ value, onChange, check }: { value: MappingDraft; onChange(value: MappingDraft): void; check: MappingCheck }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const describedBy = (problemId: string, problem: MappingProblem | null | undefined) => (problem ? `${id}-hint ${problemId}` : `${id}-hint`);
  return (
    <fieldset className="xv-mapping" data-testid="import-mapping">
      <legend className="xv-mapping__legend">{t('exchange.mapping.legend')}</legend>
      <p className="hint" id={`${id}-hint`}>
        {t('exchange.mapping.hint')}
      </p>
      <div className="xv-mapping__where">
        <div className="field xv-mapping__row">
          <label className="field__label" htmlFor={`${id}-header`}>
            {t('exchange.mapping.headerRow')}
          </label>
          <input
            id={`${id}-header`}
            className="input"
            inputMode="numeric"
            autoComplete="off"
            value={value.headerRow}
            aria-invalid={check.headerRow ? true : undefined}
            aria-describedby={describedBy(`${id}-header-error`, check.headerRow)}
            data-testid="mapping-header-row"
            onChange={(e) => onChange({ ...value, headerRow: e.target.value })}
          />
          {check.headerRow ? (
            <Problem id={`${id}-header-error`} testId="mapping-error-header-row" text={problemText(t, language, '', check.headerRow)} />
          ) : null}
        </div>
        <div className="field xv-mapping__sheet">
          <label className="field__label" htmlFor={`${id}-sheet`}>
            {t('exchange.mapping.sheet')}
          </label>
          <input
            id={`${id}-sheet`}
            className="input"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('exchange.mapping.sheetPlaceholder')}
            value={value.sheet}
            aria-invalid={check.sheet ? true : undefined}
            aria-describedby={describedBy(`${id}-sheet-error`, check.sheet)}
            data-testid="mapping-sheet"
            onChange={(e) => onChange({ ...value, sheet: e.target.value })}
          />
          {check.sheet ? <Problem id={`${id}-sheet-error`} testId="mapping-error-sheet" text={problemText(t, language, '', check.sheet)} /> : null}
        </div>
      </div>
      <div className="xv-mapping__columns" role="group" aria-label={t('exchange.mapping.columns')}>
        {MAPPABLE_FIELDS.map((field) => {
          const problem = check.letters[field];
          const label = fieldLabel(language, field);
          return (
            <div key={field} className="field xv-mapping__column" data-field={field} data-invalid={problem ? 'true' : undefined}>
              <label className="field__label" htmlFor={`${id}-${field}`}>
                {field === 'code' ? t('exchange.mapping.required', { field: label }) : label}
              </label>
              <input
                id={`${id}-${field}`}
                className="input xv-mapping__letter"
                autoComplete="off"
                spellCheck={false}
                maxLength={3}
                placeholder={t('exchange.mapping.letterPlaceholder')}
                value={value.letters[field] ?? ''}
                aria-invalid={problem ? true : undefined}
                aria-describedby={describedBy(`${id}-${field}-error`, problem)}
                data-testid={`mapping-column-${field}`}
                onChange={(e) => onChange({ ...value, letters: { ...value.letters, [field]: letterForm(e.target.value) } })}
              />
              {problem ? <Problem id={`${id}-${field}-error`} testId={`mapping-error-${field}`} text={problemText(t, language, label, problem)} /> : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
