/**
 * The length limit of a text box, shown while typing ("12 / 4,000자"), and
 * the check the box's action makes before sending: too long, or a broken
 * character, is said in the interface's language here instead of coming
 * back from main as a developer's message. Limits are contract/rules.ts's.
 */
import { cleanText, textProblem, type TextProblem } from '../../../../contract/rules';
import { formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { FieldError } from './FieldError';

/** Characters as the limit counts them (what would be stored: cleaned text, UTF-16 units). */
export function storedLength(text: string): number {
  return cleanText(text)?.length ?? 0;
}

export function CharCounter({ text, max, id, testId }: { text: string; max: number; id?: string; testId?: string }) {
  const t = useT();
  const language = useLanguage();
  const count = storedLength(text);
  const over = count > max;
  return (
    <p className="pg-counter" id={id} data-testid={testId} data-over={over ? 'true' : undefined}>
      {t('progress.counter', { count: formatNumber(language, count), max: formatNumber(language, max) })}
    </p>
  );
}

/** Why the text cannot be sent as it is (too long, broken character, empty when required), or null. */
export function limitProblem(text: string, max: number, required = false): TextProblem | null {
  return textProblem(text, max, required);
}

/** The message of a problem of limitProblem(), beside its field and said in the alert region. */
export function LimitMessage({ problem, max, testId, id }: { problem: TextProblem; max: number; testId: string; id?: string }) {
  const t = useT();
  const language = useLanguage();
  const text =
    problem === 'too_long'
      ? t('progress.limit.too_long', { max: formatNumber(language, max) })
      : problem === 'bad_character'
        ? t('progress.limit.bad_character')
        : t('progress.limit.required');
  return <FieldError id={id} testId={testId} text={text} />;
}
