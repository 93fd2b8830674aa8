/**
 * The matrices of where the plan stands: action plans × implementing bodies
 * for the period the Progress view shows (a click on a body's cell opens its
 * entry), or action plans × the plan's years. Filters above; the grid is
 * virtual so that the 100× plan (5,000 action plans) stays fast.
 *
 * Instrumentation for the benchmark, on the matrix-view element: data-rows
 * (action plans after filtering), data-render-ms (from the data's arrival to
 * the commit of its rows) and data-filter-ms (from a filter's input event to
 * the commit of the filtered rows).
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PlanOutline, ReportingPeriod } from '../../../../contract/domain';
import type { MatrixRow, PeriodMatrixRow, ReportStatus } from '../../../../contract/progress';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLanguage, useT, type Translate } from '../../i18n';
import {
  bodyStatuses,
  filterBodyRows,
  filterPeriodRows,
  groupRows,
  hasFilters,
  isLevelKey,
  isStatus,
  LEVEL_KEYS,
  outlineLookup,
  STATUSES,
  type MatrixFilters,
  type MatrixItem,
  type MatrixMode,
  type OutlineLookup,
} from '../../model/matrix';
import { bodyName } from '../../model/outline';
import { useNavigationStore } from '../../stores/navigation';
import { useBodyMatrix, usePeriodMatrix, useStandingStore } from '../../stores/standing';
import type { QueryStatus } from '../../stores/query';
import { Legend, levelLabels } from './levels';
import {
  ActionColumnHeader,
  BodyColumnHeader,
  BODY_SLOT,
  BodyRow,
  ConsolidatedColumnHeader,
  PeriodColumnHeader,
  PeriodRow,
  type RowContext,
} from './MatrixRows';
import { useStandingPeriod } from './usePeriod';
import { VirtualGrid } from './VirtualGrid';

const TEXT_MIN = 300;
/** Years get wider columns when there are few of them (the real plan has 3). */
const periodColumn = (count: number) => (count > 6 ? 64 : 96);
/** With few columns the action plan's text need not push them to the far right. */
const TEXT_MAX = 760;
/** Room for the longest level name ("No evidence available"), the override mark and "10/10". */
const CONS_COL = 236;
/** The first filter: where the focus goes when the filters are cleared (their button disappears). */
const AREA_FILTER_ID = 'matrix-filter-area';
const NO_BODY_ROWS: readonly MatrixRow[] = [];
const NO_PERIOD_ROWS: readonly PeriodMatrixRow[] = [];

function clearAndFocus(clearFilters: (at?: number) => void, at: number) {
  clearFilters(at);
  document.getElementById(AREA_FILTER_ID)?.focus();
}

function combine(...states: QueryStatus[]): QueryStatus {
  if (states.includes('error')) return 'error';
  return states.includes('loading') ? 'loading' : 'ready';
}

export function MatrixView() {
  const t = useT();
  const language = useLanguage();
  const { outline, planId, periodId, period } = useStandingPeriod();
  const mode = useStandingStore((s) => s.mode);
  const filters = useStandingStore((s) => s.filters);
  const filterChangedAt = useStandingStore((s) => s.filterChangedAt);
  const setMode = useStandingStore((s) => s.setMode);
  const clearFilters = useStandingStore((s) => s.clearFilters);
  const open = useNavigationStore((s) => s.open);
  const setPeriod = useNavigationStore((s) => s.setPeriod);

  const bodyQuery = useBodyMatrix(periodId);
  const periodQuery = usePeriodMatrix(mode === 'periods' ? planId : null);
  const bodyState = bodyQuery.status;
  const periodState = mode === 'periods' ? periodQuery.status : 'ready';
  const state: QueryStatus = outline ? combine(bodyState, periodState) : combine(bodyState, 'loading');
  const error = bodyState === 'error' ? bodyQuery.error : periodState === 'error' ? periodQuery.error : null;
  /** Again what is shown, after a failed load. */
  const reload = () => {
    bodyQuery.retry();
    if (mode === 'periods') periodQuery.retry();
  };

  const lookup = useMemo(() => outlineLookup(outline), [outline]);
  const labels = useMemo(() => levelLabels(t), [t]);
  const bodyNames = useMemo(() => new Map((outline?.bodies ?? []).map((b) => [b.code, bodyName(language, b)])), [outline, language]);
  const ctx = useMemo<RowContext>(() => ({ t, language, labels, bodyNames, textKo: lookup.actionTextKo }), [t, language, labels, bodyNames, lookup]);

  const bodyRows = bodyQuery.data ? bodyQuery.data.rows : NO_BODY_ROWS;
  const periodRows = mode === 'periods' && periodQuery.data ? periodQuery.data : NO_PERIOD_ROWS;
  const statuses = useMemo(() => bodyStatuses(bodyRows), [bodyRows]);
  const bodyRowById = useMemo(
    () => (mode === 'periods' ? new Map(bodyRows.map((r) => [r.actionPlanId, r])) : null),
    [mode, bodyRows],
  );
  const filteredBodyRows = useMemo(() => (mode === 'bodies' ? filterBodyRows(bodyRows, filters) : NO_BODY_ROWS), [mode, bodyRows, filters]);
  const filteredPeriodRows = useMemo(
    () => (mode === 'periods' ? filterPeriodRows(periodRows, filters, { periodId, bodyRows: bodyRowById }) : NO_PERIOD_ROWS),
    [mode, periodRows, filters, periodId, bodyRowById],
  );
  const bodyItems = useMemo(() => groupRows(filteredBodyRows), [filteredBodyRows]);
  const periodItems = useMemo(() => groupRows(filteredPeriodRows), [filteredPeriodRows]);
  const total = mode === 'bodies' ? bodyRows.length : periodRows.length;
  const shown = mode === 'bodies' ? filteredBodyRows.length : filteredPeriodRows.length;

  // The benchmark's clock: data arrival → commit, filter input → commit.
  const section = useRef<HTMLElement>(null);
  const measured = useRef({ receivedAt: 0, filterAt: 0 });
  // Data at hand: when the answer arrived, or when the view opened on an answer already in the cache.
  const [openedAt] = useState(() => performance.now());
  const receivedAt = Math.max(openedAt, mode === 'bodies' ? bodyQuery.receivedAt : Math.max(bodyQuery.receivedAt, periodQuery.receivedAt));
  useLayoutEffect(() => {
    const el = section.current;
    if (!el || state !== 'ready') return;
    const now = performance.now();
    if (receivedAt > 0 && measured.current.receivedAt !== receivedAt) {
      measured.current.receivedAt = receivedAt;
      el.setAttribute('data-render-ms', (now - receivedAt).toFixed(1));
    }
    if (filterChangedAt !== null && measured.current.filterAt !== filterChangedAt) {
      measured.current.filterAt = filterChangedAt;
      el.setAttribute('data-filter-ms', (now - filterChangedAt).toFixed(1));
    }
  });

  const year = period?.year ?? '';
  let content: ReactNode = null;
  if (state === 'ready' && outline) {
    if (shown === 0) {
      content = (
        // Not a status region of its own: the mounted count (matrix-count, aria-live) says that nothing is shown.
        <div className="empty-state matrix-empty" data-testid="matrix-empty">
          <p className="empty-state__title">{t('standing.empty')}</p>
          <p className="hint">{t('standing.emptyHint')}</p>
          {hasFilters(filters) && (
            <button type="button" className="button" onClick={(e) => clearAndFocus(clearFilters, e.timeStamp)}>
              {t('standing.filter.clear')}
            </button>
          )}
        </div>
      );
    } else if (mode === 'bodies') {
      content = (
        <BodyMatrixGrid
          outline={outline}
          items={bodyItems}
          filters={filters}
          statuses={statuses}
          ctx={ctx}
          lookup={lookup}
          year={year}
          onOpen={(actionPlanId, bodyCode) => periodId !== null && open({ actionPlanId, bodyCode, periodId })}
        />
      );
    } else {
      content = (
        <PeriodMatrixGrid
          periods={outline.periods}
          items={periodItems}
          filters={filters}
          selectedPeriodId={periodId}
          ctx={ctx}
          lookup={lookup}
          onSelectPeriod={(p) => {
            setPeriod(p.id);
            setMode('bodies');
          }}
        />
      );
    }
  } else if (state === 'loading') {
    content = <p className="view-message">{outline && outline.periods.length === 0 ? t('standing.noPeriod') : t('standing.loading')}</p>;
  }

  return (
    <section
      ref={section}
      className="matrix-view"
      data-testid="matrix-view"
      data-state={state}
      data-mode={mode}
      data-rows={state === 'ready' ? shown : undefined}
      aria-label={t('standing.matrix')}
      aria-busy={state === 'loading'}
    >
      {outline && (
        <MatrixToolbar outline={outline} mode={mode} filters={filters} shown={shown} total={total} year={year} ready={state === 'ready'} t={t} />
      )}
      {error && <ErrorBanner error={error} onRetry={reload} />}
      {content}
    </section>
  );
}

interface BodyGridProps {
  outline: PlanOutline;
  items: readonly MatrixItem<MatrixRow>[];
  filters: MatrixFilters;
  statuses: ReadonlyMap<string, ReportStatus>;
  ctx: RowContext;
  lookup: OutlineLookup;
  year: number | string;
  onOpen(actionPlanId: number, bodyCode: string): void;
}

function BodyMatrixGrid({ outline, items, filters, statuses, ctx, lookup, year, onOpen }: BodyGridProps) {
  const { t } = ctx;
  const columns = useMemo(
    () => (filters.bodyCode !== '' ? [filters.bodyCode] : outline.bodies.map((b) => b.code)),
    [filters.bodyCode, outline.bodies],
  );
  const renderRow = useCallback(
    (row: MatrixRow, index: number, activeCol: number, activeId: string) => (
      <BodyRow key={row.actionPlanId} row={row} index={index} columns={columns} ctx={ctx} activeCol={activeCol} activeId={activeId} />
    ),
    [columns, ctx],
  );
  const bodyOf = (row: MatrixRow, col: number): string | null => {
    const code = col >= 1 && col <= columns.length ? columns[col - 1] : undefined;
    return code !== undefined && row.cells[code] ? code : null;
  };
  const header = (
    <>
      <ActionColumnHeader t={t} />
      <div className="mx-slots mx-slots--head">
        {columns.map((code, i) => (
          <BodyColumnHeader key={code} code={code} col={i + 1} name={ctx.bodyNames.get(code) ?? code} status={statuses.get(code)} labels={ctx.labels} t={t} />
        ))}
      </div>
      <ConsolidatedColumnHeader t={t} col={columns.length + 1} />
    </>
  );
  return (
    <VirtualGrid<MatrixRow>
      items={items}
      columnCount={columns.length + 1}
      template={`minmax(${TEXT_MIN}px, 1fr) ${columns.length * BODY_SLOT}px ${CONS_COL}px`}
      minWidth={TEXT_MIN + columns.length * BODY_SLOT + CONS_COL}
      label={t('standing.grid.bodiesLabel', { year })}
      hint={t('standing.grid.bodiesHint')}
      header={header}
      resetKey={filters}
      memoryKey={`bodies:${year}`}
      lookup={lookup}
      language={ctx.language}
      t={t}
      renderRow={renderRow}
      canActivate={(row, col) => bodyOf(row, col) !== null}
      onActivate={(row, col) => {
        const code = bodyOf(row, col);
        if (code !== null) onOpen(row.actionPlanId, code);
      }}
    />
  );
}

interface PeriodGridProps {
  periods: readonly ReportingPeriod[];
  items: readonly MatrixItem<PeriodMatrixRow>[];
  filters: MatrixFilters;
  selectedPeriodId: number | null;
  ctx: RowContext;
  lookup: OutlineLookup;
  onSelectPeriod(period: ReportingPeriod): void;
}

function PeriodMatrixGrid({ periods, items, filters, selectedPeriodId, ctx, lookup, onSelectPeriod }: PeriodGridProps) {
  const { t } = ctx;
  const renderRow = useCallback(
    (row: PeriodMatrixRow, index: number, activeCol: number, activeId: string) => (
      <PeriodRow
        key={row.actionPlanId}
        row={row}
        index={index}
        periods={periods}
        selectedPeriodId={selectedPeriodId}
        ctx={ctx}
        activeCol={activeCol}
        activeId={activeId}
      />
    ),
    [periods, selectedPeriodId, ctx],
  );
  const header = (
    <>
      <ActionColumnHeader t={t} />
      {periods.map((p, i) => (
        <PeriodColumnHeader key={p.id} period={p} col={i + 1} selected={p.id === selectedPeriodId} t={t} />
      ))}
    </>
  );
  return (
    <VirtualGrid<PeriodMatrixRow>
      items={items}
      columnCount={periods.length}
      template={`minmax(${TEXT_MIN}px, ${periods.length > 6 ? '1fr' : `${TEXT_MAX}px`}) repeat(${periods.length}, ${periodColumn(periods.length)}px)`}
      minWidth={TEXT_MIN + periods.length * periodColumn(periods.length)}
      label={t('standing.grid.periodsLabel')}
      hint={t('standing.grid.periodsHint')}
      header={header}
      resetKey={filters}
      memoryKey="periods"
      lookup={lookup}
      language={ctx.language}
      t={t}
      renderRow={renderRow}
      canActivate={(_row, col) => col >= 1 && col <= periods.length}
      onActivate={(_row, col) => {
        const p = periods[col - 1];
        if (p) onSelectPeriod(p);
      }}
    />
  );
}

interface ToolbarProps {
  outline: PlanOutline;
  mode: MatrixMode;
  filters: MatrixFilters;
  shown: number;
  total: number;
  year: number | string;
  ready: boolean;
  t: Translate;
}

function MatrixToolbar({ outline, mode, filters, shown, total, year, ready, t }: ToolbarProps) {
  const language = useLanguage();
  const setMode = useStandingStore((s) => s.setMode);
  const setFilters = useStandingStore((s) => s.setFilters);
  const clearFilters = useStandingStore((s) => s.clearFilters);
  const modes: { mode: MatrixMode; label: string; title: string }[] = [
    { mode: 'bodies', label: t('standing.mode.bodies'), title: t('standing.mode.bodiesTitle', { year }) },
    { mode: 'periods', label: t('standing.mode.periods'), title: t('standing.mode.periodsTitle') },
  ];
  return (
    <div className="matrix-toolbar">
      <div className="matrix-toolbar__row" role="search" aria-label={t('standing.filter.label')}>
        <div className="sd-segmented" role="group" aria-label={t('standing.mode.label')}>
          {modes.map((m) => (
            <button
              key={m.mode}
              type="button"
              className="sd-segmented__button"
              data-testid={`matrix-mode-${m.mode}`}
              aria-pressed={mode === m.mode}
              title={m.title}
              onClick={() => setMode(m.mode)}
            >
              {m.label}
            </button>
          ))}
        </div>
        <label className="field">
          <span className="field__label">{t('standing.filter.area')}</span>
          <select
            id={AREA_FILTER_ID}
            className="input"
            data-testid="filter-area"
            value={filters.areaSeq ?? ''}
            onChange={(e) => setFilters({ areaSeq: e.target.value === '' ? null : Number(e.target.value) }, e.timeStamp)}
          >
            <option value="">{t('standing.filter.allAreas')}</option>
            {outline.areas.map((a) => (
              <option key={a.seq} value={a.seq}>
                {t('standing.filter.areaOption', { seq: a.seq, name: language === 'ko' ? a.nameKo : a.nameEn })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('standing.filter.body')}</span>
          <select className="input" data-testid="filter-body" value={filters.bodyCode} onChange={(e) => setFilters({ bodyCode: e.target.value }, e.timeStamp)}>
            <option value="">{t('standing.filter.allBodies')}</option>
            {outline.bodies.map((b) => (
              <option key={b.code} value={b.code}>
                {`${b.code} ${bodyName(language, b)}`}
              </option>
            ))}
          </select>
        </label>
        <ChoiceFilter
          label={t('standing.filter.level')}
          title={t('standing.filter.levelTitle', { year })}
          testId="filter-level"
          value={filters.level}
          all={t('standing.filter.allLevels')}
          choices={LEVEL_KEYS}
          choiceLabel={(level) => t(`standing.level.${level}`)}
          isChoice={isLevelKey}
          onChange={(level, at) => setFilters({ level }, at)}
        />
        <ChoiceFilter
          label={t('standing.filter.status')}
          testId="filter-status"
          value={filters.status}
          all={t('standing.filter.allStatuses')}
          choices={STATUSES}
          choiceLabel={(status) => t(`standing.status.${status}`)}
          isChoice={isStatus}
          onChange={(status, at) => setFilters({ status }, at)}
        />
        <label className="sd-check">
          <input type="checkbox" data-testid="filter-delayed" checked={filters.delayed} onChange={(e) => setFilters({ delayed: e.target.checked }, e.timeStamp)} />
          <span>{t('standing.filter.delayed')}</span>
        </label>
        <div className="matrix-toolbar__end">
          <p className="matrix-toolbar__count" data-testid="matrix-count" aria-live="polite">
            {ready ? t('standing.count', { shown, count: total }) : ''}
          </p>
          {hasFilters(filters) && (
            <button type="button" className="button button--quiet" data-testid="filter-clear" onClick={(e) => clearAndFocus(clearFilters, e.timeStamp)}>
              {t('standing.filter.clear')}
            </button>
          )}
        </div>
      </div>
      <Legend t={t} testId="matrix-legend" markers={mode === 'bodies' ? 'all' : 'delayed'} />
    </div>
  );
}

interface ChoiceFilterProps<C extends string> {
  label: string;
  title?: string;
  testId: string;
  /** '' is "all". */
  value: C | '';
  all: string;
  choices: readonly C[];
  choiceLabel(choice: C): string;
  isChoice(value: string): value is C;
  /** With the time of the input event. */
  onChange(value: C | '', at: number): void;
}

/** A filter that is one of a fixed list of choices (level, status), or all of them. */
function ChoiceFilter<C extends string>({ label, title, testId, value, all, choices, choiceLabel, isChoice, onChange }: ChoiceFilterProps<C>) {
  return (
    <label className="field" title={title}>
      <span className="field__label">{label}</span>
      <select className="input" data-testid={testId} value={value} onChange={(e) => onChange(isChoice(e.target.value) ? e.target.value : '', e.timeStamp)}>
        <option value="">{all}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choiceLabel(choice)}
          </option>
        ))}
      </select>
    </label>
  );
}

