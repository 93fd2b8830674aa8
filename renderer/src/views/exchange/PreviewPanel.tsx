/**
 * The preview of an import: what the file is (kind, plan, body, year, who
 * wrote it and when), its rows by outcome, the warnings, the confirmations
 * the user must tick, the rows themselves (PreviewRows), and Apply (disabled,
 * saying why, while a conflict is unsettled or a confirmation unticked) or
 * Discard. The heading takes the focus when the preview appears.
 */
import { useEffect, useRef } from 'react';
import type { PlanOutline } from '../../../../contract/domain';
import type { ImportPreview } from '../../../../contract/exchange';
import { formatDateTime } from '../../format';
import { useLanguage, useT, type MessageKey } from '../../i18n';
import { bodyName } from '../../model/outline';
import { ROW_OUTCOMES, unsettled, useExchangeStore, type Confirmation } from '../../stores/exchange';
import { formatBytes } from '../BackupsView';
import { NoticeText, PathText } from './parts';
import { PreviewRows } from './PreviewRows';

export function kindKey(kind: ImportPreview['kind']): MessageKey {
  return kind === null ? 'exchange.kind.unknown' : `exchange.kind.${kind}`;
}

/** The preview whose heading took the focus last. */
let focusedToken: string | null = null;

export function PreviewPanel({ outline, preview }: { outline: PlanOutline; preview: ImportPreview }) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const picks = useExchangeStore((s) => s.picks);
  const confirmed = useExchangeStore((s) => s.confirmed);
  const toggleConfirm = useExchangeStore((s) => s.toggleConfirm);
  const applying = useExchangeStore((s) => s.applying);
  const apply = useExchangeStore((s) => s.apply);
  const discard = useExchangeStore((s) => s.discard);

  // Once per preview: coming back to the view with a preview open leaves the focus where the view put it.
  useEffect(() => {
    if (focusedToken === preview.token) return;
    focusedToken = preview.token;
    headingRef.current?.focus();
  }, [preview.token]);

  const body = outline.bodies.find((b) => b.code === preview.body);
  const left = unsettled(preview, picks);
  const unticked = preview.needsConfirmation.filter((c) => !confirmed.includes(c)).length;
  const why = left > 0 ? t('exchange.apply.why.conflicts', { count: left }) : unticked > 0 ? t('exchange.apply.why.confirm') : t('exchange.apply.ready');
  const status = (s: string) => t(`progress.status.${s}` as MessageKey);
  // main says the change of state among the warnings too; it is shown once, above them.
  const warnings = preview.state ? preview.warnings.filter((w) => !w.en.startsWith('Report status:')) : preview.warnings;

  return (
    <section className="xv-preview" aria-labelledby="xv-preview-heading" data-testid="import-preview" data-token={preview.token}>
      <h4 className="xv-preview__title" id="xv-preview-heading" tabIndex={-1} ref={headingRef}>
        {t('exchange.preview.title')}: <PathText path={preview.file.name} className="xv-preview__file" />
      </h4>

      <dl className="xv-about" aria-label={t('exchange.preview.about')} data-testid="preview-about">
        <div>
          <dt>{t('exchange.preview.kind')}</dt>
          <dd data-testid="preview-kind">{t(kindKey(preview.kind))}</dd>
        </div>
        <div>
          <dt>{t('exchange.preview.plan')}</dt>
          <dd>{preview.plan}</dd>
        </div>
        <div>
          <dt>{t('exchange.preview.body')}</dt>
          <dd data-testid="preview-body">{body ? `${bodyName(language, body)} (${preview.body})` : preview.body}</dd>
        </div>
        <div>
          <dt>{t('exchange.preview.year')}</dt>
          <dd>{t('exchange.yearOption', { year: preview.year })}</dd>
        </div>
        <div>
          <dt>{t('exchange.preview.writer')}</dt>
          <dd data-testid="preview-writer">
            {preview.writer
              ? t('exchange.preview.writerOf', { name: preview.writer.name, role: t(`exchange.role.${preview.writer.role}`) })
              : t('exchange.preview.writerNone')}
          </dd>
        </div>
        <div>
          <dt>{t('exchange.preview.writtenAt')}</dt>
          <dd>{preview.writer ? formatDateTime(language, preview.writer.writtenAt) : '—'}</dd>
        </div>
        <div className="xv-about__wide">
          <dt>{t('exchange.preview.file')}</dt>
          <dd>
            <PathText path={preview.file.name} /> ({formatBytes(language, preview.file.bytes)})
          </dd>
        </div>
      </dl>

      <div className="xv-counts" role="group" aria-label={t('exchange.preview.counts')} data-testid="preview-counts">
        {ROW_OUTCOMES.map((o) => (
          <span key={o} className="xv-count" data-outcome={o} data-testid={`count-${o}`}>
            <span className="xv-count__n">{preview.counts[o] ?? 0}</span> {t(`exchange.outcome.${o}`)}
          </span>
        ))}
      </div>

      {preview.state || preview.commentsAdded > 0 || preview.indicatorsAdded > 0 || preview.meetings.meetings + preview.meetings.followUpStates > 0 ? (
        <ul className="xv-also">
          {preview.state ? (
            <li data-testid="preview-state">{t('exchange.preview.state', { from: status(preview.state.from), to: status(preview.state.to) })}</li>
          ) : null}
          {preview.commentsAdded > 0 ? <li>{t('exchange.preview.comments', { count: preview.commentsAdded })}</li> : null}
          {preview.indicatorsAdded > 0 ? <li>{t('exchange.preview.indicators', { count: preview.indicatorsAdded })}</li> : null}
          {preview.meetings.meetings > 0 ? <li data-testid="preview-meetings">{t('exchange.preview.meetings', { count: preview.meetings.meetings })}</li> : null}
          {preview.meetings.followUpStates > 0 ? <li>{t('exchange.preview.followUps', { count: preview.meetings.followUpStates })}</li> : null}
        </ul>
      ) : null}

      {preview.alreadyImported ? (
        <p className="xv-already" role="note" data-testid="preview-already">
          {t('exchange.preview.already')}
        </p>
      ) : null}

      {warnings.length > 0 ? (
        <div className="xv-warnings" data-testid="preview-warnings">
          <h5 className="xv-subtitle">{t('exchange.preview.warnings')}</h5>
          <ul>
            {warnings.map((w, i) => (
              <li key={i} data-testid="preview-warning">
                <NoticeText notice={w} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {preview.needsConfirmation.length > 0 ? (
        <fieldset className="xv-confirm" data-testid="preview-confirm">
          <legend className="xv-subtitle">{t('exchange.confirm.legend')}</legend>
          {preview.needsConfirmation.map((c: Confirmation) => (
            <label key={c} className="xv-check xv-check--block">
              <input
                type="checkbox"
                data-testid={`confirm-${c}`}
                checked={confirmed.includes(c)}
                onChange={(e) => toggleConfirm(c, e.target.checked)}
              />
              <span>{t(`exchange.confirm.${c}`, { year: preview.year })}</span>
            </label>
          ))}
        </fieldset>
      ) : null}

      <PreviewRows preview={preview} />

      <div className="xv-apply">
        <button
          type="button"
          className="button button--primary"
          data-testid="import-apply"
          disabled={applying || left > 0 || unticked > 0}
          aria-describedby="xv-apply-why"
          onClick={() => void apply()}
        >
          {applying ? t('exchange.applying') : t('exchange.apply')}
        </button>
        <button type="button" className="button" data-testid="import-discard" disabled={applying} onClick={() => void discard()}>
          {t('exchange.discard')}
        </button>
        <span className="hint" id="xv-apply-why" data-testid="apply-why">
          {why}
        </span>
      </div>
    </section>
  );
}
