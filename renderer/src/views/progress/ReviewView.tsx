/**
 * MOGEF's review for a period: every body's report with its state, the
 * chosen body's report (its action plans, its history, the decision), and
 * the period lock.
 *
 * The list comes from one call (the states of all the bodies' reports); a
 * body's whole report is loaded only when it is chosen, or for the date of
 * its last step once it has left the draft (a draft has had no step yet).
 */
import { useId, useRef, useState } from 'react';
import type { PlanOutline } from '../../../../contract/domain';
import type { BodyReport } from '../../../../contract/progress';
import { toApiError, type ApiError } from '../../api';
import { formatDate, formatDateTime } from '../../format';
import { ErrorBanner } from '../../components/ErrorBanner';
import { announce } from '../../components/LiveRegions';
import { DelayedFlag, LevelBadge, ProgressBar, StatusBadge } from '../../components/progress/ProgressBadges';
import { errorKey, useLanguage, useT } from '../../i18n';
import { bodyName, planText } from '../../model/outline';
import { useConfirm } from '../../components/progress/ConfirmDialog';
import { openedFrom, useRovingList } from '../../components/progress/RovingList';
import { hasKeptDraft, useKeptDraft } from '../../components/progress/kept-draft';
import { CharCounter, LimitMessage, limitProblem } from '../../components/progress/TextLimit';
import { useNavigationStore } from '../../stores/navigation';
import { REASON_MAX } from '../../../../contract/rules';
import { RequiredMark } from './fields';
import { usePlanStore } from '../../stores/plan';
import { reportId, useBodyReports, useProgressStore, useReport, useSubmissions, type ReviewAction, type Submission } from '../../stores/progress';
import { statusKey, truncate } from './model';

interface Props {
  outline: PlanOutline;
  periodId: number;
}

export function ReviewView({ outline, periodId }: Props) {
  const t = useT();
  const language = useLanguage();
  const list = useSubmissions(periodId);
  const reviewBody = useProgressStore((s) => s.reviewBody);
  const selectReviewBody = useProgressStore((s) => s.selectReviewBody);
  const year = outline.periods.find((p) => p.id === periodId)?.year ?? '';
  const rows = new Map((list.data ?? []).map((r) => [r.bodyCode, r]));

  // The date of the last step: from the report of each body past its draft.
  const sent = (list.data ?? []).filter((r) => r.status !== 'draft').map((r) => r.bodyCode);
  const sentReports = useBodyReports(sent, periodId);
  const reports = new Map(sent.map((code, i) => [code, sentReports[i]]));

  const selected = reviewBody && outline.bodies.some((b) => b.code === reviewBody) ? reviewBody : null;

  return (
    <div className="review">
      <div className="review__list-pane">
        <div className="review__list-head">
          <h3 className="review__title">{t('progress.review.heading', { year })}</h3>
          <PeriodLock outline={outline} periodId={periodId} />
        </div>
        <ul className="review-list" data-testid="review-list" aria-label={t('progress.review.listLabel')}>
          {outline.bodies.map((b) => {
            const row = rows.get(b.code);
            const slot = reports.get(b.code);
            const error = list.error ?? slot?.error;
            return (
              <li key={b.code}>
                <button
                  type="button"
                  className="review-body"
                  data-testid={`review-body-${b.code}`}
                  data-status={row?.status ?? 'loading'}
                  aria-current={selected === b.code ? 'true' : undefined}
                  onClick={() => selectReviewBody(b.code)}
                >
                  <span className="review-body__name">
                    {bodyName(language, b)} <span className="secondary">({b.code})</span>
                  </span>
                  <span className="review-body__status">{row ? <StatusBadge status={row.status} /> : t('progress.loading')}</span>
                  {row && <Completion complete={row.filled} total={row.required} />}
                  <span className="review-body__last hint">{row ? <LastStep row={row} report={slot?.data ?? null} /> : ''}</span>
                  {hasKeptDraft(`decision-note:${reportId(b.code, periodId)}`, `decision-reason:${reportId(b.code, periodId)}`) && (
                    <span className="review-body__draft" data-testid={`review-draft-${b.code}`}>
                      {t('progress.review.draftKept')}
                    </span>
                  )}
                  {error && <span className="pg-field__error">{t(errorKey(error.code))}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      <div className="review__report-pane">
        {selected ? (
          <ReviewReport key={`${selected}:${periodId}`} outline={outline} bodyCode={selected} periodId={periodId} />
        ) : (
          <p className="view-message">{t('progress.review.select')}</p>
        )}
      </div>
    </div>
  );
}

function Completion({ complete, total }: { complete: number; total: number }) {
  const t = useT();
  const title = t('progress.review.completeTitle', { complete, total });
  return (
    <span className="review-body__counts" title={title}>
      <ProgressBar value={complete} max={total} label={title} />
      <span>{t('progress.review.complete', { complete, total })}</span>
    </span>
  );
}

/** When the report last moved (submitted, returned, accepted): nothing yet for a draft; blank while its report loads. */
function LastStep({ row, report }: { row: Submission; report: BodyReport | null }) {
  const t = useT();
  const language = useLanguage();
  if (row.status === 'draft') return t('progress.review.noEvent');
  if (!report) return '';
  const last = report.events[report.events.length - 1];
  return last ? t('progress.review.lastEvent', { date: formatDate(language, last.at) }) : t('progress.review.noEvent');
}

function PeriodLock({ outline, periodId }: { outline: PlanOutline; periodId: number }) {
  const t = useT();
  const locks = useProgressStore((s) => s.locks);
  const setLocked = useProgressStore((s) => s.setLocked);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const period = outline.periods.find((p) => p.id === periodId);
  const locked = locks[periodId] ?? period?.locked ?? false;
  const year = period?.year ?? '';

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await setLocked(periodId, !locked);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="period-lock" data-locked={locked ? 'true' : 'false'}>
      <button
        type="button"
        role="switch"
        aria-checked={locked}
        className="period-lock__switch"
        data-testid="period-lock"
        data-locked={locked ? 'true' : 'false'}
        disabled={busy}
        onClick={() => void toggle()}
      >
        <span className="period-lock__track" aria-hidden="true">
          <span className="period-lock__thumb" />
        </span>
        <span>{t('progress.lock.title')}</span>
      </button>
      <p className="period-lock__state" role="status">
        {locked ? t('progress.lock.on', { year }) : t('progress.lock.off', { year })}
      </p>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}

/** The review's list of a report's action plans, for the focus it gets back when an entry closes. */
const REVIEW_ITEMS = 'review-items';

function ReviewReport({ outline, bodyCode, periodId }: { outline: PlanOutline; bodyCode: string; periodId: number }) {
  const t = useT();
  const language = useLanguage();
  const slot = useReport(bodyCode, periodId);
  const open = useNavigationStore((s) => s.open);
  const index = usePlanStore((s) => s.index);
  const body = outline.bodies.find((b) => b.code === bodyCode);
  const year = outline.periods.find((p) => p.id === periodId)?.year ?? '';
  const report = slot.data;
  const itemsRef = useRef<HTMLUListElement>(null);
  const roving = useRovingList(
    REVIEW_ITEMS,
    (report?.items ?? []).map((i) => i.actionPlanId),
    itemsRef,
  );

  if (!report) {
    return slot.error ? (
      <ErrorBanner error={slot.error} onRetry={slot.retry} />
    ) : (
      <p className="view-message">{t('progress.loading')}</p>
    );
  }

  return (
    <section className="review-report" data-testid="review-report" data-status={report.status} aria-labelledby="review-report-title">
      <header className="review-report__head">
        <h3 className="review-report__title" id="review-report-title">
          {t('progress.review.reportHeading', { body: body ? `${bodyName(language, body)} (${bodyCode})` : bodyCode, year })}
        </h3>
        <StatusBadge status={report.status} testId="review-report-status" />
      </header>

      {report.acceptedNote && (
        <section className="accepted-note" data-testid="review-accepted-note" aria-labelledby="review-accepted-note-title">
          <h4 className="accepted-note__title" id="review-accepted-note-title">
            {t('progress.review.acceptedNoteTitle')}
          </h4>
          <p className="accepted-note__text pg-prewrap">{report.acceptedNote}</p>
        </section>
      )}

      <Decision report={report} bodyLabel={body ? bodyName(language, body) : bodyCode} />

      <h4 className="review-report__section">{t('progress.review.events')}</h4>
      {report.events.length === 0 ? (
        <p className="hint">{t('progress.review.eventsNone')}</p>
      ) : (
        <ol className="review-events">
          {report.events.map((e, i) => (
            <li key={i} className="review-event" data-testid="report-event">
              <span className="review-event__when">{formatDateTime(language, e.at)}</span>
              <span className="review-event__who">{e.actor}</span>
              <span className="review-event__what">
                {t(statusKey(e.fromStatus))} → <strong>{t(statusKey(e.toStatus))}</strong>
              </span>
              {e.reason && <span className="review-event__reason pg-prewrap">{t('progress.review.eventReason', { reason: e.reason })}</span>}
            </li>
          ))}
        </ol>
      )}

      <h4 className="review-report__section">{t('progress.review.items')}</h4>
      <ul className="review-items" ref={itemsRef} onKeyDown={roving.onKeyDown}>
        {report.items.map((item, i) => {
          const action = index.get(item.actionPlanId)?.action;
          const text = action ? planText(language, action) : { text: item.textEn, lang: 'en' as const };
          const complete = item.completeness.missing.length === 0;
          return (
            <li key={item.actionPlanId}>
              <button
                type="button"
                className="my-item review-item"
                data-testid={`review-item-${item.code}`}
                data-complete={complete ? 'true' : 'false'}
                onClick={() => {
                  openedFrom(REVIEW_ITEMS, item.actionPlanId);
                  open({ actionPlanId: item.actionPlanId, bodyCode, periodId });
                }}
                {...roving.itemProps(i)}
              >
                <span className="my-item__code code">{item.code}</span>
                <span className="my-item__main">
                  <span className="my-item__text" lang={text.lang} title={text.text}>
                    {truncate(text.text, 140)}
                  </span>
                </span>
                <span className="my-item__level">
                  <LevelBadge level={item.completion} />
                  {item.delayed === true && <DelayedFlag />}
                </span>
                <span className="my-item__done" data-complete={complete ? 'true' : 'false'}>
                  <span className="my-item__count" title={t('progress.mine.completenessTitle', { filled: item.completeness.filled, required: item.completeness.required })}>
                    {`${item.completeness.filled}/${item.completeness.required}`}
                  </span>
                  {item.commentCount > 0 && <span className="my-item__comments">{t('progress.mine.comments', { count: item.commentCount })}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * Accept (with an optional note, kept and shown to the body), return (with a
 * reason), or reopen an accepted report (with a reason): one box per action,
 * each labelled for what it is. Every step is confirmed with what it will
 * do; text typed in the box the step does not use is named in the
 * confirmation instead of being dropped silently. Accepting MOGEF's own
 * report says so and sends confirmOwn.
 */
function Decision({ report, bodyLabel }: { report: BodyReport; bodyLabel: string }) {
  const t = useT();
  const id = useId();
  const review = useProgressStore((s) => s.review);
  const { ask, dialog } = useConfirm();
  // Kept when the coordinator chooses another body or leaves the review: never dropped unseen.
  const draftKey = reportId(report.bodyCode, report.periodId);
  const [note, setNote] = useKeptDraft(`decision-note:${draftKey}`);
  const [reason, setReason] = useKeptDraft(`decision-reason:${draftKey}`);
  const [tried, setTried] = useState<ReviewAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const canDecide = !report.locked && (report.status === 'submitted' || report.status === 'accepted');
  const noteProblem = limitProblem(note, REASON_MAX);
  const reasonProblem = limitProblem(reason, REASON_MAX, true);
  const typedNote = note.trim() !== '';
  const typedReason = reason.trim() !== '';

  const confirmFor = (action: ReviewAction) => {
    const dropped =
      action === 'accept' && typedReason
        ? t('progress.confirm.dropsReason')
        : action !== 'accept' && typedNote
          ? t('progress.confirm.dropsNote')
          : null;
    const body =
      action === 'accept'
        ? [
            report.ownReport ? t('progress.confirm.acceptOwn') : t('progress.confirm.accept', { body: bodyLabel }),
            typedNote ? t('progress.confirm.acceptNote') : t('progress.confirm.acceptNoNote'),
          ]
        : action === 'return'
          ? [t('progress.confirm.return', { body: bodyLabel })]
          : [t('progress.confirm.reopen', { body: bodyLabel })];
    return ask({
      title:
        action === 'accept'
          ? report.ownReport
            ? t('progress.confirm.acceptOwnTitle')
            : t('progress.confirm.acceptTitle', { body: bodyLabel })
          : action === 'return'
            ? t('progress.confirm.returnTitle', { body: bodyLabel })
            : t('progress.confirm.reopenTitle', { body: bodyLabel }),
      body: (
        <>
          {body.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {dropped && (
            <p className="confirm-dialog__warning" data-testid="confirm-dropped">
              {dropped}
            </p>
          )}
        </>
      ),
      confirmLabel:
        action === 'accept'
          ? report.ownReport
            ? t('progress.confirm.acceptOwnOk')
            : t('progress.review.accept')
          : action === 'return'
            ? t('progress.review.return')
            : t('progress.review.reopen'),
      danger: action !== 'accept',
    });
  };

  const act = async (action: ReviewAction) => {
    setDone(null);
    setTried(action);
    if (action === 'accept' ? noteProblem : reasonProblem) return;
    if (!(await confirmFor(action))) return;
    setBusy(true);
    setError(null);
    try {
      const text = action === 'accept' ? (typedNote ? note.trim() : null) : reason.trim();
      await review(action, report.bodyCode, report.periodId, text, action === 'accept' && report.ownReport);
      // Both boxes were confirmed: the one used was sent, the other named in the confirmation.
      setNote('');
      setReason('');
      setTried(null);
      const result = t('progress.review.done', { status: action === 'accept' ? t(statusKey('accepted')) : t(statusKey('returned')) });
      setDone(result);
      announce(result);
      // The button just used is gone with the old state: focus goes to the result, never to <body>.
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const box = (which: 'note' | 'reason', action: ReviewAction) => {
    const value = which === 'note' ? note : reason;
    const problem = which === 'note' ? noteProblem : reasonProblem;
    const shown = tried === action ? problem : problem === 'too_long' || problem === 'bad_character' ? problem : null;
    const boxId = `${id}-${which}`;
    return (
      <>
        <textarea
          id={boxId}
          className="pg-textarea pg-textarea--small"
          data-testid={which === 'note' ? 'accept-note' : 'return-reason'}
          rows={3}
          value={value}
          aria-required={which === 'reason' || undefined}
          aria-invalid={shown ? true : undefined}
          aria-describedby={`${boxId}-hint ${boxId}-count${shown ? ` ${boxId}-error` : ''}`}
          onChange={(e) => (which === 'note' ? setNote(e.target.value) : setReason(e.target.value))}
        />
        <div className="review-decision__under">
          <p className="hint" id={`${boxId}-hint`}>
            {which === 'note' ? t('progress.review.noteHint') : t('progress.review.reasonHint')}
          </p>
          <CharCounter text={value} max={REASON_MAX} id={`${boxId}-count`} testId={which === 'note' ? 'accept-note-count' : 'return-reason-count'} />
        </div>
        {shown && (
          <LimitMessage
            problem={shown}
            max={REASON_MAX}
            id={`${boxId}-error`}
            testId={which === 'note' ? 'field-error-acceptNote' : 'field-error-returnReason'}
          />
        )}
      </>
    );
  };

  return (
    <div className="review-decision" aria-label={t('progress.review.actions')} role="group">
      {dialog}
      {report.locked && <p className="pg-notice">{t('progress.review.lockedNote')}</p>}
      {!report.locked && report.status === 'draft' && <p className="hint">{t('progress.review.none.draft')}</p>}
      {!report.locked && report.status === 'returned' && <p className="hint">{t('progress.review.none.returned')}</p>}
      {canDecide && report.status === 'submitted' && (
        <div className="review-decision__choices">
          <div className="review-decision__choice" data-testid="decision-accept">
            <label className="pg-field__label" htmlFor={`${id}-note`}>
              {t('progress.review.acceptNote')}
            </label>
            {box('note', 'accept')}
            {report.ownReport && <p className="pg-notice" data-testid="own-report-note">{t('progress.review.ownReport')}</p>}
            <button type="button" className="button button--primary" data-testid="report-accept" disabled={busy} onClick={() => void act('accept')}>
              {t('progress.review.accept')}
            </button>
          </div>
          <div className="review-decision__choice" data-testid="decision-return">
            <label className="pg-field__label" htmlFor={`${id}-reason`}>
              {t('progress.review.returnReason')}
              <RequiredMark />
            </label>
            {box('reason', 'return')}
            <button type="button" className="button button--danger" data-testid="report-return" disabled={busy} onClick={() => void act('return')}>
              {t('progress.review.return')}
            </button>
          </div>
        </div>
      )}
      {canDecide && report.status === 'accepted' && (
        <div className="review-decision__choice" data-testid="decision-reopen">
          <label className="pg-field__label" htmlFor={`${id}-reason`}>
            {t('progress.review.reopenReason')}
            <RequiredMark />
          </label>
          {box('reason', 'reopen')}
          <button type="button" className="button button--danger" data-testid="report-reopen" disabled={busy} onClick={() => void act('reopen')}>
            {t('progress.review.reopen')}
          </button>
        </div>
      )}
      {done && (
        // Announced through the app's status region; shown here, and focused after the action.
        <p className="pg-ok" ref={doneRef} tabIndex={-1} data-testid="review-done">
          {done}
        </p>
      )}
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
