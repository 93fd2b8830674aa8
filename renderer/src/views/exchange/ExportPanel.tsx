/**
 * Writing workbooks: MOGEF's request workbooks (a year, the bodies, a
 * folder; the files written are listed), and a body's report workbook for a
 * year (the coordinator writes its own body's, MOGEF's, the same way).
 */
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { PlanOutline } from '../../../../contract/domain';
import type { Notice } from '../../../../contract/exchange';
import { client, toApiError, type ApiError } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLanguage, useT } from '../../i18n';
import { bodyName } from '../../model/outline';
import { settleJob, useExchangeStore, type ExchangeJob } from '../../stores/exchange';
import { NoticeText, PathField, PathText, problemMessage } from './parts';

type Written = NonNullable<ExchangeJob['files']>;

/** A path's file name and folder (Windows or POSIX separators; the renderer has no node:path). */
function basename(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}
function dirname(p: string): string {
  return p.slice(0, Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')));
}

/**
 * Writing is a job in main: started, then followed until done. What it is
 * doing shows while it runs; its files, or why it failed, when it ends.
 */
function useWriting(resultRef: RefObject<HTMLElement | null>) {
  const [job, setJob] = useState<ExchangeJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const failedRef = useRef<HTMLDivElement>(null);
  const run = async (start: () => Promise<ExchangeJob>) => {
    setError(null);
    setJob(null);
    try {
      await settleJob(await start(), setJob);
    } catch (err) {
      setJob(null);
      setError(toApiError(err));
    }
  };
  const busy = job?.state === 'running';
  // What was written (or why not) takes the focus once the job has ended.
  const ended = job !== null && job.state !== 'running' ? job.id : null;
  useEffect(() => {
    if (ended !== null) (resultRef.current ?? failedRef.current)?.focus();
  }, [ended, resultRef]);
  // A job that failed part way lists the files it wrote before (they are whole: each is written, then renamed).
  const written: Written | null = job?.state === 'done' ? (job.files ?? []) : job?.state === 'failed' && job.files?.length ? job.files : null;
  const failed: Notice | null = job?.state === 'failed' ? job.error : null;
  return { run, busy, job, written, failed, failedRef, error, clearError: () => setError(null) };
}

/** While a job writes: its step; when it failed: why, in words. */
function WritingState({ job, failed, failedRef }: { job: ExchangeJob | null; failed: Notice | null; failedRef: RefObject<HTMLDivElement | null> }) {
  const t = useT();
  const language = useLanguage();
  if (job?.state === 'running') {
    return (
      <p className="hint" role="status" data-testid="writing-step">
        {job.step ? (language === 'ko' ? job.step.ko : job.step.en) : t('exchange.writing')}
      </p>
    );
  }
  if (failed) {
    return (
      <div className="xv-message xv-message--error" role="alert" tabIndex={-1} ref={failedRef} data-testid="writing-failed">
        <NoticeText notice={failed} />
      </div>
    );
  }
  return null;
}

/** The year first offered: the newest period not locked, else the newest. */
function defaultPeriod(outline: PlanOutline): number | null {
  const open = outline.periods.filter((p) => !p.locked);
  return (open[open.length - 1] ?? outline.periods[outline.periods.length - 1])?.id ?? null;
}

function YearSelect({ outline, value, onChange, testId }: { outline: PlanOutline; value: number | null; onChange(id: number): void; testId: string }) {
  const t = useT();
  const id = useId();
  return (
    <div className="field xv-field">
      <label className="field__label" htmlFor={id}>
        {t('exchange.year')}
      </label>
      <select id={id} className="input" data-testid={testId} value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
        {outline.periods.map((p) => (
          <option key={p.id} value={p.id}>
            {t('exchange.yearOption', { year: p.year })}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RequestExport({ outline }: { outline: PlanOutline }) {
  const t = useT();
  const language = useLanguage();
  const [periodId, setPeriodId] = useState<number | null>(() => defaultPeriod(outline));
  const [bodies, setBodies] = useState<readonly string[]>(() => outline.bodies.map((b) => b.code));
  const [dir, setDir] = useState('');
  const resultRef = useRef<HTMLDivElement>(null);
  const { run, busy, job, written, failed, failedRef, error, clearError } = useWriting(resultRef);

  const why = bodies.length === 0 ? t('exchange.requests.needBody') : dir.trim() === '' ? t('exchange.requests.needFolder') : null;
  const toggle = (code: string, on: boolean) => setBodies((list) => (on ? outline.bodies.map((b) => b.code).filter((c) => c === code || list.includes(c)) : list.filter((c) => c !== code)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (why !== null || periodId === null || busy) return;
    void run(() => client.exchange.exportRequests(periodId, [...bodies], dir.trim()));
  };

  return (
    <section className="card xv-card" aria-labelledby="xv-requests-heading" data-testid="exchange-requests">
      <h3 className="card__title" id="xv-requests-heading">
        {t('exchange.requests.title')}
      </h3>
      <p className="hint xv-intro">{t('exchange.requests.intro')}</p>
      <form className="xv-form" onSubmit={(e) => void submit(e)}>
        <YearSelect outline={outline} value={periodId} onChange={setPeriodId} testId="requests-year" />
        <fieldset className="xv-bodies">
          <legend className="field__label">{t('exchange.requests.bodies')}</legend>
          <div className="xv-bodies__tools">
            <button type="button" className="button button--quiet button--small" onClick={() => setBodies(outline.bodies.map((b) => b.code))}>
              {t('exchange.requests.all')}
            </button>
            <button type="button" className="button button--quiet button--small" onClick={() => setBodies([])}>
              {t('exchange.requests.clear')}
            </button>
          </div>
          <ul className="xv-bodies__list">
            {outline.bodies.map((b) => (
              <li key={b.code}>
                <label className="xv-check">
                  <input type="checkbox" data-testid={`requests-body-${b.code}`} checked={bodies.includes(b.code)} onChange={(e) => toggle(b.code, e.target.checked)} />
                  <span>
                    {bodyName(language, b)} <span className="secondary">{b.code}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset className="xv-folder">
          <legend className="field__label">{t('exchange.folder.legend')}</legend>
          <PathField
            kind="folder"
            value={dir}
            onChange={setDir}
            chooseLabel={t('exchange.folder.choose')}
            typedLabel={t('exchange.folder.typed')}
            typedHint={t('exchange.folder.typedHint')}
            disabled={busy}
            testId="requests-folder"
          />
        </fieldset>
        <div className="xv-actions">
          <button type="submit" className="button button--primary" data-testid="requests-write" disabled={busy || why !== null} aria-describedby="xv-requests-why">
            {busy ? t('exchange.writing') : t('exchange.requests.write')}
          </button>
          <span className="hint" id="xv-requests-why">
            {why}
          </span>
        </div>
      </form>
      {error ? <ErrorBanner error={error} message={problemMessage(t, error, dir.trim())} onDismiss={clearError} /> : null}
      <WritingState job={job} failed={failed} failedRef={failedRef} />
      {written ? (
        <div className="xv-result" role="status" tabIndex={-1} ref={resultRef} data-testid="requests-written">
          <p>{t('exchange.requests.written', { count: written.length })}</p>
          {written[0] ? (
            <p className="xv-result__folder">
              {t('exchange.files.folder')}: <PathText path={dirname(written[0].path)} />
            </p>
          ) : null}
          <table className="xv-table">
            <caption className="visually-hidden">{t('exchange.files.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('exchange.files.body')}</th>
                <th scope="col">{t('exchange.files.path')}</th>
                <th scope="col" className="xv-num">
                  {t('exchange.files.rows')}
                </th>
              </tr>
            </thead>
            <tbody>
              {written.map((f) => {
                const body = outline.bodies.find((b) => b.code === f.bodyCode);
                return (
                  <tr key={f.path} data-testid="requests-file" data-body={f.bodyCode}>
                    <th scope="row">{body ? `${bodyName(language, body)} (${f.bodyCode})` : f.bodyCode}</th>
                    <td>
                      <PathText path={basename(f.path)} />
                    </td>
                    <td className="xv-num">{f.rows}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function ReportExport({ outline, bodyCode }: { outline: PlanOutline; bodyCode: string }) {
  const t = useT();
  const language = useLanguage();
  const asked = useExchangeStore((s) => s.reportPeriodId);
  const askReportExport = useExchangeStore((s) => s.askReportExport);
  const [periodId, setPeriodId] = useState<number | null>(() => asked ?? defaultPeriod(outline));
  const [dir, setDir] = useState('');
  const [fromProgress] = useState(() => asked !== null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const { run, busy, job, written, failed, failedRef, error, clearError } = useWriting(resultRef);
  const body = outline.bodies.find((b) => b.code === bodyCode);

  // Asked from the report view after a submit (the view mounts anew): that year, and the focus here.
  useEffect(() => {
    if (asked === null) return;
    askReportExport(null);
    headingRef.current?.scrollIntoView({ block: 'start' });
    headingRef.current?.focus();
  }, [asked, askReportExport]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (periodId === null || dir.trim() === '' || busy) return;
    void run(() => client.exchange.exportReport(periodId, dir.trim()));
  };
  const file = written?.[0] ?? null;

  return (
    <section className="card xv-card" aria-labelledby="xv-report-heading" data-testid="exchange-report">
      <h3 className="card__title" id="xv-report-heading" tabIndex={-1} ref={headingRef}>
        {t('exchange.report.title')}
      </h3>
      <p className="hint xv-intro">{t('exchange.report.intro', { body: body ? bodyName(language, body) : bodyCode })}</p>
      {fromProgress ? <p className="xv-hint-strong">{t('exchange.report.fromProgress')}</p> : null}
      <form className="xv-form" onSubmit={(e) => void submit(e)}>
        <YearSelect outline={outline} value={periodId} onChange={setPeriodId} testId="report-year" />
        <fieldset className="xv-folder">
          <legend className="field__label">{t('exchange.folder.legend')}</legend>
          <PathField
            kind="folder"
            value={dir}
            onChange={setDir}
            chooseLabel={t('exchange.folder.choose')}
            typedLabel={t('exchange.folder.typed')}
            typedHint={t('exchange.folder.typedHint')}
            disabled={busy}
            testId="report-folder"
          />
        </fieldset>
        <div className="xv-actions">
          <button type="submit" className="button button--primary" data-testid="report-write" disabled={busy || dir.trim() === ''} aria-describedby="xv-report-why">
            {busy ? t('exchange.writing') : t('exchange.report.write')}
          </button>
          <span className="hint" id="xv-report-why">
            {dir.trim() === '' ? t('exchange.requests.needFolder') : null}
          </span>
        </div>
      </form>
      {error ? <ErrorBanner error={error} message={problemMessage(t, error, dir.trim())} onDismiss={clearError} /> : null}
      <WritingState job={job} failed={failed} failedRef={failedRef} />
      {file ? (
        <p className="xv-result" role="status" tabIndex={-1} ref={resultRef} data-testid="report-written" data-path={file.path}>
          {t('exchange.report.written', { count: file.rows })} <PathText path={file.path} />
        </p>
      ) : null}
    </section>
  );
}
