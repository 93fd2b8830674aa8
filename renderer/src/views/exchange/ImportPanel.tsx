/**
 * Importing a workbook: choose it (the system's dialog, or its path typed),
 * follow the reading job (a progress bar with the job's step, and Cancel),
 * then its preview (PreviewPanel); what happened last is said in words: a
 * refusal with where and what to do, a cancel, a discard, the counts of an
 * applied import (focused, so a screen reader reads it).
 */
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { PlanOutline } from '../../../../contract/domain';
import type { Installation } from '../../../../contract/progress';
import { client } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLanguage, useT } from '../../i18n';
import { bodyName } from '../../model/outline';
import { useExchangeStore, type ImportNotice } from '../../stores/exchange';
import { EMPTY_MAPPING, MappingFields, mappingOf, type MappingCheck, type MappingDraft } from './MappingFields';
import { NoticeText, PathField, problemMessage } from './parts';
import { PreviewPanel } from './PreviewPanel';

type Identity = { body: string | null; year: number | null };

export function ImportPanel({ outline, installation }: { outline: PlanOutline; installation: Installation }) {
  const t = useT();
  const [identity, setIdentity] = useState<Identity>({ body: null, year: null });
  const [mappingDraft, setMappingDraft] = useState<MappingDraft>(EMPTY_MAPPING);
  const mapping = mappingOf(mappingDraft);
  // What the preview is asked with: the body and year as chosen, the mapping only when any of it is filled in.
  const request = { ...identity, mapping: mapping.mapping };
  const job = useExchangeStore((s) => s.job);
  const preview = useExchangeStore((s) => s.preview);
  const startPreview = useExchangeStore((s) => s.startPreview);
  const [path, setPath] = useState('');
  const reading = job?.state === 'running';
  const [dropping, setDropping] = useState(false);
  const [dropNoPath, setDropNoPath] = useState<string | null>(null);
  const canRead = !reading && !preview && mapping.ok;

  // A workbook dropped on the card is read as if chosen; where the window cannot tell its path, it is typed.
  const onDragOver = (e: DragEvent) => {
    if (!canRead || !e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDrop = (e: DragEvent) => {
    setDropping(false);
    const file = e.dataTransfer.files[0];
    if (!canRead || !file) return;
    e.preventDefault();
    const dropped = client.exchange.pathOfDroppedFile(file);
    if (dropped === null) {
      setDropNoPath(file.name);
      return;
    }
    setDropNoPath(null);
    setPath(dropped);
    void startPreview(dropped, request);
  };

  const read = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim() === '' || !canRead) return;
    setDropNoPath(null);
    void startPreview(path.trim(), request);
  };

  return (
    <section
      className="card card--wide xv-card xv-import"
      aria-labelledby="xv-import-heading"
      data-testid="exchange-import"
      data-dropping={dropping ? 'true' : undefined}
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <h3 className="card__title" id="xv-import-heading">
        {t('exchange.import.title')}
      </h3>
      <p className="hint xv-intro">{t('exchange.import.intro')}</p>
      {dropNoPath !== null ? (
        <p className="xv-hint-strong" role="status" data-testid="import-drop-no-path">
          {t('exchange.import.dropNoPath', { name: dropNoPath })}
        </p>
      ) : null}
      <form onSubmit={read}>
        <PathField
          kind="workbook"
          value={path}
          onChange={setPath}
          onChosen={(p) => {
            // A mapping still to correct: the path is kept, read once it is corrected.
            if (canRead) void startPreview(p, request);
          }}
          chooseLabel={t('exchange.import.choose')}
          typedLabel={t('exchange.import.typed')}
          typedHint={t('exchange.import.typedHint')}
          disabled={reading || preview !== null}
          showTyped={dropNoPath !== null}
          testId="import-file"
        >
          <button
            type="submit"
            className="button button--primary"
            data-testid="import-read"
            disabled={!canRead || path.trim() === ''}
            aria-describedby={mapping.ok ? undefined : 'xv-import-why'}
          >
            {t('exchange.import.read')}
          </button>
        </PathField>
      </form>
      {mapping.ok ? null : (
        <p className="xv-hint-strong" id="xv-import-why" data-testid="import-why">
          {t('exchange.mapping.why')}
        </p>
      )}
      <IdentityChoice
        outline={outline}
        installation={installation}
        value={identity}
        onChange={setIdentity}
        mapping={mappingDraft}
        onMappingChange={setMappingDraft}
        check={mapping}
      />
      {preview ? <p className="hint">{t('exchange.import.openPreview')}</p> : null}
      {reading ? <JobProgress /> : null}
      <ImportNoticeView />
      {preview ? <PreviewPanel outline={outline} preview={preview} /> : null}
    </section>
  );
}

/** For a workbook made by hand (no information sheet): which body's report of which year it is, and which column holds what. */
function IdentityChoice(props: {
  outline: PlanOutline;
  installation: Installation;
  value: Identity;
  onChange(value: Identity): void;
  mapping: MappingDraft;
  onMappingChange(value: MappingDraft): void;
  check: MappingCheck;
}) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const { outline, installation, value, onChange } = props;
  return (
    <details className="xv-identity" data-testid="import-identity">
      <summary>{t('exchange.import.identity')}</summary>
      <p className="hint" id={`${id}-hint`}>
        {t('exchange.import.identityHint')}
      </p>
      <div className="xv-identity__fields">
        {installation.role === 'coordinator' ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-body`}>
              {t('exchange.import.identityBody')}
            </label>
            <select
              id={`${id}-body`}
              className="input"
              aria-describedby={`${id}-hint`}
              data-testid="import-identity-body"
              value={value.body ?? ''}
              onChange={(e) => onChange({ ...value, body: e.target.value === '' ? null : e.target.value })}
            >
              <option value="">{t('exchange.import.identityFromFile')}</option>
              {outline.bodies.map((b) => (
                <option key={b.code} value={b.code}>
                  {`${bodyName(language, b)} (${b.code})`}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label className="field__label" htmlFor={`${id}-year`}>
            {t('exchange.import.identityYear')}
          </label>
          <select
            id={`${id}-year`}
            className="input"
            aria-describedby={`${id}-hint`}
            data-testid="import-identity-year"
            value={value.year ?? ''}
            onChange={(e) => onChange({ ...value, year: e.target.value === '' ? null : Number(e.target.value) })}
          >
            <option value="">{t('exchange.import.identityFromFile')}</option>
            {outline.periods.map((p) => (
              <option key={p.id} value={p.year}>
                {t('exchange.yearOption', { year: p.year })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <MappingFields value={props.mapping} onChange={props.onMappingChange} check={props.check} />
    </details>
  );
}

function JobProgress() {
  const t = useT();
  const language = useLanguage();
  const job = useExchangeStore((s) => s.job);
  const cancel = useExchangeStore((s) => s.cancel);
  if (!job) return null;
  const percent = Math.round(Math.min(1, Math.max(0, job.progress)) * 100);
  const step = job.step ? (language === 'ko' ? job.step.ko : job.step.en) : t('exchange.import.reading');
  return (
    <div className="xv-job" data-testid="import-job">
      <progress
        className="xv-job__bar"
        max={100}
        value={percent}
        aria-label={t('exchange.import.progress')}
        aria-valuetext={`${percent}% · ${step}`}
        data-testid="import-progress"
      />
      <span className="xv-job__step" aria-live="polite" data-testid="import-step">
        {step} ({percent}%)
      </span>
      <button type="button" className="button" data-testid="import-cancel" onClick={() => void cancel()}>
        {t('exchange.import.cancel')}
      </button>
    </div>
  );
}

function counts(record: { counts: Record<string, number> }) {
  const c = (k: string) => record.counts[k] ?? 0;
  return { new: c('new'), changed: c('changed'), unchanged: c('unchanged'), conflict: c('conflict'), rejected: c('rejected') };
}

/** The notice that took the focus last. */
let focusedNotice: ImportNotice | null = null;

function ImportNoticeView() {
  const t = useT();
  const notice = useExchangeStore((s) => s.notice);
  const clearNotice = useExchangeStore((s) => s.clearNotice);
  const ref = useRef<HTMLDivElement>(null);
  // After apply the result takes the focus (the preview and its Apply button are gone); once, not again when the view reopens.
  useEffect(() => {
    if (notice?.kind !== 'applied' || focusedNotice === notice) return;
    focusedNotice = notice;
    ref.current?.focus();
  }, [notice]);
  if (!notice) return null;
  const body = (n: ImportNotice) => {
    switch (n.kind) {
      case 'failed':
        return (
          <>
            <p>
              <strong>{t('exchange.import.failed')}</strong>
            </p>
            {n.notice ? (
              <p>
                <NoticeText notice={n.notice} testId="import-error-text" />
              </p>
            ) : null}
            {n.error ? <ErrorBanner error={n.error} message={problemMessage(t, n.error, n.path)} /> : null}
          </>
        );
      case 'cancelled':
        return <p>{t('exchange.import.cancelled')}</p>;
      case 'discarded':
        return <p>{t('exchange.discarded')}</p>;
      case 'applied':
        return <p>{t('exchange.applied', { file: n.record.fileName, ...counts(n.record) })}</p>;
      case 'applyFailed':
        return (
          <>
            <p>
              <strong>{t('exchange.applyFailed')}</strong>
            </p>
            <ErrorBanner error={n.error} message={problemMessage(t, n.error)} />
          </>
        );
    }
  };
  const isError = notice.kind === 'failed' || notice.kind === 'applyFailed';
  return (
    <div
      className={`xv-message${isError ? ' xv-message--error' : ''}`}
      role={isError ? 'alert' : 'status'}
      tabIndex={-1}
      ref={ref}
      data-testid="import-notice"
      data-kind={notice.kind}
    >
      {body(notice)}
      <button type="button" className="button button--quiet button--small" onClick={clearNotice}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
