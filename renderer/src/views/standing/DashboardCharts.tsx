/**
 * The dashboard's charts, drawn as inline SVG (no chart library): 100 %
 * stacked bars by level, report tiles with a progress bar, bullet charts of
 * indicators. Colours come from classes in standing.css; every chart also
 * has a text summary (aria-label) and every mark a tooltip with its numbers.
 */
import { useId, useState, type CSSProperties, type ReactNode } from 'react';
import type { Dashboard } from '../../../../contract/progress';
import type { Language } from '../../../../contract/domain';
import { formatNumber, formatPercent } from '../../format';
import { useLanguage, type Translate } from '../../i18n';
import { bulletMax, LEVEL_KEYS, percentOf, stackSegments } from '../../model/matrix';
import { Legend, LevelGlyph, LevelSwatch, STATUS_GLYPH, type LevelLabels } from './levels';

const WIDTH = 520;

interface CardProps {
  testId: string;
  title: string;
  description: string;
  /** The content, or a function of the heading's id (for a table the heading names). */
  children: ReactNode | ((headingId: string) => ReactNode);
  wide?: boolean;
}

export function ChartCard({ testId, title, description, children, wide = false }: CardProps) {
  const headingId = useId();
  return (
    <section className={wide ? 'dash-card dash-card--wide' : 'dash-card'} data-testid={testId} aria-labelledby={headingId}>
      <h3 className="dash-card__title" id={headingId}>
        {title}
      </h3>
      <p className="dash-card__desc">{description}</p>
      {typeof children === 'function' ? children(headingId) : children}
    </section>
  );
}

export interface StackRow {
  key: string;
  testId: string;
  label: string;
  secondary: string;
  /** The full name, as the labels' tooltip. */
  title: string;
  labelLang: Language;
  secondaryLang: Language;
  counts: Readonly<Record<string, number>>;
  total: number;
  /** Text at the end of the row (e.g. the number delayed), with its tooltip. */
  extra?: { text: string; title: string; emphasis: boolean };
  /** How many are delayed, a column of the table view (bodies only). */
  delayed?: number;
}

interface StackedBarsProps {
  rows: readonly StackRow[];
  labels: LevelLabels;
  t: Translate;
}

/**
 * One 100 % stacked bar per row, by level (not reported included). Built of
 * HTML, not SVG: the names beside the bars wrap at word boundaries instead
 * of being cut, and keep the interface's font size whatever the card's
 * width. A segment too narrow for its glyph and count drops them (a
 * container query in standing.css); its pattern (one per level, in the
 * legend too) still tells its level without colour, and its tooltip, the
 * chart's text summary and the table view (LevelChart) give the numbers.
 */
export function StackedBars({ rows, labels, t }: StackedBarsProps) {
  const language = useLanguage();
  const summary = rows
    .map((r) =>
      t('standing.dash.summaryRow', {
        name: r.title,
        parts: [
          ...LEVEL_KEYS.filter((l) => (r.counts[l] ?? 0) > 0).map((l) => t('standing.dash.summaryPart', { level: labels.level[l], count: r.counts[l] ?? 0 })),
          r.extra?.text ?? '',
        ]
          .filter(Boolean)
          .join(', '),
      }),
    )
    .join('; ');
  return (
    <div className="stack-chart" role="img" aria-label={summary}>
      {rows.map((r) => {
        const segments = stackSegments(r.counts, 100);
        return (
          <div key={r.key} className="stack-row" data-testid={r.testId} data-total={r.total}>
            <div className="stack-row__label" title={r.title}>
              <span className="stack-row__name" lang={r.labelLang}>
                {r.label}
              </span>
              <span className="stack-row__sub" lang={r.secondaryLang}>
                {r.secondary}
              </span>
            </div>
            <div className="stack-bar">
              {segments.length === 0 && <span className="stack-seg stack-seg--empty lv--none" />}
              {segments.map((s) => (
                <span
                  key={s.level}
                  className={`stack-seg lv-pattern lv--${s.level}`}
                  data-level={s.level}
                  data-count={s.count}
                  style={segmentStyle(s.width)}
                  title={t('standing.dash.segment', { name: r.title, level: labels.level[s.level], count: s.count, percent: formatPercent(language, s.percent, 0) })}
                >
                  <span className="stack-seg__content" aria-hidden="true">
                    {s.level !== 'none' && <LevelGlyph level={s.level} />}
                    <span className="stack-seg__count">{formatNumber(language, s.count)}</span>
                  </span>
                </span>
              ))}
            </div>
            <span
              className={r.extra?.emphasis ? 'stack-row__extra stack-row__extra--em' : 'stack-row__extra'}
              title={r.extra ? r.extra.title : undefined}
            >
              {r.extra ? r.extra.text : formatNumber(language, r.total)}
            </span>
          </div>
        );
      })}
    </div>
  );
}

/** A segment's share of its bar (a dynamic value, hence a style). */
function segmentStyle(percent: number): CSSProperties {
  return { width: `${percent}%` };
}

export function StackLegend({ t, testId }: { t: Translate; testId: string }) {
  return <Legend t={t} testId={testId} patterned />;
}

interface LevelTableProps {
  rows: readonly StackRow[];
  labels: LevelLabels;
  t: Translate;
  testId: string;
  /** The heading of the first column (area, body). */
  nameHeader: string;
  /** The chart's heading, the table's name. */
  labelledBy: string;
}

/** The bars' numbers as a table: a row per area or body, a column per level (with its glyph), the total. */
export function LevelTable({ rows, labels, t, testId, nameHeader, labelledBy }: LevelTableProps) {
  const language = useLanguage();
  const delayedColumn = rows.some((r) => r.delayed !== undefined);
  return (
    // Scrolls sideways when the card is narrow: a named tab stop lets a keyboard user scroll it (WCAG 2.1.1).
    <div className="level-table-wrap" role="region" tabIndex={0} aria-labelledby={labelledBy}>
      <table className="level-table" data-testid={testId} aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            {LEVEL_KEYS.map((level) => (
              <th key={level} scope="col" data-level={level}>
                <span className="level-table__level">
                  <LevelSwatch level={level} patterned />
                  {labels.level[level]}
                </span>
              </th>
            ))}
            <th scope="col">{t('standing.dash.tableTotal')}</th>
            {delayedColumn && <th scope="col">{t('standing.dash.tableDelayed')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`${r.testId}-row`}>
              <th scope="row" title={r.title}>
                <span lang={r.labelLang}>{r.label}</span>{' '}
                <span className="level-table__sub" lang={r.secondaryLang}>
                  {r.secondary}
                </span>
              </th>
              {LEVEL_KEYS.map((level) => (
                <td key={level} data-level={level} data-count={r.counts[level] ?? 0}>
                  {formatNumber(language, r.counts[level] ?? 0)}
                </td>
              ))}
              <td data-total={r.total}>{formatNumber(language, r.total)}</td>
              {delayedColumn && <td>{formatNumber(language, r.delayed ?? 0)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface LevelChartProps {
  rows: readonly StackRow[];
  labels: LevelLabels;
  t: Translate;
  /** The card's test id: the toggle, legend and table are named after it. */
  testId: string;
  nameHeader: string;
  labelledBy: string;
}

/**
 * The stacked bars of a card with a switch to a table of their numbers
 * (WCAG 1.4.1: every level told apart without colour, a narrow segment
 * included). The switch is a toggle button, pressed while the table shows.
 */
export function LevelChart({ rows, labels, t, testId, nameHeader, labelledBy }: LevelChartProps) {
  const [asTable, setAsTable] = useState(false);
  return (
    <>
      <div className="level-chart__tools">
        <button
          type="button"
          className="button button--quiet level-chart__toggle"
          data-testid={`${testId}-table-toggle`}
          aria-pressed={asTable}
          title={t('standing.dash.showTableTitle')}
          onClick={() => setAsTable((v) => !v)}
        >
          <span className="level-chart__box" aria-hidden="true">
            {asTable ? '✓' : ''}
          </span>
          {t('standing.dash.showTable')}
        </button>
      </div>
      {asTable ? (
        <LevelTable rows={rows} labels={labels} t={t} testId={`${testId}-table`} nameHeader={nameHeader} labelledBy={labelledBy} />
      ) : (
        <>
          <StackedBars rows={rows} labels={labels} t={t} />
          <StackLegend t={t} testId={`${testId}-legend`} />
        </>
      )}
    </>
  );
}


/** A small horizontal progress bar (filled of required). */
function ProgressBar({ filled, required, title }: { filled: number; required: number; title: string }) {
  const share = required > 0 ? Math.min(1, filled / required) : 0;
  return (
    <svg className="sd-chart dash-progress" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
      <rect className="dash-progress__track" x={0} y={0} width={100} height={8} rx={2} />
      <rect className="dash-progress__fill" x={0} y={0} width={share * 100} height={8} rx={2} />
      <title>{title}</title>
    </svg>
  );
}

interface SubmissionsProps {
  submissions: Dashboard['submissions'];
  bodyNames: ReadonlyMap<string, string>;
  labels: LevelLabels;
  t: Translate;
}

/** Each body's report: status (glyph, label, colour) and how many entries are complete. */
export function SubmissionTiles({ submissions, bodyNames, labels, t }: SubmissionsProps) {
  const language = useLanguage();
  return (
    <ul className="dash-submissions">
      {submissions.map((s) => {
        const name = bodyNames.get(s.bodyCode) ?? s.bodyCode;
        const filled = formatNumber(language, s.filled);
        const required = formatNumber(language, s.required);
        const filledTitle = t('standing.dash.filledTitle', { filled, count: s.required });
        const summary = t('standing.dash.submissionSummary', { body: `${s.bodyCode} ${name}`, status: labels.status[s.status], filled, required });
        return (
          <li
            key={s.bodyCode}
            className={`dash-submission dash-submission--${s.status}`}
            data-testid={`submission-${s.bodyCode}`}
            data-status={s.status}
            data-filled={s.filled}
            data-required={s.required}
            aria-label={summary}
            title={summary}
          >
            <div className="dash-submission__head">
              <span className="dash-submission__code">{s.bodyCode}</span>
              <span className={`dash-submission__status sd-status--${s.status}`}>
                <span aria-hidden="true">{STATUS_GLYPH[s.status]}</span> {labels.status[s.status]}
              </span>
            </div>
            <span className="dash-submission__name">{name}</span>
            <div className="dash-submission__progress">
              <ProgressBar filled={s.filled} required={s.required} title={filledTitle} />
              <span className="dash-submission__count">{t('standing.dash.filled', { filled, required })}</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

type Indicator = Dashboard['indicators'][number];

const ONE_DECIMAL: Intl.NumberFormatOptions = { maximumFractionDigits: 1 };


/** A value of an indicator as people read it: with its unit, as a percentage, or yes/no. */
function formatValue(ind: Indicator, value: number | null, language: Language, t: Translate, actual = false): string {
  if (value === null) return t('standing.dash.noValue');
  if (ind.kind === 'yes_no') {
    if (actual) return t('standing.dash.yesShare', { value: formatPercent(language, value) });
    return value >= 1 ? t('standing.dash.yes') : t('standing.dash.no');
  }
  if (ind.kind === 'percent') return formatPercent(language, value);
  return ind.unit ? `${formatNumber(language, value, ONE_DECIMAL)} ${ind.unit}` : formatNumber(language, value, ONE_DECIMAL);
}

interface IndicatorsProps {
  indicators: Dashboard['indicators'];
  language: Language;
  t: Translate;
}

const BULLET_H = 26;

/** A bullet chart per indicator: the range to the baseline, the actual as a bar, the target as a line. */
export function IndicatorBullets({ indicators, language, t }: IndicatorsProps) {
  if (indicators.length === 0) return <p className="hint">{t('standing.dash.noIndicators')}</p>;
  return (
    <ul className="dash-bullets">
      {indicators.map((ind) => {
        // Yes/no: baseline and target are 0 or 1, the actual is the share of "yes" in %.
        const scale = ind.kind === 'yes_no' ? 100 : 1;
        const baseline = ind.baseline === null ? null : ind.baseline * scale;
        const target = ind.target === null ? null : ind.target * scale;
        const actual = ind.actual;
        const max = bulletMax([baseline, target, actual], ind.kind !== 'number');
        const x = (v: number) => (Math.max(0, Math.min(v, max)) / max) * WIDTH;
        const name = language === 'ko' ? ind.nameKo : ind.nameEn;
        const other = language === 'ko' ? ind.nameEn : ind.nameKo;
        const values = {
          baseline: formatValue(ind, ind.baseline, language, t),
          target: formatValue(ind, ind.target, language, t),
          actual: actual === null ? t('standing.dash.notReported') : formatValue(ind, actual, language, t, true),
        };
        const summary = t('standing.dash.indicatorSummary', { name, ...values });
        return (
          <li key={ind.indicatorId} className="dash-bullet" data-testid={`indicator-row-${ind.indicatorId}`} data-actual={actual ?? 'null'}>
            <p className="dash-bullet__name" title={other}>
              <span className="code">{ind.actionPlanCode}</span> {name}
              {ind.unit && ind.kind === 'number' && <span className="secondary"> ({ind.unit})</span>}
            </p>
            <svg className="sd-chart dash-bullet__chart" viewBox={`0 0 ${WIDTH} ${BULLET_H}`} role="img" aria-label={summary}>
              <rect className="dash-bullet__range" x={0} y={2} width={WIDTH} height={BULLET_H - 4} />
              {baseline !== null && (
                <rect className="dash-bullet__baseline" x={0} y={2} width={x(baseline)} height={BULLET_H - 4}>
                  <title>{`${t('standing.dash.baseline')}: ${values.baseline}`}</title>
                </rect>
              )}
              {actual !== null ? (
                <rect className="dash-bullet__actual" x={0} y={BULLET_H / 2 - 5} width={Math.max(2, x(actual))} height={10}>
                  <title>{`${t('standing.dash.actual')}: ${values.actual} (${t('standing.dash.reportedBodies', { count: ind.reported })})`}</title>
                </rect>
              ) : (
                <text className="dash-bullet__missing" x={8} y={BULLET_H / 2 + 4}>
                  {t('standing.dash.notReported')}
                </text>
              )}
              {target !== null && (
                <rect className="dash-bullet__target" x={Math.min(WIDTH - 3, x(target))} y={0} width={3} height={BULLET_H}>
                  <title>{`${t('standing.dash.target')}: ${values.target}`}</title>
                </rect>
              )}
            </svg>
            <p className="dash-bullet__values">
              <span>
                <span className="dash-bullet__key dash-bullet__key--baseline" aria-hidden="true" /> {t('standing.dash.baseline')} {values.baseline}
              </span>
              <span>
                <span className="dash-bullet__key dash-bullet__key--target" aria-hidden="true" /> {t('standing.dash.target')} {values.target}
              </span>
              <span className={actual === null ? 'dash-bullet__none' : undefined}>
                <span className="dash-bullet__key dash-bullet__key--actual" aria-hidden="true" /> {t('standing.dash.actual')} {values.actual}
                {actual !== null && <span className="secondary"> · {t('standing.dash.reportedBodies', { count: ind.reported })}</span>}
              </span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A thin 100 % bar of a distribution (for a headline number), drawn as the
 * level charts are: each segment with its level's pattern over its colour.
 */
export function MiniStack({ counts, labels, t }: { counts: Readonly<Record<string, number>>; labels: LevelLabels; t: Translate }) {
  const language = useLanguage();
  const segments = stackSegments(counts, 100);
  const total = segments.reduce((n, x) => n + x.count, 0);
  return (
    <div className="dash-mini-stack" aria-hidden="true" title={t('standing.dash.kpiProgress')}>
      {segments.map((s) => (
        <span
          key={s.level}
          className={`dash-mini-seg lv-pattern lv--${s.level}`}
          data-level={s.level}
          style={segmentStyle(s.width)}
          title={`${labels.level[s.level]}: ${formatNumber(language, s.count)} (${formatPercent(language, percentOf(s.count, total))})`}
        />
      ))}
      {segments.length === 0 && <span className="dash-mini-seg lv--none" style={segmentStyle(100)} />}
    </div>
  );
}
