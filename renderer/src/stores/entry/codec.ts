/**
 * The entry form's codec: a field's draft (the text the form shows) to the
 * value main stores, and back. The rules themselves (text normalisation and
 * limits, won amounts, indicator values) are contract/rules.ts's, shared with
 * main and the importer; this module only maps the form's slots onto them.
 */
import type { EntryField, IndicatorReport, ProgressEntry } from '../../../../contract/progress';
import {
  ENTRY_FIELDS as RULE_ENTRY_FIELDS,
  EVIDENCE_TEXT_MAX,
  LONG_TEXT_MAX,
  TEXT_FIELDS,
  cleanText,
  groupDigits,
  indicatorDraft,
  isIsoDate,
  parseIndicatorValue,
  parseWon,
  textProblem,
  type NumberProblem,
} from '../../../../contract/rules';

export const TEXT_MAX = LONG_TEXT_MAX;
/** The counter appears from here on. */
export const TEXT_COUNTER_FROM = 18_000;

/** The entry's fields and its long texts: the shared lists of contract/rules.ts. */
export const ENTRY_FIELDS: readonly EntryField[] = RULE_ENTRY_FIELDS;
export { TEXT_FIELDS };
export type TextField = (typeof TEXT_FIELDS)[number];
export type BudgetField = 'budgetAllocated' | 'budgetExecuted';

/** A field of the form: an entry field, or "indicator:<id>". */
export type Slot = EntryField | `indicator:${number}`;
export type Value = string | number | boolean | null;

export type FieldProblem = NumberProblem | 'too_long' | 'bad_character';
export type Parsed = { ok: true; value: Value } | { ok: false; problem: FieldProblem };

export const indicatorSlot = (id: number): Slot => `indicator:${id}`;

function isTextField(slot: string): slot is TextField {
  return (TEXT_FIELDS as readonly string[]).includes(slot);
}

function indicatorOf(slot: string, entry: ProgressEntry | null): IndicatorReport | undefined {
  const m = /^indicator:(\d+)$/.exec(slot);
  if (!m || !entry) return undefined;
  const id = Number(m[1]);
  return entry.indicators.find((i) => i.indicatorId === id);
}

/** What a draft means (as main will store it), or why it cannot be saved yet. */
export function parseSlot(slot: string, draft: string, entry: ProgressEntry | null): Parsed {
  if (slot === 'completion') return { ok: true, value: draft === '' ? null : draft };
  if (slot === 'delayed') return { ok: true, value: draft === 'yes' ? true : draft === 'no' ? false : null };
  if (slot === 'budgetAllocated' || slot === 'budgetExecuted') return parseWon(draft);
  if (isTextField(slot)) {
    const problem = textProblem(draft, TEXT_MAX);
    return problem === 'too_long' || problem === 'bad_character' ? { ok: false, problem } : { ok: true, value: cleanText(draft) };
  }
  const indicator = indicatorOf(slot, entry);
  if (indicator) return parseIndicatorValue(indicator.kind, draft);
  return { ok: true, value: null };
}

/** The server's value of a slot, as it appears in the form. */
export function draftOf(slot: string, entry: ProgressEntry): string {
  switch (slot) {
    case 'completion':
      return entry.completion ?? '';
    case 'delayed':
      return entry.delayed === null ? '' : entry.delayed ? 'yes' : 'no';
    case 'budgetAllocated':
    case 'budgetExecuted': {
      const v = entry[slot];
      return v === null ? '' : groupDigits(v);
    }
    default:
      if (isTextField(slot)) return entry[slot] ?? '';
  }
  const indicator = indicatorOf(slot, entry);
  return indicator ? indicatorDraft(indicator.kind, indicator.value) : '';
}

export function slotsOf(entry: ProgressEntry): Slot[] {
  return [...ENTRY_FIELDS, ...entry.indicators.map((i) => indicatorSlot(i.indicatorId))];
}

/** The server's value in the same terms as parseSlot's (empty text is null). */
export function serverValue(slot: Slot, entry: ProgressEntry): Value {
  const parsed = parseSlot(slot, draftOf(slot, entry), entry);
  return parsed.ok ? parsed.value : null;
}

export interface EvidenceDraft {
  title: string;
  date: string;
  reference: string;
}

export type EvidenceProblem = 'title_required' | 'too_long' | 'date_format' | 'bad_character';

/** Why the evidence typed in the add row cannot be added yet. A date is all or nothing: a partial one is a problem, never dropped. */
export function evidenceProblem(d: EvidenceDraft): EvidenceProblem | null {
  const title = textProblem(d.title, EVIDENCE_TEXT_MAX, true);
  if (title === 'required') return 'title_required';
  const reference = textProblem(d.reference, EVIDENCE_TEXT_MAX);
  if (title === 'bad_character' || reference === 'bad_character') return 'bad_character';
  if (title === 'too_long' || reference === 'too_long') return 'too_long';
  if (d.date !== '' && !isIsoDate(d.date)) return 'date_format';
  return null;
}
