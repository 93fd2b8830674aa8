/** First use: who reports from this computer (a body's focal point, or MOGEF as coordinator). */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { PlanOutline } from '../../../../contract/domain';
import type { Installation } from '../../../../contract/progress';
import { toApiError, type ApiError } from '../../api';
import { USER_NAME_MAX } from '../../../../contract/rules';
import { ErrorBanner } from '../../components/ErrorBanner';
import { alert } from '../../components/LiveRegions';
import { CharCounter } from '../../components/progress/TextLimit';
import { useLanguage, useT } from '../../i18n';
import { bodyName } from '../../model/outline';
import { useProgressStore } from '../../stores/progress';


export function SetupForm({ outline }: { outline: PlanOutline }) {
  const t = useT();
  const language = useLanguage();
  const initialize = useProgressStore((s) => s.initialize);
  const [role, setRole] = useState<Installation['role']>('body');
  const [bodyCode, setBodyCode] = useState('');
  const [userName, setUserName] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const id = useId();

  const name = userName.trim();
  const bodyProblem = role === 'body' && bodyCode === '' ? t('progress.setup.errorBody') : null;
  const nameProblem = name === '' ? t('progress.setup.errorName') : name.length > USER_NAME_MAX ? t('progress.setup.errorNameLong') : null;

  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (bodyProblem || nameProblem) {
      // Said at once through the alert region, and the first field to fix takes the focus (not <body>).
      alert([bodyProblem, nameProblem].filter(Boolean).join(' '));
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await initialize(role === 'body' ? { role: 'body', bodyCode, userName: name } : { role: 'coordinator', userName: name });
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };

  return (
    <div className="progress-scroll">
      <form ref={formRef} className="setup-form" data-testid="setup-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
        <h2 className="setup-form__title" id={`${id}-title`}>
          {t('progress.setup.title')}
        </h2>
        <p className="setup-form__intro">{t('progress.setup.intro')}</p>

        <fieldset className="setup-form__roles">
          <legend className="field__label">{t('progress.setup.role')}</legend>
          <label className="setup-form__role">
            <input
              type="radio"
              name={`${id}-role`}
              value="body"
              data-testid="setup-role-body"
              checked={role === 'body'}
              aria-labelledby={`${id}-role-body`}
              aria-describedby={`${id}-role-body-hint`}
              onChange={() => setRole('body')}
            />
            <span>
              <strong id={`${id}-role-body`}>{t('progress.setup.roleBody')}</strong>
              <span className="hint" id={`${id}-role-body-hint`}>
                {t('progress.setup.roleBodyHint')}
              </span>
            </span>
          </label>
          <label className="setup-form__role">
            <input
              type="radio"
              name={`${id}-role`}
              value="coordinator"
              data-testid="setup-role-coordinator"
              checked={role === 'coordinator'}
              aria-labelledby={`${id}-role-coordinator`}
              aria-describedby={`${id}-role-coordinator-hint`}
              onChange={() => setRole('coordinator')}
            />
            <span>
              <strong id={`${id}-role-coordinator`}>{t('progress.setup.roleCoordinator')}</strong>
              <span className="hint" id={`${id}-role-coordinator-hint`}>
                {t('progress.setup.roleCoordinatorHint')}
              </span>
            </span>
          </label>
        </fieldset>

        {role === 'body' && (
          <div className="pg-field">
            <label className="pg-field__label" htmlFor={`${id}-body`}>
              {t('progress.setup.body')}
            </label>
            <select
              id={`${id}-body`}
              className="input"
              data-testid="setup-body"
              value={bodyCode}
              aria-invalid={tried && bodyProblem ? true : undefined}
              aria-describedby={tried && bodyProblem ? `${id}-body-error` : undefined}
              onChange={(e) => setBodyCode(e.target.value)}
            >
              <option value="">{t('progress.setup.bodyChoose')}</option>
              {outline.bodies.map((b) => (
                <option key={b.code} value={b.code}>
                  {`${bodyName(language, b)} (${b.code})`}
                </option>
              ))}
            </select>
            {tried && bodyProblem && (
              <p className="pg-field__error" id={`${id}-body-error`}>
                {bodyProblem}
              </p>
            )}
          </div>
        )}

        <div className="pg-field">
          <label className="pg-field__label" htmlFor={`${id}-name`}>
            {t('progress.setup.name')}
          </label>
          <input
            id={`${id}-name`}
            className="input setup-form__name"
            data-testid="setup-name"
            value={userName}
            autoComplete="name"
            aria-invalid={tried && nameProblem ? true : undefined}
            aria-describedby={`${id}-name-hint${tried && nameProblem ? ` ${id}-name-error` : ''}`}
            onChange={(e) => setUserName(e.target.value)}
          />
          <p className="hint" id={`${id}-name-hint`}>
            {t('progress.setup.nameHint')}
          </p>
          <CharCounter text={userName} max={USER_NAME_MAX} testId="setup-name-count" />
          {tried && nameProblem && (
            <p className="pg-field__error" id={`${id}-name-error`}>
              {nameProblem}
            </p>
          )}
        </div>

        {error && <ErrorBanner error={error} />}

        <div className="setup-form__actions">
          <button type="submit" className="button button--primary" data-testid="setup-submit" disabled={busy}>
            {busy ? t('progress.setup.saving') : t('progress.setup.submit')}
          </button>
          <p className="hint">{t('progress.setup.permanent')}</p>
        </div>
      </form>
    </div>
  );
}
