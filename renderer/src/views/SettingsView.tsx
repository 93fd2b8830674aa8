/** Settings: the interface language, information about this installation, where the data lives and its backups. */
import { useEffect } from 'react';
import type { Language } from '../../../contract/domain';
import { useT } from '../i18n';
import { useSettingsStore } from '../stores/settings';
import { BackupsView } from './BackupsView';

const LANGUAGES: { value: Language; label: string }[] = [
  { value: 'ko', label: '한국어' },
  { value: 'en', label: 'English' },
];

export function SettingsView() {
  const t = useT();
  const language = useSettingsStore((s) => s.language);
  const setLanguage = useSettingsStore((s) => s.setLanguage);
  const appInfo = useSettingsStore((s) => s.appInfo);
  const loadAppInfo = useSettingsStore((s) => s.loadAppInfo);

  useEffect(() => {
    void loadAppInfo();
  }, [loadAppInfo]);

  return (
    <section className="view view--padded settings" data-testid="settings-view" aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="view__title">
        {t('settings.title')}
      </h2>

      <fieldset className="card">
        <legend className="card__title">{t('settings.language')}</legend>
        <div className="radio-group">
          {LANGUAGES.map((l) => (
            <label key={l.value} className="radio">
              <input
                type="radio"
                name="language"
                value={l.value}
                checked={language === l.value}
                data-testid={`settings-lang-${l.value}`}
                onChange={() => void setLanguage(l.value)}
              />
              <span lang={l.value}>{l.label}</span>
            </label>
          ))}
        </div>
        <p className="hint">{t('settings.languageHint')}</p>
      </fieldset>

      <div className="card">
        <h3 className="card__title">{t('settings.appInfo')}</h3>
        {appInfo ? (
          <dl className="info" data-testid="app-info">
            <dt>{t('settings.version')}</dt>
            <dd data-testid="app-version">{appInfo.version}</dd>
            <dt>{t('settings.dataDir')}</dt>
            <dd className="path">{appInfo.dataDir}</dd>
            <dt>{t('settings.databaseFile')}</dt>
            <dd className="path">{appInfo.databaseFile}</dd>
            <dt>{t('settings.schemaVersion')}</dt>
            <dd>{appInfo.schemaVersion}</dd>
          </dl>
        ) : (
          <p className="hint">{t('app.loading')}</p>
        )}
      </div>

      <BackupsView />
    </section>
  );
}
