/** The application shell: header with plan and language, navigation, and the current view. */
import { useEffect, type MouseEvent } from 'react';
import type { Language } from '../../contract/domain';
import { ErrorBanner } from './components/ErrorBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
import { LiveRegions } from './components/LiveRegions';
import { useT } from './i18n';
import { usePlanStore } from './stores/plan';
import { useSettingsStore, VIEWS, type View } from './stores/settings';
import { PlanView } from './views/PlanView';
import { Placeholder } from './views/Placeholder';
import { SettingsView } from './views/SettingsView';
import { ProgressView } from './views/progress/ProgressView';
import { ExchangeView } from './views/exchange/ExchangeView';
import { MeetingsView } from './views/meetings/MeetingsView';
import { useOpenFollowUpCount } from './views/meetings/OpenFollowUps';
import { useProgressStore } from './stores/progress';

export function App() {
  const t = useT();
  const language = useSettingsStore((s) => s.language);
  const loaded = useSettingsStore((s) => s.loaded);
  const view = useSettingsStore((s) => s.view);
  const error = useSettingsStore((s) => s.error);
  const clearError = useSettingsStore((s) => s.clearError);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.name');
  }, [language, t]);

  // Wait for the stored language so the window does not flash in the wrong one.
  if (!loaded) return <div className="app-loading" aria-busy="true" />;

  const skipToContent = (e: MouseEvent) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  };

  return (
    <div className="app" data-testid="app-shell">
      <a className="skip-link" href="#main" onClick={skipToContent}>
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <span className="header__brand">{t('app.name')}</span>
        <PlanHeading />
        <LanguageSwitch />
      </header>
      <Navigation />
      <main id="main" className="main" tabIndex={-1}>
        {error && <ErrorBanner error={error} onDismiss={clearError} />}
        {view !== 'progress' && <SetupPrompt />}
        <ErrorBoundary key={view}>
          <CurrentView view={view} />
        </ErrorBoundary>
      </main>
      <LiveRegions />
    </div>
  );
}

/** On the first start (no identity yet), says so and leads to the set-up in the Progress view. */
function SetupPrompt() {
  const t = useT();
  const needed = useProgressStore((s) => s.setupState === 'ready' && s.installation === null);
  const setView = useSettingsStore((s) => s.setView);
  if (!needed) return null;
  return (
    <div className="setup-prompt" role="status" data-testid="setup-prompt">
      <span>{t('progress.setupPrompt.text')}</span>
      <button type="button" className="button" data-testid="setup-prompt-go" onClick={() => setView('progress')}>
        {t('progress.setupPrompt.action')}
      </button>
    </div>
  );
}

function CurrentView({ view }: { view: View }) {
  switch (view) {
    case 'plan':
      return <PlanView />;
    case 'progress':
      return <ProgressView />;
    case 'settings':
      return <SettingsView />;
    case 'exchange':
      return <ExchangeView />;
    case 'meetings':
      return <MeetingsView />;
    default:
      return <Placeholder view={view} />;
  }
}

function PlanHeading() {
  const t = useT();
  const language = useSettingsStore((s) => s.language);
  const plans = usePlanStore((s) => s.plans);
  const planId = usePlanStore((s) => s.planId);
  const plan = plans.find((p) => p.id === planId);
  if (!plan) return <div className="header__plan" />;
  const title = language === 'ko' ? plan.titleKo : plan.titleEn;
  return (
    <div className="header__plan">
      <h1 className="header__title" data-testid="plan-title" title={title}>
        {title}
      </h1>
      <span className="header__years" data-testid="plan-years">
        {t('plan.years', { start: plan.startYear, end: plan.endYear })}
      </span>
    </div>
  );
}

const LANGUAGES: { value: Language; label: string }[] = [
  { value: 'ko', label: '한국어' },
  { value: 'en', label: 'English' },
];

function LanguageSwitch() {
  const t = useT();
  const language = useSettingsStore((s) => s.language);
  const setLanguage = useSettingsStore((s) => s.setLanguage);
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.group')}>
      {LANGUAGES.map((l) => (
        <button
          key={l.value}
          type="button"
          lang={l.value}
          className="lang-switch__button"
          data-testid={`lang-${l.value}`}
          aria-pressed={language === l.value}
          onClick={() => void setLanguage(l.value)}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}

function Navigation() {
  const t = useT();
  const view = useSettingsStore((s) => s.view);
  const setView = useSettingsStore((s) => s.setView);
  // The open follow-ups this installation acts on, counted on Meetings so the owner body sees them from every screen.
  const openFollowUps = useOpenFollowUpCount();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {VIEWS.map((v) => (
          <li key={v}>
            <button
              type="button"
              className="nav__button"
              data-testid={`nav-${v}`}
              aria-current={view === v ? 'page' : undefined}
              onClick={() => setView(v)}
            >
              {t(`nav.${v}`)}
              {v === 'meetings' && openFollowUps ? (
                <>
                  <span className="nav__badge" aria-hidden="true" data-testid="nav-meetings-badge">
                    {openFollowUps}
                  </span>
                  <span className="visually-hidden">, {t('meetings.nav.badge', { count: openFollowUps })}</span>
                </>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
