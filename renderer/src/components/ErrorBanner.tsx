import { useEffect, useRef } from 'react';
import type { ApiError } from '../api';
import { alert } from './LiveRegions';
import { errorKey, useT, type Translate } from '../i18n';
import { EVIDENCE_MAX } from '../../../contract/rules';

interface Props {
  error: ApiError;
  /** Shown as "Try again" when given. */
  onRetry?: () => void;
  onDismiss?: () => void;
  /** Overrides the message chosen by the error's code. */
  message?: string;
}

/**
 * What a detail of main's answer means for the user, when it is one we know
 * (a text over its limit, a broken character, a date that is not one);
 * null for the others, which stay in the technical details only.
 */
export function detailMessage(t: Translate, detail: { path?: string | undefined; hint?: string | undefined }): string | null {
  const hint = detail.hint ?? '';
  if (hint === 'confirm_own' || detail.path === 'confirmOwn') return t('progress.errorHint.confirmOwn');
  if (hint === 'busy' || hint === 'disk_full' || hint === 'read_only' || hint === 'io') return t(`progress.errorHint.${hint}`);
  if (hint === 'evidence_max') return t('progress.errorHint.evidenceMax', { max: EVIDENCE_MAX });
  if (hint === 'duplicate') return t('progress.errorHint.duplicate');
  if (hint === 'count_format' || hint === 'percent_range' || hint === 'yes_no_format' || hint === 'number_format') {
    return t(`progress.problem.${hint}`);
  }
  const max = /<=\s*([\d,]+)/.exec(hint)?.[1];
  if (/too big|too_long|too long/i.test(hint)) return max ? t('progress.errorHint.tooLongMax', { max }) : t('progress.errorHint.tooLong');
  if (/surrogate|bad_character|well-formed/i.test(hint)) return t('progress.errorHint.badCharacter');
  if (/date/i.test(hint) || /date/i.test(detail.path ?? '')) return t('progress.errorHint.date');
  if (/too small|required|empty/i.test(hint)) return t('progress.errorHint.required');
  return null;
}

/**
 * A failed call: the translated message (and what the details mean, when we
 * know), main's English message and details behind a "details" disclosure.
 */
export function ErrorBanner({ error, onRetry, onDismiss, message }: Props) {
  const t = useT();
  const root = useRef<HTMLDivElement>(null);
  // Dismissing removes the focused button with the banner: the focus goes to the heading of what the banner was in.
  const dismiss = () => {
    const here = root.current;
    const target = here && here.contains(document.activeElement) ? focusTargetNear(here) : null;
    onDismiss?.();
    if (target) requestAnimationFrame(() => target.focus());
  };
  const explained = [...new Set(error.details.map((d) => detailMessage(t, d)).filter((m): m is string => m !== null))];
  const title = message ?? t(errorKey(error.code));
  const spoken = [title, ...explained].join(' ');
  // Read through the app's mounted alert region: a region inserted with its text is skipped by many screen readers.
  // Once when shown and when its text changes (not on every render: some callers build the error anew each time).
  useEffect(() => {
    alert(spoken);
  }, [spoken]);
  return (
    <div className="error-banner" data-testid="error-banner" data-code={error.code} ref={root}>
      <div className="error-banner__body">
        <p className="error-banner__title">
          <strong>{title}</strong>
        </p>
        {explained.length > 0 && (
          <ul className="error-banner__explained" data-testid="error-explained">
            {explained.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
        <details className="error-banner__details" data-testid="error-details">
          <summary className="error-banner__label">{t('error.detail')}</summary>
          <p className="error-banner__detail">
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
        </details>
      </div>
      <div className="error-banner__actions">
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t('error.retry')}
          </button>
        )}
        {onDismiss && (
          <button type="button" className="button button--quiet" onClick={dismiss} data-testid="error-dismiss">
            {t('error.dismiss')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Where the focus goes when a banner is dismissed: the heading of the dialog, form or section around it (made focusable), or that itself. */
function focusTargetNear(banner: HTMLElement): HTMLElement | null {
  const SCOPES = '[role="dialog"], form, section, main';
  let nearest: HTMLElement | null = null;
  for (let scope = banner.parentElement?.closest<HTMLElement>(SCOPES) ?? null; scope; scope = scope.parentElement?.closest<HTMLElement>(SCOPES) ?? null) {
    nearest ??= scope;
    const heading = scope.querySelector<HTMLElement>('h1, h2, h3');
    if (heading) return focusable(heading);
    if (scope.getAttribute('role') === 'dialog') break;
  }
  return nearest ? focusable(nearest) : null;
}

function focusable(el: HTMLElement): HTMLElement {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  return el;
}
