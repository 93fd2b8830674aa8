/**
 * The entry form's inputs, bound to an EntrySession: every change goes to
 * the session (which saves it), focus, blur and IME composition too.
 */
import { useId, type ChangeEvent, type CompositionEvent, type ReactNode } from 'react';
import type { Language } from '../../../../contract/domain';
import type { IndicatorReport } from '../../../../contract/progress';
import { useLanguage, useT, type MessageKey } from '../../i18n';
import {
  TEXT_COUNTER_FROM,
  TEXT_MAX,
  type EntrySession,
  type FieldProblem,
  type Slot,
} from '../../stores/progress-entry';
import { formatNumber } from '../../format';
import { indicatorValueText } from './model';
import { FieldError } from '../../components/progress/FieldError';

/** True while an IME composition is going on (Korean input), from the input event itself. */
function composing(e: ChangeEvent<HTMLTextAreaElement | HTMLInputElement>): boolean {
  const native = e.nativeEvent as Partial<InputEvent>;
  return native.isComposing === true;
}

function problemText(t: ReturnType<typeof useT>, language: Language, problem: FieldProblem): string {
  return problem === 'too_long'
    ? t('progress.problem.too_long', { max: formatNumber(language, TEXT_MAX) })
    : t(`progress.problem.${problem}` as MessageKey);
}

export function RequiredMark() {
  const t = useT();
  return (
    <span className="pg-required" title={t('progress.required')}>
      <span aria-hidden="true">*</span>
      <span className="visually-hidden">({t('progress.required')})</span>
    </span>
  );
}

interface FieldFrameProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string | undefined;
  /** The slot's name in the error's test id: field-error-{name}. */
  errorName: string;
  problem: string | null;
  warning?: string | null;
  extra?: ReactNode;
  className?: string;
  children: ReactNode;
}

/**
 * Label, hint, the input, and the inline error (the input keeps what was
 * typed); the error is said through the mounted alert region, not a role of its own.
 */
function FieldFrame({ id, label, required, hint, errorName, problem, warning, extra, className, children }: FieldFrameProps) {
  return (
    <div className={`pg-field ${className ?? ''}`} data-invalid={problem ? 'true' : undefined}>
      <label className="pg-field__label" htmlFor={id}>
        {label}
        {required && <RequiredMark />}
      </label>
      {hint && (
        <p className="pg-field__hint hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {extra}
      {problem && <FieldError id={`${id}-error`} testId={`field-error-${errorName}`} text={problem} />}
      {warning && (
        <p className="pg-field__warning" id={`${id}-warning`} data-testid={`field-warning-${errorName}`}>
          {warning}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint: boolean, problem: boolean, warning = false): string | undefined {
  const ids = [hint && `${id}-hint`, problem && `${id}-error`, warning && `${id}-warning`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** Focus and blur of a field, told to the session. */
function focusOf(session: EntrySession, slot: Slot) {
  return { onFocus: () => session.focus(slot), onBlur: () => session.blur(slot) };
}

/** A field typed into (text area, text input): every change, the IME composition, focus and blur, told to the session. */
function typedInto(session: EntrySession, slot: Slot) {
  return {
    onChange: (e: ChangeEvent<HTMLTextAreaElement | HTMLInputElement>) => session.edit(slot, e.target.value, composing(e)),
    onCompositionStart: () => session.compositionStart(slot),
    onCompositionEnd: (e: CompositionEvent<HTMLTextAreaElement | HTMLInputElement>) => session.compositionEnd(slot, e.currentTarget.value),
    ...focusOf(session, slot),
  };
}

interface BoundProps {
  session: EntrySession;
  slot: Slot;
  value: string;
  disabled: boolean;
  testId: string;
  label: string;
  required?: boolean;
  hint?: string;
  problem: FieldProblem | null;
}

/** A long text (achievements, next steps …): grows as it fills, counter near the limit. */
export function TextAreaField({ session, slot, value, disabled, testId, label, required, hint, problem }: BoundProps) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const count = value.length;
  const over = count > TEXT_MAX;
  const message = problem ? problemText(t, language, problem) : null;
  return (
    <FieldFrame
      id={id}
      label={label}
      required={required}
      hint={hint}
      errorName={slot}
      problem={message}
      className="pg-field--text"
      extra={
        count >= TEXT_COUNTER_FROM && (
          <p className="pg-counter" data-over={over ? 'true' : undefined} aria-live="polite">
            {t('progress.counter', { count: formatNumber(language, count), max: formatNumber(language, TEXT_MAX) })}
          </p>
        )
      }
    >
      <textarea
        id={id}
        className="pg-textarea"
        data-testid={testId}
        rows={5}
        value={value}
        disabled={disabled}
        spellCheck={false}
        aria-required={required || undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(id, Boolean(hint), Boolean(message))}
        {...typedInto(session, slot)}
      />
    </FieldFrame>
  );
}

/** A short text input (budgets, numeric indicators): saved like the texts, shown with its unit. */
export function TextInputField({
  session,
  slot,
  value,
  disabled,
  testId,
  label,
  required,
  hint,
  problem,
  unit,
  warning,
  inputMode,
  details,
}: BoundProps & { unit?: string; warning?: string | null; inputMode: 'numeric' | 'decimal'; details?: ReactNode }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const message = problem ? problemText(t, language, problem) : null;
  return (
    <FieldFrame
      id={id}
      label={label}
      required={required}
      hint={hint}
      errorName={slot.replace(':', '-')}
      problem={message}
      warning={warning}
      className="pg-field--short"
    >
      <span className="pg-input-unit">
        <input
          id={id}
          className="input pg-number"
          data-testid={testId}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          value={value}
          disabled={disabled}
          aria-required={required || undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy(id, Boolean(hint), Boolean(message), Boolean(warning))}
          {...typedInto(session, slot)}
        />
        {unit && <span className="pg-input-unit__unit">{unit}</span>}
      </span>
      {details}
    </FieldFrame>
  );
}

/** A select (level, delayed, yes/no indicator): saved as soon as it changes. */
export function SelectField({
  session,
  slot,
  value,
  disabled,
  testId,
  label,
  required,
  hint,
  options,
  details,
  description,
}: Omit<BoundProps, 'problem'> & {
  options: { value: string; label: string }[];
  details?: ReactNode;
  /** Help under the select (what the choices mean), read with it. */
  description?: { text: string; testId: string };
}) {
  const id = useId();
  const described = [describedBy(id, Boolean(hint), false), description && `${id}-desc`].filter(Boolean).join(' ') || undefined;
  return (
    <FieldFrame
      id={id}
      label={label}
      required={required}
      hint={hint}
      errorName={slot}
      problem={null}
      className="pg-field--select"
      extra={
        description && (
          <p className="pg-field__description hint" id={`${id}-desc`} data-testid={description.testId}>
            {description.text}
          </p>
        )
      }
    >
      <select
        id={id}
        className="input pg-select"
        data-testid={testId}
        value={value}
        disabled={disabled}
        aria-required={required || undefined}
        aria-describedby={described}
        onChange={(e) => session.choose(slot, e.target.value)}
        {...focusOf(session, slot)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {details}
    </FieldFrame>
  );
}

/** Baseline and target of an indicator, beside its input. */
export function IndicatorFacts({ indicator }: { indicator: IndicatorReport }) {
  const t = useT();
  const language = useLanguage();
  const show = (v: number | null) => indicatorValueText(t, language, indicator.kind, indicator.unit, v);
  return (
    <dl className="pg-indicator-facts" lang={language}>
      <div>
        <dt>{t('progress.indicator.baseline')}</dt>
        <dd>{show(indicator.baseline)}</dd>
      </div>
      <div>
        <dt>{t('progress.indicator.target')}</dt>
        <dd>{show(indicator.target)}</dd>
      </div>
    </dl>
  );
}
