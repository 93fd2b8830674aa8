/**
 * The rows and header cells of the two matrices. Rows are memoized: while
 * scrolling only the rows that come into view render, and a filter change
 * re-renders only the rows whose position changed. No cell has a handler of
 * its own; the grid reads data-col and data-index from the clicked element.
 */
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { Language, ReportingPeriod } from '../../../../contract/domain';
import type { MatrixRow, PeriodMatrixRow, ReportStatus } from '../../../../contract/progress';
import type { Translate } from '../../i18n';
import { levelKey } from '../../model/matrix';
import { DELAY_GLYPH, LevelGlyph, LevelSwatch, OVERRIDE_GLYPH, STATUS_GLYPH, type LevelLabels } from './levels';
import { rowStyle } from './VirtualGrid';

/** Width of a body's column, in px (also --mx-slot in CSS, set by the grid). */
export const BODY_SLOT = 58;

/** What every row needs besides its data; one object per language and plan. */
export interface RowContext {
  t: Translate;
  language: Language;
  labels: LevelLabels;
  /** Body names in the interface language, by code. */
  bodyNames: ReadonlyMap<string, string>;
  /** Korean texts of action plans, by id. */
  textKo: ReadonlyMap<number, string>;
}

/** The action plan's text in the interface language (English where the Korean is missing). */
function actionText(ctx: RowContext, id: number, textEn: string): string {
  return (ctx.language === 'ko' ? ctx.textKo.get(id) : undefined) ?? textEn;
}

/**
 * A cell's accessible name: the action plan (code and text) first, then the
 * cell's own facts, so that a screen reader moving through the grid hears
 * which action plan a level belongs to, not only its code.
 */
function cellLabel(ctx: RowContext, id: number, code: string, textEn: string, cell: string): string {
  return ctx.t('standing.cell.label', { actionPlan: ctx.t('standing.cell.actionPlan', { code, text: actionText(ctx, id, textEn) }), cell });
}

function RowHead({ id, code, textEn, ctx, active, activeId }: { id: number; code: string; textEn: string; ctx: RowContext; active: boolean; activeId: string }) {
  const ko = ctx.language === 'ko' ? ctx.textKo.get(id) : undefined;
  const text = ko ?? textEn;
  return (
    <div
      className={active ? 'mx-rowhead is-active' : 'mx-rowhead'}
      role="rowheader"
      aria-colindex={1}
      data-col={0}
      id={active ? activeId : undefined}
    >
      <span className="code">{code}</span>
      {/* Shortened to one line when narrow: its own title holds all of it. */}
      <span className="mx-rowhead__text" lang={ko ? 'ko' : 'en'} title={ko ? `${code} ${ko}\n${textEn}` : `${code} ${textEn}`}>
        {text}
      </span>
    </div>
  );
}

interface BodyRowProps {
  row: MatrixRow;
  index: number;
  /** The body codes shown as columns. */
  columns: readonly string[];
  ctx: RowContext;
  /** The active column in this row, −1 when the active cell is elsewhere. */
  activeCol: number;
  activeId: string;
}

/** Where a body's cell sits in its row's strip of body columns (a dynamic value, hence a style). */
function slotStyle(index: number): CSSProperties {
  return { left: index * BODY_SLOT };
}

/**
 * An action plan × its bodies for the period, and the consolidated level.
 * Only the bodies that carry the action plan have an element: the strip of
 * body columns draws the empty slots as its background, so a row of the 100×
 * plan (20 bodies, 1–6 of them carrying it) stays a handful of elements.
 */
export const BodyRow = memo(function BodyRow({ row, index, columns, ctx, activeCol, activeId }: BodyRowProps) {
  const { t, labels } = ctx;
  const cells: ReactNode[] = [];
  columns.forEach((code, i) => {
    const col = i + 1;
    const active = col === activeCol;
    const body = ctx.bodyNames.get(code) ?? code;
    const cell = row.cells[code];
    if (!cell) {
      // An empty slot gets an element only while it is the active cell.
      if (active) {
        cells.push(
          <div
            key={code}
            className="mx-cell mx-cell--slot lv--na is-active"
            role="gridcell"
            aria-colindex={col + 1}
            data-col={col}
            id={activeId}
            style={slotStyle(i)}
            aria-label={cellLabel(ctx, row.actionPlanId, row.code, row.textEn, t('standing.cell.notCarried', { body: `${code} ${body}` }))}
          />,
        );
      }
      return;
    }
    const level = levelKey(cell.completion);
    const parts = [t('standing.cell.body', { body: `${code} ${body}`, level: labels.level[level] })];
    if (cell.delayed) parts.push(t('standing.cell.delayed'));
    parts.push(t('standing.cell.status', { status: labels.status[cell.status] }));
    const description = parts.join(', ');
    cells.push(
      <div
        key={code}
        className={`mx-cell mx-cell--slot mx-cell--open lv--${level}${active ? ' is-active' : ''}`}
        role="gridcell"
        aria-colindex={col + 1}
        data-col={col}
        data-testid={`matrix-cell-${row.code}-${code}`}
        data-level={level}
        data-status={cell.status}
        data-delayed={cell.delayed ? 'true' : undefined}
        id={active ? activeId : undefined}
        style={slotStyle(i)}
        aria-label={cellLabel(ctx, row.actionPlanId, row.code, row.textEn, description)}
        title={`${row.code} · ${description}\n${t('standing.cell.open')}`}
      >
        <LevelGlyph level={level} />
        {cell.delayed && (
          <span className="mx-delay" aria-hidden="true">
            {DELAY_GLYPH}
          </span>
        )}
        {cell.status !== 'draft' && <StatusMark status={cell.status} />}
      </div>,
    );
  });
  return (
    <div className="mx-row mx-row--action" role="row" aria-rowindex={index + 2} data-index={index} data-testid={`matrix-row-${row.code}`} style={rowStyle(index)}>
      <RowHead id={row.actionPlanId} code={row.code} textEn={row.textEn} ctx={ctx} active={activeCol === 0} activeId={activeId} />
      <div className="mx-slots" data-slot-width={BODY_SLOT}>
        {cells}
      </div>
      <Consolidated row={row} ctx={ctx} col={columns.length + 1} active={activeCol === columns.length + 1} activeId={activeId} />
    </div>
  );
});

function StatusMark({ status }: { status: ReportStatus }) {
  return (
    <span className={`mx-status sd-status--${status}`} aria-hidden="true">
      {STATUS_GLYPH[status]}
    </span>
  );
}

function Consolidated({ row, ctx, col, active, activeId }: { row: MatrixRow; ctx: RowContext; col: number; active: boolean; activeId: string }) {
  const { t, labels } = ctx;
  const c = row.consolidated;
  const level = levelKey(c.effective);
  const reported = t('standing.reportedTitle', { reported: c.reported, count: c.expected });
  const override = c.override
    ? t('standing.overrideTitle', {
        level: labels.level[c.override.completion],
        derived: labels.level[levelKey(c.derived)],
        reason: c.override.reason,
        by: c.override.setBy,
      })
    : null;
  const description = [t('standing.cell.consolidated', { level: labels.level[level] }), reported, override].filter(Boolean).join('. ');
  return (
    <div
      className={active ? 'mx-cons is-active' : 'mx-cons'}
      role="gridcell"
      aria-colindex={col + 1}
      data-col={col}
      data-testid={`matrix-consolidated-${row.code}`}
      data-level={level}
      data-override={c.override ? 'true' : undefined}
      id={active ? activeId : undefined}
      aria-label={cellLabel(ctx, row.actionPlanId, row.code, row.textEn, description)}
      title={`${row.code} · ${description}`}
    >
      <LevelSwatch level={level} />
      <span className="mx-cons__label">{labels.level[level]}</span>
      {override && (
        <span className="mx-override" data-testid={`matrix-override-${row.code}`} title={override}>
          {OVERRIDE_GLYPH}
        </span>
      )}
      <span className="mx-cons__count">{t('standing.reported', { reported: c.reported, expected: c.expected })}</span>
    </div>
  );
}

interface PeriodRowProps {
  row: PeriodMatrixRow;
  index: number;
  periods: readonly ReportingPeriod[];
  selectedPeriodId: number | null;
  ctx: RowContext;
  activeCol: number;
  activeId: string;
}

/** An action plan × the plan's years (the consolidated level of each). */
export const PeriodRow = memo(function PeriodRow({ row, index, periods, selectedPeriodId, ctx, activeCol, activeId }: PeriodRowProps) {
  const { t, labels } = ctx;
  return (
    <div className="mx-row mx-row--action" role="row" aria-rowindex={index + 2} data-index={index} data-testid={`matrix-row-${row.code}`} style={rowStyle(index)}>
      <RowHead id={row.actionPlanId} code={row.code} textEn={row.textEn} ctx={ctx} active={activeCol === 0} activeId={activeId} />
      {periods.map((p, i) => {
        const col = i + 1;
        const active = col === activeCol;
        const key = String(p.id);
        const level = levelKey(row.levels[key]);
        const delayed = row.delayed[key] === true;
        const parts = [t('standing.cell.period', { year: p.year, level: labels.level[level] })];
        if (delayed) parts.push(t('standing.cell.delayed'));
        const description = parts.join(', ');
        const selected = p.id === selectedPeriodId ? ' is-selected' : '';
        return (
          <div
            key={p.id}
            className={`mx-cell mx-cell--open lv--${level}${selected}${active ? ' is-active' : ''}`}
            role="gridcell"
            aria-colindex={col + 1}
            data-col={col}
            data-testid={`pmatrix-cell-${row.code}-${p.year}`}
            data-level={level}
            data-delayed={delayed ? 'true' : undefined}
            id={active ? activeId : undefined}
            aria-label={cellLabel(ctx, row.actionPlanId, row.code, row.textEn, description)}
            title={`${row.code} · ${description}\n${t('standing.cell.openPeriod', { year: p.year })}`}
          >
            <LevelGlyph level={level} />
            {delayed && (
              <span className="mx-delay" aria-hidden="true">
                {DELAY_GLYPH}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
});

/** The header cell of the action plans' column. */
export function ActionColumnHeader({ t }: { t: Translate }) {
  return (
    <div className="mx-colhead mx-colhead--action" role="columnheader" aria-colindex={1} data-col={0}>
      {t('standing.col.actionPlan')}
    </div>
  );
}

/** A body's column header: its code, its report's status glyph; name and status in the title. */
interface BodyHeaderProps {
  code: string;
  col: number;
  name: string;
  status: ReportStatus | undefined;
  labels: LevelLabels;
  t: Translate;
}

export function BodyColumnHeader({ code, col, name, status, labels, t }: BodyHeaderProps) {
  const statusText = status ? t('standing.col.status', { status: labels.status[status] }) : '';
  return (
    <div
      className="mx-colhead"
      role="columnheader"
      aria-colindex={col + 1}
      data-testid={`matrix-col-${code}`}
      data-status={status}
      title={[`${code} ${name}`, statusText].filter(Boolean).join('\n')}
      aria-label={[`${code} ${name}`, statusText].filter(Boolean).join(', ')}
    >
      <span className="mx-colhead__code">{code}</span>
      {status && (
        <span className={`mx-colhead__status sd-status--${status}`} aria-hidden="true">
          {STATUS_GLYPH[status]}
        </span>
      )}
    </div>
  );
}

export function ConsolidatedColumnHeader({ t, col }: { t: Translate; col: number }) {
  return (
    <div className="mx-colhead mx-colhead--cons" role="columnheader" aria-colindex={col + 1} title={t('standing.col.consolidatedTitle')}>
      {t('standing.col.consolidated')}
    </div>
  );
}

export function PeriodColumnHeader({ period, col, selected, t }: { period: ReportingPeriod; col: number; selected: boolean; t: Translate }) {
  return (
    <div
      className={selected ? 'mx-colhead is-selected' : 'mx-colhead'}
      role="columnheader"
      aria-colindex={col + 1}
      data-testid={`pmatrix-col-${period.year}`}
      aria-current={selected ? 'date' : undefined}
      title={selected ? `${period.label} — ${t('standing.col.selectedPeriod')}` : period.label}
    >
      <span className="mx-colhead__code">{period.year}</span>
    </div>
  );
}
