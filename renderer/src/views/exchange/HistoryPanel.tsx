/**
 * The history of imports (exchange:imports, through the query cache): when,
 * which file, its kind, body and year, who wrote and who imported it, its
 * counts; Undo (confirmed in a dialog that takes the focus, Escape cancels)
 * for an import not undone yet, and when and by whom for one that was.
 */
import { useEffect, useRef, useState } from 'react';
import type { PlanOutline } from '../../../../contract/domain';
import type { ImportRecord } from '../../../../contract/exchange';
import { toApiError, type ApiError } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useConfirm } from '../../components/progress/ConfirmDialog';
import { formatDateTime, formatDateTimeSeconds } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { bodyName } from '../../model/outline';
import { ROW_OUTCOMES, undoImport, useImports } from '../../stores/exchange';
import { kindKey } from './PreviewPanel';
import { PathText, problemMessage } from './parts';

export function HistoryPanel({ outline }: { outline: PlanOutline }) {
  const t = useT();
  const language = useLanguage();
  const query = useImports();
  const { ask, dialog } = useConfirm();
  const [busy, setBusy] = useState<number | null>(null);
  const [result, setResult] = useState<{ ok: true; record: ImportRecord } | { ok: false; error: ApiError } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  // What the undo did takes the focus (its button is gone, or the dialog closed).
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  // To the second: a file imported, undone and imported again within a minute is three rows.
  const when = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? formatDateTime(language, iso) : formatDateTimeSeconds(language, d);
  };
  const bodyText = (code: string) => {
    const body = outline.bodies.find((b) => b.code === code);
    return body ? bodyName(language, body) : code;
  };

  const undo = async (record: ImportRecord) => {
    const yes = await ask({
      title: t('exchange.undo.title'),
      body: [
        <p key="1">{t('exchange.undo.body', { file: record.fileName, when: when(record.importedAt) })}</p>,
        <p key="2">{t('exchange.undo.body2')}</p>,
      ],
      confirmLabel: t('exchange.undo.ok'),
      danger: true,
    });
    if (!yes) return;
    setBusy(record.id);
    setResult(null);
    try {
      const undone = await undoImport(record.id);
      setResult({ ok: true, record: undone });
    } catch (err) {
      setResult({ ok: false, error: toApiError(err) });
    } finally {
      setBusy(null);
    }
  };

  const records = query.data;
  return (
    <section className="card card--wide xv-card" aria-labelledby="xv-history-heading" data-testid="exchange-history" aria-busy={query.loading}>
      <h3 className="card__title" id="xv-history-heading">
        {t('exchange.history.title')}
      </h3>
      {query.error ? <ErrorBanner error={query.error} onRetry={query.retry} /> : null}
      {result ? (
        <div
          className={`xv-message${result.ok ? '' : ' xv-message--error'}`}
          role={result.ok ? 'status' : 'alert'}
          tabIndex={-1}
          ref={resultRef}
          data-testid="undo-result"
        >
          {result.ok ? (
            <p>{t('exchange.undo.done', { file: result.record.fileName })}</p>
          ) : (
            <>
              <p>
                <strong>{t('exchange.undo.failed')}</strong>
              </p>
              <ErrorBanner error={result.error} message={problemMessage(t, result.error)} />
            </>
          )}
        </div>
      ) : null}
      {records === null ? (
        query.error ? null : <p className="hint">{t('exchange.loading')}</p>
      ) : records.length === 0 ? (
        <p className="hint" data-testid="history-none">
          {t('exchange.history.none')}
        </p>
      ) : (
        <table className="xv-table xv-history" data-testid="history-table">
          <caption className="visually-hidden">{t('exchange.history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('exchange.history.when')}</th>
              <th scope="col">{t('exchange.history.file')}</th>
              <th scope="col">{t('exchange.history.kind')}</th>
              <th scope="col">{t('exchange.history.body')}</th>
              <th scope="col">{t('exchange.history.year')}</th>
              <th scope="col">{t('exchange.history.writer')}</th>
              <th scope="col">{t('exchange.history.counts')}</th>
              <th scope="col">{t('exchange.history.by')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('exchange.history.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id} data-testid="history-row" data-id={r.id} data-undone={r.undoneAt ? 'true' : 'false'}>
                <th scope="row">{when(r.importedAt)}</th>
                <td>
                  <PathText path={r.fileName} />
                </td>
                <td className="xv-nowrap">{t(kindKey(r.kind))}</td>
                <td>
                  {bodyText(r.body)} <span className="secondary">{r.body}</span>
                </td>
                <td className="xv-nowrap">{r.year}</td>
                <td>{r.writerName ?? '—'}</td>
                <td>
                  <ul className="xv-history__counts">
                    {ROW_OUTCOMES.filter((o) => (r.counts[o] ?? 0) > 0).map((o) => (
                      <li key={o} data-outcome={o}>
                        {t('exchange.history.count', { label: t(`exchange.outcome.${o}`), count: r.counts[o] ?? 0 })}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{r.importedBy}</td>
                <td>
                  {r.undoneAt ? (
                    <span className="hint" data-testid="history-undone">
                      {t('exchange.history.undone', { when: when(r.undoneAt), by: r.undoneBy ?? '—' })}
                    </span>
                  ) : (
                    <button type="button" className="button button--quiet" data-testid="history-undo" disabled={busy !== null} onClick={() => void undo(r)}>
                      {t('exchange.history.undo')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog}
    </section>
  );
}
