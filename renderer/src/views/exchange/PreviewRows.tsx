/**
 * The rows of a preview: filter buttons by outcome (unchanged hidden at
 * first), "take all from the file" / "keep all mine" for the conflicts, and
 * per row its action plan, outcome and fields: this computer's value beside
 * the file's, what the merge decided, a radio per side for a conflict, the
 * reason and cell of a rejected one.
 */
import type { FieldChange, ImportPreview, PreviewRow } from '../../../../contract/exchange';
import { useLanguage, useT } from '../../i18n';
import { conflicts, pickKey, ROW_OUTCOMES, useExchangeStore, type Side } from '../../stores/exchange';
import { LongText, NoticeText, valueText } from './parts';

export function PreviewRows({ preview }: { preview: ImportPreview }) {
  const t = useT();
  const shown = useExchangeStore((s) => s.shown);
  const toggleShown = useExchangeStore((s) => s.toggleShown);
  const pickAll = useExchangeStore((s) => s.pickAll);
  const bulk = useExchangeStore((s) => s.bulk);
  const rows = preview.rows.filter((r) => shown.includes(r.outcome));
  const hasConflicts = conflicts(preview).length > 0;

  return (
    <div className="xv-rows-block">
      <div className="xv-toolbar">
        <div className="xv-filter" role="group" aria-label={t('exchange.filter.label')} aria-describedby="xv-filter-hint">
          <span className="field__label" aria-hidden="true">
            {t('exchange.filter.label')}
          </span>
          {ROW_OUTCOMES.map((o) => (
            <button
              key={o}
              type="button"
              className="xv-filter__button"
              data-outcome={o}
              data-testid={`filter-${o}`}
              aria-pressed={shown.includes(o)}
              onClick={() => toggleShown(o)}
            >
              {t('exchange.filter.option', { label: t(`exchange.outcome.${o}`), count: preview.counts[o] ?? 0 })}
            </button>
          ))}
          <span className="visually-hidden" id="xv-filter-hint">
            {t('exchange.filter.hint')}
          </span>
        </div>
        {hasConflicts ? (
          <div className="xv-bulk" role="group" aria-label={t('exchange.bulk.label')} aria-describedby="xv-bulk-hint">
            <button type="button" className="button" data-testid="bulk-file" aria-pressed={bulk === 'file'} onClick={() => pickAll('file')}>
              {t('exchange.bulk.file')}
            </button>
            <button type="button" className="button" data-testid="bulk-mine" aria-pressed={bulk === 'mine'} onClick={() => pickAll('mine')}>
              {t('exchange.bulk.mine')}
            </button>
            <p className="hint xv-bulk__hint" id="xv-bulk-hint">
              {t('exchange.bulk.hint')}
            </p>
          </div>
        ) : null}
      </div>
      <ol className="xv-rows" aria-label={t('exchange.rows.label')} data-testid="preview-rows">
        {rows.map((row) => (
          <li key={row.actionPlan}>
            <RowView row={row} />
          </li>
        ))}
      </ol>
      {rows.length === 0 ? <p className="hint xv-rows__none">{t('exchange.rows.none')}</p> : null}
    </div>
  );
}

function RowView({ row }: { row: PreviewRow }) {
  const t = useT();
  const headingId = `xv-row-${row.actionPlan.replace(/[^\w-]/g, '_')}`;
  return (
    <article className="xv-row" data-outcome={row.outcome} data-testid="preview-row" data-code={row.actionPlan} aria-labelledby={headingId}>
      <header className="xv-row__head">
        <h5 className="xv-row__title" id={headingId}>
          {t('exchange.row.title', { code: row.actionPlan })}
        </h5>
        <span className="xv-badge" data-outcome={row.outcome} data-testid="row-outcome">
          {t(`exchange.outcome.${row.outcome}`)}
        </span>
        <span className="hint">{row.rowNumber === null ? t('exchange.row.missing') : t('exchange.row.number', { row: row.rowNumber })}</span>
      </header>
      {row.reason ? (
        <p className="xv-row__reason">
          <NoticeText notice={row.reason} />
        </p>
      ) : null}
      {row.fields.length === 0 ? (
        row.reason ? null : <p className="hint">{t('exchange.row.noFields')}</p>
      ) : (
        <table className="xv-fields">
          <caption className="visually-hidden">{t('exchange.row.title', { code: row.actionPlan })}</caption>
          <colgroup>
            <col className="xv-fields__label" />
            <col className="xv-fields__value" />
            <col className="xv-fields__arrow" />
            <col className="xv-fields__value" />
            <col className="xv-fields__outcome" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('exchange.col.field')}</th>
              <th scope="col">{t('exchange.col.mine')}</th>
              <th scope="col">
                <span className="visually-hidden">→</span>
              </th>
              <th scope="col">{t('exchange.col.file')}</th>
              <th scope="col">{t('exchange.col.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {row.fields.map((f) => (
              <FieldRow key={f.field} actionPlan={row.actionPlan} field={f} />
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

function FieldRow({ actionPlan, field }: { actionPlan: string; field: FieldChange }) {
  const t = useT();
  const language = useLanguage();
  const picked = useExchangeStore((s) => s.picks[pickKey(actionPlan, field.field)]);
  const pick = useExchangeStore((s) => s.pick);
  const label = language === 'ko' ? field.label.ko : field.label.en;
  const mine = valueText(language, field.field, field.mine);
  const file = valueText(language, field.field, field.file);
  const conflict = field.outcome === 'conflict';
  const name = `xv-pick-${actionPlan}-${field.field}`;
  const radio = (side: Side) => (
    <label className="xv-pick">
      <input
        type="radio"
        name={name}
        value={side}
        checked={picked === side}
        data-testid={`pick-${side}`}
        aria-label={`${t('exchange.pick.group', { code: actionPlan, field: label })} ${t(side === 'file' ? 'exchange.pick.file' : 'exchange.pick.mine')}`}
        onChange={() => pick(actionPlan, field.field, side)}
      />
      <span>{t(side === 'file' ? 'exchange.pick.file' : 'exchange.pick.mine')}</span>
    </label>
  );
  const outcome = conflict && picked ? t(`exchange.field.picked.${picked}`) : t(`exchange.field.${field.outcome}`);
  return (
    <tr
      className="xv-field"
      data-outcome={field.outcome}
      data-field={field.field}
      data-picked={picked}
      data-testid="preview-field"
    >
      <th scope="row" className="xv-field__label">
        {label}
      </th>
      <td className="xv-field__mine" data-chosen={conflict ? picked === 'mine' : field.outcome === 'kept'} data-testid="field-mine">
        <LongText text={mine} />
        {conflict ? radio('mine') : null}
      </td>
      <td className="xv-field__arrow" aria-hidden="true">
        {field.outcome === 'taken' ? '→' : conflict ? '≠' : ''}
      </td>
      <td className="xv-field__file" data-chosen={conflict ? picked === 'file' : field.outcome === 'taken'} data-testid="field-file">
        <LongText text={file} />
        {conflict ? radio('file') : null}
        {field.outcome === 'rejected' && field.reason ? (
          <p className="xv-field__reason" data-testid="field-reason">
            <NoticeText notice={field.reason} />
            {field.cell && field.cell !== field.reason.where ? <span className="xv-field__cell">{t('exchange.rejected.cell', { cell: field.cell })}</span> : null}
          </p>
        ) : null}
      </td>
      <td className="xv-field__outcome">
        <span className="xv-badge" data-outcome={conflict && picked ? (picked === 'file' ? 'taken' : 'kept') : field.outcome}>
          {outcome}
        </span>
      </td>
    </tr>
  );
}
