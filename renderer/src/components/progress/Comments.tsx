/**
 * Comments beside an entry (MOGEF's on the entry, the civic advisory panel's
 * on the action plan): the list, and the box that adds one.
 */
import { useId, useState } from 'react';
import { toApiError, type ApiError } from '../../api';
import { useLanguage, useT } from '../../i18n';
import { formatDateTime } from '../../format';
import { ErrorBanner } from '../ErrorBanner';
import { REASON_MAX } from '../../../../contract/rules';
import { useKeptDraft } from './kept-draft';
import { CharCounter, LimitMessage, limitProblem } from './TextLimit';
import { FieldError } from './FieldError';

interface CommentItem {
  id: number;
  text: string;
  createdAt: string;
}

interface ListProps<C extends CommentItem> {
  comments: readonly C[];
  /** Who wrote (or recorded) the comment. */
  author(comment: C): string;
  /** Shown when there are none. */
  none: string;
  /** The test id of each comment. */
  testId: string;
}

export function CommentList<C extends CommentItem>({ comments, author, none, testId }: ListProps<C>) {
  const language = useLanguage();
  if (comments.length === 0) return <p className="hint">{none}</p>;
  return (
    <ul className="comment-list">
      {comments.map((c) => (
        <li key={c.id} className="comment" data-testid={testId}>
          <p className="comment__text pg-prewrap">{c.text}</p>
          <p className="comment__meta">
            {author(c)} · {formatDateTime(language, c.createdAt)}
          </p>
        </li>
      ))}
    </ul>
  );
}

interface FormProps {
  label: string;
  addLabel: string;
  /** Test ids of the text box and the add button. */
  textTestId: string;
  addTestId: string;
  /** The error's test id is field-error-{errorName}. */
  errorName: string;
  /** Saves the (trimmed, non-empty) text; throws to keep the text and show the error. */
  onAdd(text: string): Promise<void>;
  /** Names the box and what it is about: what was typed is kept under it when the box goes away. */
  draftKey: string;
}

/** The text box (required), the error of a failed add, and the add button. */
export function CommentForm({ label, addLabel, textTestId, addTestId, errorName, onAdd, draftKey }: FormProps) {
  const t = useT();
  const id = useId();
  const [text, setText] = useKeptDraft(draftKey);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const problem = limitProblem(text, REASON_MAX, true);
  // Too long or a broken character is said while typing; "required" once the add was tried.
  const shown = problem === 'required' ? (tried ? problem : null) : problem;

  const add = async () => {
    setTried(true);
    if (problem || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onAdd(text.trim());
      setText('');
      setTried(false);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="aside-form">
      <label className="pg-field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="pg-textarea pg-textarea--small"
        data-testid={textTestId}
        rows={3}
        value={text}
        aria-invalid={shown ? true : undefined}
        aria-describedby={`${id}-count${shown ? ` ${id}-error` : ''}`}
        onChange={(e) => setText(e.target.value)}
      />
      <CharCounter text={text} max={REASON_MAX} id={`${id}-count`} testId={`${textTestId}-count`} />
      {shown === 'required' && (
        <FieldError id={`${id}-error`} testId={`field-error-${errorName}`} text={t('progress.comments.required')} />
      )}
      {shown && shown !== 'required' && <LimitMessage problem={shown} max={REASON_MAX} id={`${id}-error`} testId={`field-error-${errorName}`} />}
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <button type="button" className="button" data-testid={addTestId} disabled={busy} onClick={() => void add()}>
        {addLabel}
      </button>
    </div>
  );
}
