/** The Plan view: search and body filter, the outline, and the selected action plan's details. */
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { Language, PlanOutline } from '../../../contract/domain';
import { ErrorBanner } from '../components/ErrorBanner';
import { useLanguage, useT } from '../i18n';
import { bodyName, countActions, filterAreas } from '../model/outline';
import { usePlanStore } from '../stores/plan';
import { ActionDetail } from './ActionDetail';
import { Outline } from './Outline';

const SEARCH_INPUT_ID = 'plan-search';

/** After the filters are cleared their button disappears: keep the keyboard user in the search field. */
function clearFiltersAndFocusSearch(clearFilters: () => void) {
  clearFilters();
  document.getElementById(SEARCH_INPUT_ID)?.focus();
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Ctrl+F (or ⌘F) and "/" focus the search; "/" is left alone while typing in a field. */
function useSearchShortcut(input: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const ctrlF = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isEditable(e.target);
      if (!ctrlF && !slash) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [input]);
}

export function PlanView() {
  const t = useT();
  const outline = usePlanStore((s) => s.outline);
  const status = usePlanStore((s) => s.status);
  const error = usePlanStore((s) => s.error);
  const searchPending = usePlanStore((s) => s.searchPending);
  const searchError = usePlanStore((s) => s.searchError);
  const matchingIds = usePlanStore((s) => s.matchingIds);
  const load = usePlanStore((s) => s.load);
  const search = usePlanStore((s) => s.search);

  const state = status === 'error' || searchError ? 'error' : status === 'loading' || searchPending ? 'loading' : 'ready';
  const areas = useMemo(() => (outline ? filterAreas(outline.areas, matchingIds) : []), [outline, matchingIds]);
  const total = useMemo(() => (outline ? countActions(outline.areas) : 0), [outline]);
  const shown = matchingIds === null ? total : countActions(areas);

  return (
    <section className="plan-view" data-testid="plan-view" data-state={state} aria-label={t('nav.plan')} aria-busy={state === 'loading'}>
      {error && <ErrorBanner error={error} onRetry={() => void load()} />}
      {outline && <Toolbar outline={outline} shown={shown} total={total} searching={searchPending} />}
      {searchError && <ErrorBanner error={searchError} onRetry={() => void search()} />}
      {outline ? (
        <PlanPanes outline={outline} areas={areas} />
      ) : (
        status !== 'error' && <p className="view-message">{status === 'loading' ? t('plan.loading') : t('plan.none')}</p>
      )}
    </section>
  );
}

function bodyOption(language: Language, body: PlanOutline['bodies'][number]): string {
  return `${bodyName(language, body)} (${body.code})`;
}

function Toolbar({ outline, shown, total, searching }: { outline: PlanOutline; shown: number; total: number; searching: boolean }) {
  const t = useT();
  const language = useLanguage();
  const searchText = usePlanStore((s) => s.searchText);
  const bodyCode = usePlanStore((s) => s.bodyCode);
  const setSearchText = usePlanStore((s) => s.setSearchText);
  const setBodyCode = usePlanStore((s) => s.setBodyCode);
  const clearFilters = usePlanStore((s) => s.clearFilters);
  const input = useRef<HTMLInputElement>(null);
  useSearchShortcut(input);
  const filtered = searchText.trim() !== '' || bodyCode !== '';

  return (
    <div className="toolbar" role="search" aria-label={t('plan.toolbar')}>
      <label className="field field--search">
        <span className="field__label">{t('plan.searchLabel')}</span>
        <input
          ref={input}
          id={SEARCH_INPUT_ID}
          type="search"
          className="input"
          data-testid="plan-search"
          value={searchText}
          maxLength={200}
          placeholder={t('plan.searchPlaceholder')}
          aria-keyshortcuts="Control+F /"
          onChange={(e) => setSearchText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && searchText !== '') {
              e.preventDefault();
              setSearchText('');
            }
          }}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('plan.bodyFilterLabel')}</span>
        <select className="input" data-testid="body-filter" value={bodyCode} onChange={(e) => setBodyCode(e.target.value)}>
          <option value="">{t('plan.allBodies')}</option>
          {outline.bodies.map((b) => (
            <option key={b.code} value={b.code}>
              {bodyOption(language, b)}
            </option>
          ))}
        </select>
      </label>
      <p className="toolbar__count" data-testid="result-count" aria-live="polite">
        {t('plan.resultCount', { shown, count: total })}
      </p>
      {searching && <span className="toolbar__busy">{t('plan.searching')}</span>}
      {filtered && (
        <button type="button" className="button button--quiet" onClick={() => clearFiltersAndFocusSearch(clearFilters)}>
          {t('plan.clearFilters')}
        </button>
      )}
    </div>
  );
}

const PLAN_COUNTS = ['areas', 'objectives', 'strategies', 'actionPlans', 'bodies'] as const;

function PlanPanes({ outline, areas }: { outline: PlanOutline; areas: ReturnType<typeof filterAreas> }) {
  const t = useT();
  const selectedActionId = usePlanStore((s) => s.selectedActionId);
  const index = usePlanStore((s) => s.index);
  const selectAction = usePlanStore((s) => s.selectAction);
  const clearFilters = usePlanStore((s) => s.clearFilters);
  const entry = selectedActionId === null ? undefined : index.get(selectedActionId);
  const c = outline.plan.counts;

  return (
    <div className="panes">
      <div className="pane pane--outline" role="region" aria-label={t('plan.outlineLabel')}>
        <p className="pane__meta">
          {PLAN_COUNTS.map((key) => t(`plan.count.${key}`, { count: c[key] })).join(' · ')}
        </p>
        {areas.length > 0 ? (
          <Outline areas={areas} bodies={outline.bodies} selectedActionId={selectedActionId} onSelect={selectAction} />
        ) : (
          // Not a status region of its own: the mounted count (result-count, aria-live) says that nothing is found.
          <div className="empty-state" data-testid="empty-state">
            <p className="empty-state__title">{t('plan.empty')}</p>
            <p className="hint">{t('plan.emptyHint')}</p>
            <button type="button" className="button" onClick={() => clearFiltersAndFocusSearch(clearFilters)}>
              {t('plan.clearFilters')}
            </button>
          </div>
        )}
      </div>
      <aside className="pane pane--detail" aria-label={t('detail.label')} tabIndex={0}>
        {entry ? <ActionDetail entry={entry} bodies={outline.bodies} /> : <p className="hint detail__none">{t('detail.none')}</p>}
      </aside>
    </div>
  );
}
