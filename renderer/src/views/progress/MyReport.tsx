/**
 * A body's own action plans for a period (for the coordinator, MOGEF's own):
 * what is filled in, the report's state, and the submit button. The list
 * moves with the arrow keys; closing an entry brings focus back to its item.
 */
import { useRef, useState } from 'react';
import type { PlanOutline } from '../../../../contract/domain';
import type { BodyReport, ReportItem } from '../../../../contract/progress';
import { ApiError, toApiError } from '../../api';
import { formatDate, formatDateTime } from '../../format';
import { ErrorBanner } from '../../components/ErrorBanner';
import { announce } from '../../components/LiveRegions';
import { DelayedFlag, LevelBadge, ProgressBar, StatusBadge } from '../../components/progress/ProgressBadges';
import { useLanguage, useT } from '../../i18n';
import { bodyName, planText } from '../../model/outline';
import { useConfirm } from '../../components/progress/ConfirmDialog';
import { openedFrom, useRovingList } from '../../components/progress/RovingList';
import { useNavigationStore } from '../../stores/navigation';
import { usePlanStore } from '../../stores/plan';
import { completeItems, UNSAVED_PATH, useProgressStore, useReport } from '../../stores/progress';
import { useExchangeStore } from '../../stores/exchange';
import { useSettingsStore } from '../../stores/settings';
import { actionPlanCodeOfPath, fieldLabel, truncate } from './model';

type RovingItemProps = ReturnType<ReturnType<typeof useRovingList>['itemProps']>;

interface Props {
  outline: PlanOutline;
  bodyCode: string;
  periodId: number;
  /** The coordinator's installation, reporting for MOGEF itself. */
  coordinator?: boolean;
}

export function MyReport({ outline, bodyCode, periodId, coordinator = false }: Props) {
  const t = useT();
  const language = useLanguage();
  const slot = useReport(bodyCode, periodId);
  const open = useNavigationStore((s) => s.open);

  const report = slot.data;
  const body = outline.bodies.find((b) => b.code === bodyCode);
  const year = outline.periods.find((p) => p.id === periodId)?.year ?? '';

  if (!report) {
    return (
      <div className="progress-scroll">
        {slot.error ? (
          <ErrorBanner error={slot.error} onRetry={slot.retry} />
        ) : (
          <p className="view-message">{t('progress.loading')}</p>
        )}
      </div>
    );
  }

  const complete = completeItems(report);
  const openItem = (item: ReportItem) => {
    openedFrom(MY_LIST, item.actionPlanId);
    open({ actionPlanId: item.actionPlanId, bodyCode, periodId });
  };

  return (
    <div className="progress-scroll my-report" data-testid="my-report" aria-busy={slot.loading}>
      {slot.error && <ErrorBanner error={slot.error} onRetry={slot.retry} />}
      <div className="my-report__summary">
        <div className="my-report__head">
          <h3 className="my-report__title">
            {t('progress.mine.heading', { body: body ? bodyName(language, body) : bodyCode, year })}
          </h3>
          <span className="my-report__status">
            <span className="visually-hidden">{t('progress.status.label')}: </span>
            <StatusBadge status={report.status} testId="report-status" />
          </span>
        </div>
        <div className="my-progress" data-testid="my-progress">
          <ProgressBar value={complete} max={report.items.length} label={t('progress.mine.progressLabel')} />
          <span className="my-progress__text">{t('progress.mine.progress', { total: report.items.length, complete })}</span>
        </div>
        <SubmitArea
          report={report}
          coordinator={coordinator}
          onOpenCode={(code) => {
            const item = report.items.find((i) => i.code === code);
            if (item) openItem(item);
          }}
        />
      </div>

      {report.status === 'returned' && <ReturnedReason report={report} />}
      {report.status === 'accepted' && report.acceptedNote && <AcceptedNote report={report} />}

      <p className="hint my-report__hint" id="my-list-hint">
        {t('progress.mine.listHint')}
      </p>
      {report.items.length === 0 ? (
        <p className="view-message">{t('progress.mine.empty')}</p>
      ) : (
        <MyList items={report.items} onOpen={openItem} />
      )}
    </div>
  );
}

/** The list's name for the focus it gets back when an entry closes. */
const MY_LIST = 'my-list';

function MyList({ items, onOpen }: { items: readonly ReportItem[]; onOpen: (item: ReportItem) => void }) {
  const t = useT();
  const listRef = useRef<HTMLUListElement>(null);
  const roving = useRovingList(
    MY_LIST,
    items.map((i) => i.actionPlanId),
    listRef,
  );
  return (
    <ul
      className="my-list"
      data-testid="my-list"
      aria-label={t('progress.mine.listLabel')}
      aria-describedby="my-list-hint"
      ref={listRef}
      onKeyDown={roving.onKeyDown}
    >
      {items.map((item, i) => (
        <li key={item.actionPlanId}>
          <MyItem item={item} onOpen={() => onOpen(item)} roving={roving.itemProps(i)} />
        </li>
      ))}
    </ul>
  );
}

function MyItem({ item, onOpen, roving }: { item: ReportItem; onOpen: () => void; roving: RovingItemProps }) {
  const t = useT();
  const language = useLanguage();
  const action = usePlanStore((s) => s.index.get(item.actionPlanId)?.action);
  const text = action ? planText(language, action) : { text: item.textEn, lang: 'en' as const };
  const { filled, required, missing } = item.completeness;
  const isComplete = missing.length === 0;
  return (
    <button
      type="button"
      className="my-item"
      data-testid={`my-item-${item.code}`}
      data-complete={isComplete ? 'true' : 'false'}
      onClick={onOpen}
      {...roving}
    >
      <span className="my-item__code code">{item.code}</span>
      <span className="my-item__main">
        <span className="my-item__text" lang={text.lang} title={text.text}>
          {truncate(text.text, 180)}
        </span>
        {item.coBodies.length > 0 && (
          <span className="my-item__co">{t('progress.mine.with', { bodies: item.coBodies.join(', ') })}</span>
        )}
      </span>
      <span className="my-item__level">
        <LevelBadge level={item.completion} />
        {item.delayed === true && <DelayedFlag />}
      </span>
      <span className="my-item__done" data-complete={isComplete ? 'true' : 'false'}>
        <span
          className="my-item__count"
          data-testid={`completeness-${item.code}`}
          title={t('progress.mine.completenessTitle', { filled, required })}
        >
          {`${filled}/${required}`}
        </span>
        <span className="visually-hidden">{t('progress.mine.completenessTitle', { filled, required })}</span>
        {item.commentCount > 0 && (
          <span className="my-item__comments" title={t('progress.mine.commentsTitle', { count: item.commentCount })}>
            {t('progress.mine.comments', { count: item.commentCount })}
          </span>
        )}
      </span>
    </button>
  );
}

function ReturnedReason({ report }: { report: BodyReport }) {
  const t = useT();
  const language = useLanguage();
  const last = [...report.events].reverse().find((e) => e.toStatus === 'returned');
  return (
    <section className="returned-reason" data-testid="returned-reason" role="note" aria-labelledby="returned-reason-title">
      <h4 className="returned-reason__title" id="returned-reason-title">
        {t('progress.mine.returnedTitle')}
      </h4>
      <p className="returned-reason__text">{report.returnedReason ?? last?.reason ?? ''}</p>
      {last && <p className="hint">{t('progress.mine.returnedBy', { actor: last.actor, date: formatDateTime(language, last.at) })}</p>}
    </section>
  );
}

/** What MOGEF wrote when it accepted the report: kept, and shown to the body. */
function AcceptedNote({ report }: { report: BodyReport }) {
  const t = useT();
  const language = useLanguage();
  const last = [...report.events].reverse().find((e) => e.toStatus === 'accepted');
  return (
    <section className="accepted-note" data-testid="accepted-note" role="note" aria-labelledby="accepted-note-title">
      <h4 className="accepted-note__title" id="accepted-note-title">
        {t('progress.mine.acceptedNoteTitle')}
      </h4>
      <p className="accepted-note__text pg-prewrap">{report.acceptedNote}</p>
      {last && <p className="hint">{t('progress.mine.returnedBy', { actor: last.actor, date: formatDateTime(language, last.at) })}</p>}
    </section>
  );
}

function SubmitArea({ report, coordinator, onOpenCode }: { report: BodyReport; coordinator: boolean; onOpenCode: (code: string) => void }) {
  const t = useT();
  const language = useLanguage();
  const submit = useProgressStore((s) => s.submit);
  const { ask, dialog } = useConfirm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ error: ApiError; status: string } | null>(null);
  const hintRef = useRef<HTMLParagraphElement>(null);
  const canSubmit = (report.status === 'draft' || report.status === 'returned') && !report.locked;
  // An error about an earlier state of the report is not shown any more.
  const shownError = error && error.status === report.status ? error.error : null;

  const onSubmit = async () => {
    const year = report.year;
    const confirmed = await ask({
      title: t('progress.confirm.submitTitle', { year }),
      body: (
        <>
          <p>{coordinator ? t('progress.confirm.submitOwn') : t('progress.confirm.submit')}</p>
          <p>{t('progress.confirm.submitCount', { count: report.items.length })}</p>
        </>
      ),
      confirmLabel: t('progress.confirm.submitOk'),
    });
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    try {
      await submit(report.bodyCode, report.periodId);
      announce(t('progress.mine.submittedNoDate'));
      // The button is disabled now: focus goes to what the report's state says, never to <body>.
      requestAnimationFrame(() => hintRef.current?.focus());
    } catch (err) {
      setError({ error: toApiError(err), status: report.status });
    } finally {
      setBusy(false);
    }
  };

  const lastSubmit = [...report.events].reverse().find((e) => e.toStatus === 'submitted');
  const incomplete = shownError?.details.filter((d) => actionPlanCodeOfPath(d.path) !== null) ?? [];

  return (
    <div className="my-submit">
      {dialog}
      <div className="my-submit__row">
        <button
          type="button"
          className="button button--primary"
          data-testid="submit-report"
          disabled={!canSubmit || busy}
          onClick={() => void onSubmit()}
        >
          {busy
            ? t('progress.mine.submitting')
            : report.status === 'returned'
              ? t('progress.mine.resubmit')
              : coordinator
                ? t('progress.mine.submitOwnButton')
                : t('progress.mine.submit')}
        </button>
        <p className="hint my-submit__hint" ref={hintRef} tabIndex={-1} data-testid="submit-hint">
          {report.locked
            ? t('progress.mine.locked')
            : report.status === 'submitted'
              ? lastSubmit
                ? t('progress.mine.submitted', { date: formatDate(language, lastSubmit.at) })
                : t('progress.mine.submittedNoDate')
              : report.status === 'accepted'
                ? t('progress.mine.accepted')
                : report.status === 'returned'
                  ? t('progress.mine.returnedHint')
                  : coordinator
                    ? t('progress.mine.submitOwnHint')
                    : t('progress.mine.submitHint')}
        </p>
        {report.status === 'submitted' && (
          // A submitted report goes to MOGEF as a workbook: the Exchange view writes it, for this year.
          <button
            type="button"
            className="button"
            data-testid="write-report-workbook"
            onClick={() => {
              useExchangeStore.getState().askReportExport(report.periodId);
              useSettingsStore.getState().setView('exchange');
            }}
          >
            {t('exchange.report.write')}
          </button>
        )}
      </div>
      {shownError && (
        // The banner inside is the alert: one role=alert, not one inside another.
        <div className="submit-error" data-testid="submit-error">
          {/* The incomplete action plans are listed below, translated, instead of main's raw details. */}
          <ErrorBanner
            error={new ApiError(shownError.code, shownError.message)}
            message={
              incomplete.length > 0
                ? t('progress.mine.submitIncomplete', { count: incomplete.length })
                : shownError.details.some((d) => d.path === UNSAVED_PATH)
                  ? t('progress.mine.submitUnsaved')
                  : undefined
            }
            onDismiss={() => setError(null)}
          />
          {incomplete.length > 0 && (
            <div className="submit-error__list">
              <p>{t('progress.mine.submitErrorList')}</p>
              <ul>
                {incomplete.map((d) => {
                  const code = actionPlanCodeOfPath(d.path) ?? '';
                  const fields = (d.hint ?? '')
                    .split(',')
                    .map((f) => f.trim())
                    .filter(Boolean)
                    .map((f) => fieldLabel(t, f));
                  return (
                    <li key={code} data-testid="submit-error-item">
                      <button type="button" className="link-button" onClick={() => onOpenCode(code)}>
                        {t('progress.mine.open', { code })}
                      </button>{' '}
                      <span>{t('progress.mine.missing', { fields: fields.join(', ') })}</span>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
