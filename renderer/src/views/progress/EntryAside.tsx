/**
 * Beside the entry form: last year's entry, MOGEF's comments, the history of
 * changes, and for MOGEF's installation the comment box, the civic advisory
 * panel's comments, the consolidated-level override and the action plan's
 * indicators (IndicatorPanel.tsx).
 */
import { useId, useState } from 'react';
import type { CompletionLevel, Installation, ProgressEntry } from '../../../../contract/progress';
import type { Language } from '../../../../contract/domain';
import { client, toApiError, type ApiError } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Panel } from '../../components/progress/AsidePanel';
import { CommentForm, CommentList } from '../../components/progress/Comments';
import { LevelBadge } from '../../components/progress/ProgressBadges';
import { useLanguage, useT, type Translate } from '../../i18n';
import { usePlanStore } from '../../stores/plan';
import { setQueryData, useQuery } from '../../stores/query';
import type { EntrySession, EntrySnapshot } from '../../stores/progress-entry';
import { IndicatorPanel } from './IndicatorPanel';
import { REASON_MAX } from '../../../../contract/rules';
import { useKeptDraft } from '../../components/progress/kept-draft';
import { CharCounter, LimitMessage, limitProblem } from '../../components/progress/TextLimit';
import { FieldError } from '../../components/progress/FieldError';
import { useAnnounce } from '../../components/LiveRegions';
import { formatDate, formatDateTime, formatNumber, formatPercent, formatWon } from '../../format';
import { COMPLETION_LEVELS, fieldLabel, isCompletionLevel, levelKey, truncate } from './model';

interface Props {
  session: EntrySession;
  snap: EntrySnapshot;
  entry: ProgressEntry;
  installation: Installation;
}

export function EntryAside({ session, snap, entry, installation }: Props) {
  const t = useT();
  const coordinator = installation.role === 'coordinator';
  return (
    <aside className="entry-aside" id="entry-aside" aria-label={t('progress.aside.label')}>
      <PreviousEntry previous={snap.previous} />
      <Comments session={session} entry={entry} coordinator={coordinator} />
      {coordinator && <PanelComments actionPlanId={entry.key.actionPlanId} periodId={entry.key.periodId} />}
      {coordinator && <Override actionPlanId={entry.key.actionPlanId} periodId={entry.key.periodId} />}
      {coordinator && <IndicatorPanel session={session} entry={entry} />}
      <History entry={entry} />
    </aside>
  );
}


function PreviousEntry({ previous }: { previous: ProgressEntry | null }) {
  const t = useT();
  const year = useProgressPeriodYear(previous?.key.periodId);
  return (
    <section className="aside-panel previous-entry" data-testid="previous-entry">
      <h4 className="aside-panel__title">{previous && year ? t('progress.previous.title', { year }) : t('progress.previous.none')}</h4>
      {previous ? (
        <dl className="previous-entry__list">
          <dt>{t('progress.field.completion')}</dt>
          <dd>
            <LevelBadge level={previous.completion} />
            {previous.delayed === true && <span className="pg-delayed">{t('progress.delayed.flag')}</span>}
          </dd>
          <dt>{t('progress.field.achievements')}</dt>
          <dd className="pg-prewrap">{previous.achievements || '—'}</dd>
          <dt>{t('progress.field.nextSteps')}</dt>
          <dd className="pg-prewrap">{previous.nextSteps || '—'}</dd>
        </dl>
      ) : null}
    </section>
  );
}

/** The year of a period of the plan (from the plan outline). */
function useProgressPeriodYear(periodId: number | undefined): number | undefined {
  return usePlanStore((s) => (periodId === undefined ? undefined : s.outline?.periods.find((p) => p.id === periodId)?.year));
}

function Comments({ session, entry, coordinator }: { session: EntrySession; entry: ProgressEntry; coordinator: boolean }) {
  const t = useT();
  return (
    <Panel title={t('progress.comments.title')} testId="comments-panel">
      <CommentList comments={entry.comments} author={(c) => c.author} none={t('progress.comments.none')} testId="entry-comment" />
      {coordinator && (
        <CommentForm
          label={t('progress.comments.label')}
          addLabel={t('progress.comments.add')}
          textTestId="comment-text"
          addTestId="comment-add"
          errorName="comment"
          draftKey={`comment:${entry.key.actionPlanId}:${entry.key.bodyCode}:${entry.key.periodId}`}
          onAdd={async (text) => session.accept(await client.review.comment(entry.key, text))}
        />
      )}
    </Panel>
  );
}

function PanelComments({ actionPlanId, periodId }: { actionPlanId: number; periodId: number }) {
  const t = useT();
  const key = `panel-comments:${actionPlanId}:${periodId}`;
  const comments = useQuery(key, () => client.review.panelComments(actionPlanId, periodId), { tags: ['review'] });

  return (
    <Panel title={t('progress.panel.title')} testId="advisory-panel">
      {comments.error && <ErrorBanner error={comments.error} onRetry={comments.retry} />}
      {comments.data && (
        <CommentList comments={comments.data} author={(c) => c.recordedBy} none={t('progress.panel.none')} testId="panel-comment" />
      )}
      <CommentForm
        label={t('progress.panel.label')}
        addLabel={t('progress.panel.add')}
        textTestId="panel-comment-text"
        addTestId="panel-comment-add"
        errorName="panelComment"
        draftKey={`panel-comment:${actionPlanId}:${periodId}`}
        onAdd={async (text) => setQueryData(key, await client.review.addPanelComment(actionPlanId, periodId, text))}
      />
    </Panel>
  );
}

function Override({ actionPlanId, periodId }: { actionPlanId: number; periodId: number }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  // The consolidated level moves with the bodies' levels and MOGEF's overrides.
  const loaded = useQuery(`consolidated:${actionPlanId}:${periodId}`, () => client.review.consolidated(actionPlanId, periodId), {
    tags: ['entry', 'review'],
  });
  const consolidated = loaded.data;
  /** Null until the user picks: then the current override is the value shown. */
  const [level, setLevel] = useState<string | null>(null);
  const [reason, setReason] = useKeptDraft(`override-reason:${actionPlanId}:${periodId}`);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  // "Saved" is said in the mounted status region (a region inserted with its text is not read).
  useAnnounce(saved ? t('progress.override.saved') : null);

  const shownLevel = level ?? consolidated?.override?.completion ?? '';
  const reasonProblem = limitProblem(reason, REASON_MAX, true);
  const shownProblem = reasonProblem === 'required' ? (tried ? reasonProblem : null) : reasonProblem;
  const save = async () => {
    setTried(true);
    setSaved(false);
    if (reasonProblem || busy) return;
    setBusy(true);
    setError(null);
    try {
      const completion: CompletionLevel | null = isCompletionLevel(shownLevel) ? shownLevel : null;
      await client.review.setOverride(actionPlanId, periodId, completion, reason.trim());
      setReason('');
      setTried(false);
      setLevel(null);
      setSaved(true);
      loaded.retry();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const current = consolidated?.override;
  return (
    <Panel title={t('progress.override.title')} testId="override-panel">
      {loaded.error && <ErrorBanner error={loaded.error} onRetry={loaded.retry} />}
      {consolidated && (
        <div className="override-state">
          <p>
            {t('progress.override.derived', {
              level: t(levelKey(consolidated.derived)),
              reported: consolidated.reported,
              count: consolidated.expected,
            })}
          </p>
          {current && (
            <p className="override-state__current" data-testid="override-current">
              <strong>{t('progress.override.current', { level: t(levelKey(current.completion)) })}</strong>
              <br />
              <span className="hint">
                {t('progress.override.currentBy', { reason: current.reason, by: current.setBy, date: formatDateTime(language, current.setAt) })}
              </span>
            </p>
          )}
        </div>
      )}
      <div className="aside-form">
        <label className="pg-field__label" htmlFor={`${id}-level`}>
          {t('progress.override.level')}
        </label>
        <select
          id={`${id}-level`}
          className="input"
          data-testid="override-level"
          value={shownLevel}
          onChange={(e) => {
            setLevel(e.target.value);
            setSaved(false);
          }}
        >
          <option value="">{t('progress.override.remove')}</option>
          {COMPLETION_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(levelKey(l))}
            </option>
          ))}
        </select>
        <label className="pg-field__label" htmlFor={`${id}-reason`}>
          {t('progress.override.reason')}
          <span className="pg-required" aria-hidden="true">
            *
          </span>
        </label>
        <textarea
          id={`${id}-reason`}
          className="pg-textarea pg-textarea--small"
          data-testid="override-reason"
          rows={2}
          value={reason}
          aria-required="true"
          aria-invalid={shownProblem ? true : undefined}
          aria-describedby={`${id}-reason-count${shownProblem ? ` ${id}-reason-error` : ''}`}
          onChange={(e) => setReason(e.target.value)}
        />
        <CharCounter text={reason} max={REASON_MAX} id={`${id}-reason-count`} testId="override-reason-count" />
        {shownProblem === 'required' && (
          <FieldError id={`${id}-reason-error`} testId="field-error-overrideReason" text={t('progress.override.reasonRequired')} />
        )}
        {shownProblem && shownProblem !== 'required' && (
          <LimitMessage problem={shownProblem} max={REASON_MAX} id={`${id}-reason-error`} testId="field-error-overrideReason" />
        )}
        {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
        <div className="aside-form__actions">
          <button type="button" className="button" data-testid="override-save" disabled={busy} onClick={() => void save()}>
            {t('progress.override.save')}
          </button>
          {saved && (
            <span className="pg-ok">
              {t('progress.override.saved')}
            </span>
          )}
        </div>
      </div>
    </Panel>
  );
}

function History({ entry }: { entry: ProgressEntry }) {
  const t = useT();
  const language = useLanguage();
  const [open, setOpen] = useState(false);
  const { actionPlanId, bodyCode, periodId } = entry.key;
  // Fetched while open, again after every change of the entry (its revision, its comments).
  // The key names what the answer depends on: no change needs to invalidate it.
  const history = useQuery(
    open ? `history:${actionPlanId}:${bodyCode}:${periodId}:${entry.revision}:${entry.comments.length}` : null,
    () => client.progress.history({ actionPlanId, bodyCode, periodId }),
    { tags: [] },
  );
  const rows = history.data;
  const error = history.error;

  const indicatorName = (id: number) => {
    const i = entry.indicators.find((x) => x.indicatorId === id);
    return i ? (language === 'ko' ? i.nameKo : i.nameEn) : undefined;
  };

  return (
    <section className="aside-panel">
      <button
        type="button"
        className="button button--quiet history-toggle"
        data-testid="history-toggle"
        aria-expanded={open}
        aria-controls="history-panel"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? t('progress.history.hide') : t('progress.history.show')}
      </button>
      {open && (
        <div className="history-panel" id="history-panel" data-testid="history-panel">
          {error && <ErrorBanner error={error} onRetry={history.retry} />}
          {rows === null && !error && <p className="hint">{t('progress.loading')}</p>}
          {rows && rows.length === 0 && <p className="hint">{t('progress.history.empty')}</p>}
          {rows && rows.length > 0 && (
            <ol className="history-list">
              {[...rows].reverse().map((row, i) => (
                <li key={`${row.at}-${row.field}-${i}`} className="history-row" data-testid="history-row" data-field={row.field}>
                  <p className="history-row__meta">
                    <span className="history-row__when">{formatDateTime(language, row.at)}</span>
                    <span className="history-row__who">{row.actor}</span>
                  </p>
                  <p className="history-row__field">{fieldLabel(t, row.field, indicatorName)}</p>
                  <p className="history-row__change">
                    <span className="history-row__before">{showValue(t, language, row.field, row.before, entry)}</span>
                    <span aria-hidden="true"> → </span>
                    <span className="visually-hidden"> / </span>
                    <span className="history-row__after">{showValue(t, language, row.field, row.after, entry)}</span>
                  </p>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}

/** A value of the change log as the user would recognise it. */
function showValue(t: Translate, language: Language, field: string, value: unknown, entry: ProgressEntry): string {
  if (value === null || value === undefined || value === '') return t('progress.history.blank');
  if (field === 'completion' && typeof value === 'string') return isCompletionLevel(value) ? t(levelKey(value)) : value;
  if (field === 'delayed') return value === true ? t('progress.delayed.yes') : value === false ? t('progress.delayed.no') : String(value);
  if ((field === 'budgetAllocated' || field === 'budgetExecuted') && typeof value === 'number') return formatWon(language, value);
  const indicator = /^indicator:(\d+)$/.exec(field);
  if (indicator && typeof value === 'number') {
    const kind = entry.indicators.find((i) => i.indicatorId === Number(indicator[1]))?.kind;
    if (kind === 'yes_no') return value === 1 ? t('progress.yes') : t('progress.no');
    return kind === 'percent' ? formatPercent(language, value, 4) : formatNumber(language, value);
  }
  if (field === 'evidence' && typeof value === 'object') {
    const ev = value as { title?: string; docDate?: string | null };
    return [ev.title, ev.docDate ? formatDate(language, ev.docDate) : null].filter(Boolean).join(' · ');
  }
  if (typeof value === 'string') return truncate(value, 240);
  return truncate(JSON.stringify(value), 240);
}
