/**
 * The Progress view: first-use setup, then a header with who this
 * installation is, the reporting year and the tabs (the body's own action
 * plans or MOGEF's review, the matrix, the dashboard). An open entry
 * (navigation.openEntry, also set by the matrix) replaces the tab's content.
 */
import { useEffect, type KeyboardEvent } from 'react';
import type { BodyReport, Installation } from '../../../../contract/progress';
import type { PlanOutline } from '../../../../contract/domain';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLanguage, useT, type Translate } from '../../i18n';
import { bodyName } from '../../model/outline';
import { useNavigationStore, type ProgressTab } from '../../stores/navigation';
import { usePlanStore } from '../../stores/plan';
import { ownBodyCode, useProgressStore, useReports } from '../../stores/progress';
import { useUnsavedEntries } from '../../stores/progress-entry';
import { DashboardView } from '../standing/DashboardView';
import { MatrixView } from '../standing/MatrixView';
import { EntryForm } from './EntryForm';
import { startPeriodId } from './model';
import { MyReport } from './MyReport';
import { ReviewView } from './ReviewView';
import { SetupForm } from './SetupForm';
import { useAnnounce } from '../../components/LiveRegions';

export function ProgressView() {
  const t = useT();
  const setupState = useProgressStore((s) => s.setupState);
  const setupError = useProgressStore((s) => s.setupError);
  const installation = useProgressStore((s) => s.installation);
  const loadSetup = useProgressStore((s) => s.loadSetup);
  const outline = usePlanStore((s) => s.outline);
  const planStatus = usePlanStore((s) => s.status);

  useEffect(() => {
    void loadSetup();
  }, [loadSetup]);


  let content;
  if (setupState === 'error' && setupError) content = <ErrorBanner error={setupError} onRetry={() => void loadSetup()} />;
  else if (setupState === 'loading' || (!outline && planStatus === 'loading')) content = <p className="view-message">{t('progress.loading')}</p>;
  else if (!outline) content = <p className="view-message">{t('progress.noPlan')}</p>;
  else if (!installation) content = <SetupForm outline={outline} />;
  else content = <ProgressMain outline={outline} installation={installation} />;

  return (
    <section className="progress-view" data-testid="progress-view" aria-label={t('progress.title')}>
      {content}
    </section>
  );
}

/** The name of the installation as shown in the header: "외교부 (MOFA) · 김외교". */
export function identityText(t: Translate, language: 'ko' | 'en', outline: PlanOutline, installation: Installation): string {
  if (installation.role === 'coordinator') return `${t('progress.identity.coordinator')} (MOGEF) · ${installation.userName}`;
  const body = outline.bodies.find((b) => b.code === installation.bodyCode);
  const name = body ? `${bodyName(language, body)} (${body.code})` : installation.bodyCode;
  return `${name} · ${installation.userName}`;
}

/**
 * The tab shown. The coordinator has MOGEF's own action plans as a tab of
 * their own beside the review (at 1366 px the review's two panes leave no
 * room for a third column, and a tab keeps the same list and entry form a
 * body has); the review stays first, and is shown until the coordinator
 * chooses MOGEF's tab (the navigation store starts on "mine").
 */
function effectiveTab(tab: ProgressTab, installation: Installation, ownTabChosen: boolean): ProgressTab {
  if (installation.role === 'coordinator' && tab === 'mine' && !ownTabChosen) return 'review';
  if (installation.role === 'body' && tab === 'review') return 'mine';
  return tab;
}

/**
 * The year's option in the selector: "2022년 (보완 요청)", "2023년 (미제출, 잠김)": marks in text, not
 * colour. For the coordinator the marks say they are about MOGEF's own report, not the review.
 */
function periodLabel(t: Translate, year: number, report: BodyReport | null | undefined, locked: boolean, coordinator: boolean): string {
  const marks: string[] = [];
  if (report?.status === 'returned') marks.push(t(coordinator ? 'progress.periodMark.ownReturned' : 'progress.periodMark.returned'));
  else if (report?.status === 'draft') marks.push(t(coordinator ? 'progress.periodMark.ownDraft' : 'progress.periodMark.draft'));
  if (locked) marks.push(t('progress.periodMark.locked'));
  const name = t('progress.periodOption', { year });
  return marks.length > 0 ? t('progress.periodMarked', { name, marks: marks.join(', ') }) : name;
}

/** Left/Right (and Home/End) move between the tabs, as in any tab list. */
function moveTab(e: KeyboardEvent<HTMLElement>, tabs: ProgressTab[], current: ProgressTab, select: (tab: ProgressTab) => void) {
  const focused = (e.target as HTMLElement).dataset.testid?.replace(/^tab-/, '') as ProgressTab | undefined;
  const at = tabs.indexOf(focused && tabs.includes(focused) ? focused : current);
  const next =
    e.key === 'ArrowRight' ? tabs[(at + 1) % tabs.length]
    : e.key === 'ArrowLeft' ? tabs[(at - 1 + tabs.length) % tabs.length]
    : e.key === 'Home' ? tabs[0]
    : e.key === 'End' ? tabs[tabs.length - 1]
    : undefined;
  if (!next) return;
  e.preventDefault();
  select(next);
  e.currentTarget.querySelector<HTMLElement>(`[data-testid="tab-${next}"]`)?.focus();
}

function ProgressMain({ outline, installation }: { outline: PlanOutline; installation: Installation }) {
  const t = useT();
  const language = useLanguage();
  const periodId = useNavigationStore((s) => s.periodId);
  const setPeriod = useNavigationStore((s) => s.setPeriod);
  const storedTab = useNavigationStore((s) => s.tab);
  const setTab = useNavigationStore((s) => s.setTab);
  const openEntry = useNavigationStore((s) => s.openEntry);
  const locks = useProgressStore((s) => s.locks);
  const ownTabChosen = useProgressStore((s) => s.ownTabChosen);
  const chooseOwnTab = useProgressStore((s) => s.chooseOwnTab);

  const periods = outline.periods;
  const own = ownBodyCode(installation, outline);
  const validPeriod = periods.some((p) => p.id === periodId);
  // Every year's own report, for the year to start on and the selector's marks.
  const ownSlots = useReports(own, periods.map((p) => p.id));
  const ownAnswered = own === null || ownSlots.every((slot) => slot.data !== null || slot.error !== null);
  const ownReports = ownSlots.map((slot) => slot.data);
  const startPeriod = ownAnswered ? startPeriodId(periods, ownReports) : null;
  const shownPeriod = validPeriod ? periodId : startPeriod;

  // The navigation store starts without a period: open on the year that needs the user once the reports are in.
  useEffect(() => {
    if (!validPeriod && startPeriod !== null) setPeriod(startPeriod);
  }, [validPeriod, startPeriod, setPeriod]);

  const tab = effectiveTab(storedTab, installation, ownTabChosen);
  const tabs: ProgressTab[] = installation.role === 'body' ? ['mine', 'matrix', 'dashboard'] : ['review', 'mine', 'matrix', 'dashboard'];
  const selectTab = (id: ProgressTab) => {
    if (installation.role === 'coordinator') chooseOwnTab(id === 'mine');
    setTab(id);
  };

  return (
    <>
      <header className="progress-header">
        <h2 className="progress-header__title">{t('progress.title')}</h2>
        <div className="progress-tabs" role="tablist" aria-label={t('progress.tabs')} onKeyDown={(e) => moveTab(e, tabs, tab, selectTab)}>
          {tabs.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`progress-tab-${id}`}
              className="progress-tabs__tab"
              data-testid={`tab-${id}`}
              aria-selected={tab === id}
              tabIndex={tab === id ? 0 : -1}
              aria-controls="progress-panel"
              data-current={tab === id ? 'true' : undefined}
              onClick={() => selectTab(id)}
            >
              {id === 'mine' && installation.role === 'coordinator' ? t('progress.tab.mineOwn') : t(`progress.tab.${id}`)}
            </button>
          ))}
        </div>
        <div className="progress-header__identity">
          <span className="visually-hidden">{t('progress.identity.label')}: </span>
          <span className="installation-badge" data-testid="installation-badge" data-role={installation.role}>
            {identityText(t, language, outline, installation)}
          </span>
          <span className="hint progress-header__hint">{t('progress.identity.hint')}</span>
        </div>
        <label className="progress-header__period">
          <span className="field__label">{t('progress.period')}</span>
          <select
            className="input"
            data-testid="period-select"
            value={shownPeriod ?? ''}
            onChange={(e) => setPeriod(Number(e.target.value))}
          >
            {shownPeriod === null && <option value="">{t('progress.loading')}</option>}
            {periods.map((p, i) => (
              <option key={p.id} value={p.id} data-status={ownReports[i]?.status}>
                {periodLabel(t, p.year, ownReports[i], locks[p.id] ?? p.locked, installation.role === 'coordinator')}
              </option>
            ))}
          </select>
        </label>
      </header>
      <UnsavedBanner />
      <div className="progress-body" id="progress-panel" role="tabpanel" aria-labelledby={`progress-tab-${tab}`}>
        {shownPeriod === null ? (
          <p className="view-message">{periods.length > 0 ? t('progress.loading') : t('progress.noPeriod')}</p>
        ) : openEntry ? (
          <EntryForm
            key={`${openEntry.actionPlanId}:${openEntry.bodyCode}:${openEntry.periodId}`}
            entryKey={openEntry}
            outline={outline}
            installation={installation}
          />
        ) : tab === 'mine' && own ? (
          <MyReport outline={outline} bodyCode={own} periodId={shownPeriod} coordinator={installation.role === 'coordinator'} />
        ) : tab === 'review' ? (
          <ReviewView outline={outline} periodId={shownPeriod} />
        ) : tab === 'matrix' ? (
          <MatrixView />
        ) : (
          <DashboardView />
        )}
      </div>
    </>
  );
}

/** Entries closed with changes main has not acknowledged yet (still saving, or failed): say so and offer to reopen. */
function UnsavedBanner() {
  const t = useT();
  const unsaved = useUnsavedEntries((s) => s.unsaved);
  const openEntry = useNavigationStore((s) => s.openEntry);
  const open = useNavigationStore((s) => s.open);
  const index = usePlanStore((s) => s.index);
  const elsewhere = unsaved.filter(
    (u) =>
      u.saveState !== 'saving' &&
      !(openEntry && u.key.actionPlanId === openEntry.actionPlanId && u.key.bodyCode === openEntry.bodyCode && u.key.periodId === openEntry.periodId),
  );
  // Said in the mounted status region when it appears (a region inserted with its text is not read).
  useAnnounce(elsewhere.length > 0 ? t('progress.unsaved') : null);
  if (elsewhere.length === 0) return null;
  return (
    <div className="progress-unsaved" data-testid="unsaved-entries">
      <span>{t('progress.unsaved')}</span>
      {elsewhere.map((u) => {
        const code = index.get(u.key.actionPlanId)?.action.code ?? String(u.key.actionPlanId);
        return (
          <button key={u.id} type="button" className="button button--quiet" onClick={() => open(u.key)}>
            {t('progress.unsavedOpen', { code })}
            {u.saveState === 'error' && ` (${t('progress.unsavedFailed')})`}
          </button>
        );
      })}
    </div>
  );
}
