/**
 * The dashboard of a period: headline numbers, the levels by area and by
 * body, each body's report, and the indicators against their targets.
 */
import { useMemo } from 'react';
import type { Dashboard } from '../../../../contract/progress';
import type { PlanOutline } from '../../../../contract/domain';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatNumber, formatPercent } from '../../format';
import { useLanguage, useT, type Translate } from '../../i18n';
import { LEVEL_KEYS, percentOf } from '../../model/matrix';
import { bodyName } from '../../model/outline';
import { useDashboard } from '../../stores/standing';
import { ChartCard, IndicatorBullets, LevelChart, MiniStack, SubmissionTiles, type StackRow } from './DashboardCharts';
import { levelLabels, type LevelLabels } from './levels';
import { useStandingPeriod } from './usePeriod';

export function DashboardView() {
  const t = useT();
  const language = useLanguage();
  const { outline, periodId, period } = useStandingPeriod();
  const query = useDashboard(periodId);
  const state = outline ? query.status : 'loading';
  const data = query.data;
  const labels = useMemo(() => levelLabels(t), [t]);
  const bodyNames = useMemo(() => new Map((outline?.bodies ?? []).map((b) => [b.code, bodyName(language, b)])), [outline, language]);

  return (
    <section
      className="dashboard-view"
      data-testid="dashboard-view"
      data-state={state}
      // A scroll container: a tab stop lets a keyboard user scroll it (WCAG 2.1.1), named by the aria-label.
      tabIndex={0}
      aria-label={period ? `${t('standing.dashboard')} — ${t('standing.year', { year: period.year })}` : t('standing.dashboard')}
      aria-busy={state === 'loading'}
    >
      {state === 'error' && query.error && <ErrorBanner error={query.error} onRetry={query.retry} />}
      {data && outline ? (
        <DashboardBody data={data} outline={outline} labels={labels} bodyNames={bodyNames} t={t} />
      ) : (
        state === 'loading' && (
          <p className="view-message">{outline && outline.periods.length === 0 ? t('standing.noPeriod') : t('standing.loading')}</p>
        )
      )}
    </section>
  );
}

interface BodyProps {
  data: Dashboard;
  outline: PlanOutline;
  labels: LevelLabels;
  bodyNames: ReadonlyMap<string, string>;
  t: Translate;
}

function sumCounts(rows: readonly { counts: Record<string, number> }[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const key of LEVEL_KEYS) total[key] = rows.reduce((n, r) => n + (r.counts[key] ?? 0), 0);
  return total;
}

function DashboardBody({ data, outline, labels, bodyNames, t }: BodyProps) {
  const language = useLanguage();
  const other = language === 'ko' ? 'en' : 'ko';

  const areaRows = useMemo<StackRow[]>(
    () =>
      data.byArea.map((a) => ({
        key: String(a.areaSeq),
        testId: `area-bar-${a.areaSeq}`,
        label: `${a.areaSeq}. ${language === 'ko' ? a.nameKo : a.nameEn}`,
        secondary: other === 'ko' ? a.nameKo : a.nameEn,
        title: `${a.areaSeq}. ${a.nameKo} ${a.nameEn}`,
        labelLang: language,
        secondaryLang: other,
        counts: a.counts,
        total: a.total,
      })),
    [data.byArea, language, other],
  );
  const bodyRows = useMemo<StackRow[]>(
    () =>
      data.byBody.map((b) => {
        const name = bodyNames.get(b.bodyCode) ?? b.bodyCode;
        const full = outline.bodies.find((x) => x.code === b.bodyCode);
        return {
          key: b.bodyCode,
          testId: `body-bar-${b.bodyCode}`,
          label: b.bodyCode,
          secondary: name,
          title: `${b.bodyCode} ${name}`,
          labelLang: language,
          secondaryLang: language,
          counts: b.counts,
          total: b.total,
          extra: {
            text: t('standing.dash.delayed', { count: b.delayed }),
            title: full ? `${full.code} ${bodyName(language, full)}: ${t('standing.dash.delayed', { count: b.delayed })}` : '',
            emphasis: b.delayed > 0,
          },
          delayed: b.delayed,
        };
      }),
    [data.byBody, bodyNames, outline.bodies, language, t],
  );

  const planCounts = useMemo(() => sumCounts(data.byArea), [data.byArea]);
  const bodyCounts = useMemo(() => sumCounts(data.byBody), [data.byBody]);
  const actionPlans = data.byArea.reduce((n, a) => n + a.total, 0);
  const advanced = (planCounts.substantial ?? 0) + (planCounts.completed ?? 0);
  const entries = data.byBody.reduce((n, b) => n + b.total, 0);
  const reported = entries - (bodyCounts.none ?? 0);
  const delayed = data.byBody.reduce((n, b) => n + b.delayed, 0);
  const submitted = data.submissions.filter((s) => s.status === 'submitted' || s.status === 'accepted').length;
  const accepted = data.submissions.filter((s) => s.status === 'accepted').length;
  const returned = data.submissions.filter((s) => s.status === 'returned').length;

  return (
    <div className="dash">
      <ul className="dash-kpis" data-testid="dashboard-kpis" aria-label={t('standing.dash.kpis')}>
        <li className="dash-kpi" data-testid="kpi-progress" data-value={percentOf(advanced, actionPlans)}>
          <span className="dash-kpi__label">{t('standing.dash.kpiProgress')}</span>
          <span className="dash-kpi__value">{formatPercent(language, percentOf(advanced, actionPlans))}</span>
          <span className="dash-kpi__sub">{t('standing.dash.kpiProgressSub', { advanced: formatNumber(language, advanced), count: actionPlans })}</span>
          <MiniStack counts={planCounts} labels={labels} t={t} />
        </li>
        <li className="dash-kpi" data-testid="kpi-submitted" data-value={submitted}>
          <span className="dash-kpi__label">{t('standing.dash.kpiSubmitted')}</span>
          <span className="dash-kpi__value">
            {formatNumber(language, submitted)}
            <span className="dash-kpi__of">/{formatNumber(language, data.submissions.length)}</span>
          </span>
          <span className="dash-kpi__sub">
            {t('standing.dash.kpiSubmittedSub', { accepted: formatNumber(language, accepted), returned: formatNumber(language, returned) })}
          </span>
        </li>
        <li className={delayed > 0 ? 'dash-kpi dash-kpi--alert' : 'dash-kpi'} data-testid="kpi-delayed" data-value={delayed}>
          <span className="dash-kpi__label">{t('standing.dash.kpiDelayed')}</span>
          <span className="dash-kpi__value">{formatNumber(language, delayed)}</span>
          <span className="dash-kpi__sub">{t('standing.dash.kpiDelayedSub', { count: entries })}</span>
        </li>
        <li className="dash-kpi" data-testid="kpi-reported" data-value={percentOf(reported, entries)}>
          <span className="dash-kpi__label">{t('standing.dash.kpiReported')}</span>
          <span className="dash-kpi__value">{formatPercent(language, percentOf(reported, entries))}</span>
          <span className="dash-kpi__sub">{t('standing.dash.kpiReportedSub', { reported: formatNumber(language, reported), count: entries })}</span>
        </li>
      </ul>
      <div className="dash-grid">
        <div className="dash-col">
          <ChartCard testId="chart-by-area" title={t('standing.dash.byArea')} description={t('standing.dash.byAreaDesc')}>
            {(headingId) => (
              <LevelChart rows={areaRows} labels={labels} t={t} testId="chart-by-area" nameHeader={t('standing.dash.tableArea')} labelledBy={headingId} />
            )}
          </ChartCard>
          <ChartCard testId="chart-submissions" title={t('standing.dash.submissions')} description={t('standing.dash.submissionsDesc')}>
            <SubmissionTiles submissions={data.submissions} bodyNames={bodyNames} labels={labels} t={t} />
          </ChartCard>
        </div>
        <div className="dash-col">
          <ChartCard testId="chart-by-body" title={t('standing.dash.byBody')} description={t('standing.dash.byBodyDesc')}>
            {(headingId) => (
              <LevelChart rows={bodyRows} labels={labels} t={t} testId="chart-by-body" nameHeader={t('standing.dash.tableBody')} labelledBy={headingId} />
            )}
          </ChartCard>
        </div>
        <ChartCard testId="chart-indicators" title={t('standing.dash.indicators')} description={t('standing.dash.indicatorsDesc')} wide>
          <IndicatorBullets indicators={data.indicators} language={language} t={t} />
        </ChartCard>
      </div>
    </div>
  );
}
