/**
 * The dialog that builds a document: a meeting's pack (sections, scope,
 * language, orientation, where to save the PDF) or, for MOGEF, the year's
 * report to the Gender Equality Committee (language, a folder). Building is
 * a job in main, followed here like the Exchange view follows its jobs: a
 * progress bar with Cancel, then the pages, where each section starts and
 * the path; preview and print where the window has them (Electron).
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Language, PlanOutline } from '../../../../contract/domain';
import { PACK_SECTIONS, type Meeting, type PackJob, type PackOptions, type PackSection } from '../../../../contract/meetings';
import { client, toApiError, type ApiError } from '../../api';
import { announce } from '../../components/LiveRegions';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLanguage, useT } from '../../i18n';
import { bodyName } from '../../model/outline';
import { formatMeetingDate, kindLabel, learnNoSystemDialogs, PathField, PathText, sectionLabel, useSystemDialogs } from './parts';

export const PACK_POLL_MS = 200;

export type DocumentMode = { kind: 'pack'; meeting: Meeting } | { kind: 'report'; periodId: number };

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Follows a pack job until it is no longer running; `stopped()` ends the following (the dialog closed). */
async function follow(job: PackJob, onUpdate: (job: PackJob) => void, stopped: () => boolean): Promise<void> {
  let current = job;
  onUpdate(current);
  while (current.state === 'running' && !stopped()) {
    await new Promise((resolve) => setTimeout(resolve, PACK_POLL_MS));
    if (stopped()) return;
    current = await client.packs.job(current.id);
    if (!stopped()) onUpdate(current);
  }
}

export function DocumentDialog({ mode, outline, onClose }: { mode: DocumentMode; outline: PlanOutline; onClose(): void }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const failedRef = useRef<HTMLDivElement>(null);
  const closed = useRef(false);
  const dialogs = useSystemDialogs();
  const meeting = mode.kind === 'pack' ? mode.meeting : null;

  const [sections, setSections] = useState<readonly PackSection[]>(PACK_SECTIONS);
  const [scope, setScope] = useState<'all' | 'one'>(meeting?.kind === 'body' ? 'one' : 'all');
  const [scopeBody, setScopeBody] = useState<string>(meeting?.kind === 'body' && meeting.bodyCode ? meeting.bodyCode : (outline.bodies[0]?.code ?? ''));
  const [docLanguage, setDocLanguage] = useState<Language>(language);
  const [orientation, setOrientation] = useState<'portrait' | 'landscape'>('portrait');
  const [periodId, setPeriodId] = useState(mode.kind === 'report' ? mode.periodId : (meeting?.periodId ?? 0));
  const [path, setPath] = useState('');
  const [job, setJob] = useState<PackJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    titleRef.current?.focus();
    closed.current = false;
    return () => {
      closed.current = true;
      if (dialog?.open) dialog.close();
      // Back to the button that opened it, never to <body>.
      if (before?.isConnected) before.focus();
    };
  }, []);

  const running = job?.state === 'running';
  const ended = job !== null && job.state !== 'running' ? job.id : null;
  useEffect(() => {
    if (ended === null) return;
    (resultRef.current ?? failedRef.current)?.focus();
  }, [ended]);

  const options: PackOptions | null = meeting
    ? { meetingUid: meeting.uid, sections: PACK_SECTIONS.filter((s) => sections.includes(s)), bodyCode: scope === 'one' ? scopeBody : null, language: docLanguage, orientation }
    : null;
  const trimmed = path.trim();
  const why =
    mode.kind === 'pack' && sections.length === 0
      ? t('meetings.pack.needSection')
      : trimmed === ''
        ? mode.kind === 'pack'
          ? t('meetings.pack.needPath')
          : t('meetings.report.needFolder')
        : mode.kind === 'pack' && !/\.pdf$/i.test(trimmed)
          ? t('meetings.pack.needPdf')
          : null;

  const start = async () => {
    setError(null);
    setNote(null);
    setJob(null);
    try {
      const first = mode.kind === 'pack' && options ? await client.packs.build(options, trimmed) : await client.packs.buildReport(periodId, docLanguage, trimmed);
      await follow(
        first,
        (j) => {
          setJob(j);
          if (j.state === 'done') announce(t('meetings.pack.doneSay', { count: j.result?.pages ?? 0 }));
        },
        () => closed.current,
      );
    } catch (err) {
      setJob(null);
      setError(toApiError(err));
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (why !== null || running) return;
    void start();
  };
  const cancel = async () => {
    if (!job || job.state !== 'running') return;
    try {
      const answer = await client.packs.cancel(job.id);
      setJob(answer.state === 'running' ? { ...answer, state: 'cancelled' } : answer);
    } catch (err) {
      setError(toApiError(err));
    }
  };
  const preview = async (file: string) => {
    try {
      const answer = await client.packs.preview(file);
      if (!answer.available) {
        learnNoSystemDialogs();
        setNote(t('meetings.pack.previewNone'));
      }
    } catch (err) {
      setError(toApiError(err));
    }
  };
  const print = async () => {
    if (!options) return;
    try {
      const answer = await client.packs.print(options);
      if (!answer.available) {
        learnNoSystemDialogs();
        setNote(t('meetings.pack.printNone'));
      }
    } catch (err) {
      setError(toApiError(err));
    }
  };

  const trapTab = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const toggle = (s: PackSection, on: boolean) => setSections((list) => PACK_SECTIONS.filter((x) => (x === s ? on : list.includes(x))));
  const result = job?.state === 'done' ? job.result : null;
  const step = job?.step ? (language === 'ko' ? job.step.ko : job.step.en) : t('meetings.pack.building');
  const percent = Math.round(Math.min(1, Math.max(0, job?.progress ?? 0)) * 100);
  const year = outline.periods.find((p) => p.id === periodId)?.year ?? '';

  return (
    <dialog
      ref={ref}
      className={mode.kind === 'pack' ? 'mt-dialog' : 'mt-dialog mt-dialog--report'}
      aria-labelledby={`${id}-title`}
      aria-modal="true"
      data-testid={mode.kind === 'pack' ? 'pack-dialog' : 'report-dialog'}
      onKeyDown={trapTab}
      onCancel={(e) => {
        e.preventDefault();
        if (!running) onClose();
      }}
    >
      <div className="mt-dialog__head">
        <h2 className="mt-dialog__title" id={`${id}-title`} tabIndex={-1} ref={titleRef}>
          {mode.kind === 'pack' ? t('meetings.pack.dialogTitle') : t('meetings.report.dialogTitle', { year })}
        </h2>
        {meeting ? (
          <p className="hint">
            {meeting.title} · {kindLabel(t, meeting.kind, meeting.bodyCode)} · {formatMeetingDate(language, meeting.date)}
          </p>
        ) : (
          <p className="hint">{t('meetings.report.intro')}</p>
        )}
      </div>
      <form className="mt-dialog__form" onSubmit={submit}>
        <div className="mt-dialog__columns">
          {mode.kind === 'pack' ? (
            <fieldset className="mt-choice mt-sections" data-testid="pack-sections">
              <legend className="mt-subtitle">{t('meetings.pack.sections')}</legend>
              <div className="mt-choice__tools">
                <button type="button" className="button button--small button--quiet" disabled={running} onClick={() => setSections(PACK_SECTIONS)}>
                  {t('meetings.pack.all')}
                </button>
                <button type="button" className="button button--small button--quiet" disabled={running} onClick={() => setSections([])}>
                  {t('meetings.pack.none')}
                </button>
              </div>
              <ul className="mt-sections__list">
                {PACK_SECTIONS.map((s) => (
                  <li key={s}>
                    <label className="mt-check">
                      <input type="checkbox" data-testid={`pack-section-${s}`} checked={sections.includes(s)} disabled={running} onChange={(e) => toggle(s, e.target.checked)} />
                      <span>{sectionLabel(t, s)}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ) : null}
          <div className="mt-dialog__options">
            {mode.kind === 'pack' ? (
              <fieldset className="mt-choice" data-testid="pack-scope">
                <legend className="mt-subtitle">{t('meetings.pack.scope')}</legend>
                <label className="mt-check">
                  <input type="radio" name={`${id}-scope`} value="all" data-testid="pack-scope-all" checked={scope === 'all'} disabled={running} onChange={() => setScope('all')} />
                  <span>{t('meetings.pack.scopeAll')}</span>
                </label>
                <label className="mt-check">
                  <input type="radio" name={`${id}-scope`} value="one" data-testid="pack-scope-one" checked={scope === 'one'} disabled={running} onChange={() => setScope('one')} />
                  <span>{t('meetings.pack.scopeOne')}</span>
                </label>
                {scope === 'one' ? (
                  <div className="field mt-choice__indent">
                    <label className="field__label" htmlFor={`${id}-body`}>
                      {t('meetings.pack.scopeBody')}
                    </label>
                    <select id={`${id}-body`} className="input" data-testid="pack-scope-body" value={scopeBody} disabled={running} onChange={(e) => setScopeBody(e.target.value)}>
                      {outline.bodies.map((b) => (
                        <option key={b.code} value={b.code}>
                          {bodyName(language, b)} ({b.code})
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
              </fieldset>
            ) : (
              <div className="field">
                <label className="field__label" htmlFor={`${id}-period`}>
                  {t('meetings.form.period')}
                </label>
                <select id={`${id}-period`} className="input" data-testid="report-period" value={periodId} disabled={running} onChange={(e) => setPeriodId(Number(e.target.value))}>
                  {outline.periods.map((p) => (
                    <option key={p.id} value={p.id}>
                      {t('meetings.yearOption', { year: p.year })}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <fieldset className="mt-choice mt-choice--row" data-testid="pack-language">
              <legend className="mt-subtitle">{t('meetings.pack.language')}</legend>
              {(['ko', 'en'] as const).map((l) => (
                <label className="mt-check" key={l}>
                  <input type="radio" name={`${id}-language`} value={l} data-testid={`pack-language-${l}`} checked={docLanguage === l} disabled={running} onChange={() => setDocLanguage(l)} />
                  <span lang={l}>{l === 'ko' ? '한국어' : 'English'}</span>
                </label>
              ))}
            </fieldset>
            {mode.kind === 'pack' ? (
              <fieldset className="mt-choice mt-choice--row" data-testid="pack-orientation">
                <legend className="mt-subtitle">{t('meetings.pack.orientation')}</legend>
                {(['portrait', 'landscape'] as const).map((o) => (
                  <label className="mt-check" key={o}>
                    <input type="radio" name={`${id}-orientation`} value={o} data-testid={`pack-orientation-${o}`} checked={orientation === o} disabled={running} onChange={() => setOrientation(o)} />
                    <span>{t(`meetings.pack.${o}`)}</span>
                  </label>
                ))}
              </fieldset>
            ) : null}
            <fieldset className="mt-choice">
              <legend className="mt-subtitle">{mode.kind === 'pack' ? t('meetings.pack.where') : t('meetings.report.where')}</legend>
              <PathField
                kind={mode.kind === 'pack' ? 'pdf' : 'folder'}
                value={path}
                onChange={setPath}
                chooseLabel={mode.kind === 'pack' ? t('meetings.pack.choose') : t('meetings.report.choose')}
                typedLabel={mode.kind === 'pack' ? t('meetings.pack.typed') : t('meetings.report.typed')}
                typedHint={mode.kind === 'pack' ? t('meetings.pack.typedHint') : t('meetings.report.typedHint')}
                disabled={running}
                testId={mode.kind === 'pack' ? 'pack-path' : 'report-path'}
              />
            </fieldset>
          </div>
        </div>

        {running ? (
          <div className="mt-job" data-testid="pack-job">
            <progress className="mt-job__bar" max={100} value={percent} aria-label={t('meetings.pack.progress')} aria-valuetext={`${percent}% · ${step}`} data-testid="pack-progress" />
            <span className="mt-job__step" aria-live="polite" data-testid="pack-step">
              {step} ({percent}%)
            </span>
            <button type="button" className="button" data-testid="pack-cancel" onClick={() => void cancel()}>
              {t('meetings.pack.cancel')}
            </button>
          </div>
        ) : null}
        {job?.state === 'failed' || job?.state === 'cancelled' ? (
          <div className="mt-message mt-message--error" tabIndex={-1} ref={failedRef} data-testid="pack-failed" data-state={job.state}>
            {job.state === 'cancelled' ? t('meetings.pack.cancelled') : job.error ? (language === 'ko' ? job.error.ko : job.error.en) : t('meetings.pack.failed')}
            {job.error?.where ? <span className="secondary"> ({job.error.where})</span> : null}
          </div>
        ) : null}
        {error ? <ErrorBanner error={error} message={error.code === 'NOT_FOUND' ? t('meetings.pack.notReady') : undefined} onDismiss={() => setError(null)} /> : null}
        {result ? (
          <div className="mt-result" role="status" tabIndex={-1} ref={resultRef} data-testid="pack-result" data-pages={result.pages} data-path={result.path ?? ''}>
            <p>
              <strong>{t('meetings.pack.done', { count: result.pages })}</strong>
            </p>
            {result.path ? (
              <p>
                {t('meetings.pack.savedAt')} <PathText path={result.path} />
              </p>
            ) : null}
            <table className="mt-table mt-result__sections">
              <caption className="visually-hidden">{t('meetings.pack.sectionsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('meetings.pack.section')}</th>
                  <th scope="col" className="mt-num">
                    {t('meetings.pack.startPage')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.sections.map((s) => (
                  <tr key={s.id} data-testid="pack-result-section" data-id={s.id} data-page={s.page}>
                    <th scope="row">{s.title}</th>
                    <td className="mt-num">{s.page}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.path && dialogs !== false ? (
              <button type="button" className="button" data-testid="pack-preview" onClick={() => void preview(result.path ?? '')}>
                {t('meetings.pack.preview')}
              </button>
            ) : null}
          </div>
        ) : null}
        {note ? (
          <p className="hint" role="status">
            {note}
          </p>
        ) : null}
        <div className="mt-actions mt-dialog__actions">
          <button type="submit" className="button button--primary" data-testid="pack-save" disabled={running || why !== null} aria-describedby={`${id}-why`}>
            {mode.kind === 'pack' ? t('meetings.pack.save') : t('meetings.report.build')}
          </button>
          {mode.kind === 'pack' && dialogs === true ? (
            <button type="button" className="button" data-testid="pack-print" disabled={running || sections.length === 0} onClick={() => void print()}>
              {t('meetings.pack.print')}
            </button>
          ) : null}
          <span className="hint mt-dialog__why" id={`${id}-why`}>
            {why}
          </span>
          <button type="button" className="button button--quiet mt-dialog__close" data-testid="pack-close" disabled={running} onClick={onClose}>
            {t('meetings.pack.close')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
