import type { ApiError } from '../api';
import { errorKey, useT } from '../i18n';

interface Props {
  error: ApiError;
  /** Shown as "Try again" when given. */
  onRetry?: () => void;
  onDismiss?: () => void;
  /** Overrides the message chosen by the error's code. */
  message?: string;
}

/** A failed call: the translated message, and main's English message as the detail. */
export function ErrorBanner({ error, onRetry, onDismiss, message }: Props) {
  const t = useT();
  return (
    <div className="error-banner" role="alert" data-testid="error-banner" data-code={error.code}>
      <div className="error-banner__body">
        <p className="error-banner__title">
          <strong>{message ?? t(errorKey(error.code))}</strong>
        </p>
        <p className="error-banner__detail">
          <span className="error-banner__label">{t('error.detail')}:</span>{' '}
          <span lang="en" data-testid="error-detail">
            {error.message}
          </span>{' '}
          <code className="error-banner__code">{error.code}</code>
        </p>
        {error.details.length > 0 && (
          <ul className="error-banner__list" lang="en">
            {error.details.map((d, i) => (
              <li key={i}>
                {d.path && <code>{d.path}</code>} {d.hint}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="error-banner__actions">
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t('error.retry')}
          </button>
        )}
        {onDismiss && (
          <button type="button" className="button button--quiet" onClick={onDismiss}>
            {t('error.dismiss')}
          </button>
        )}
      </div>
    </div>
  );
}
