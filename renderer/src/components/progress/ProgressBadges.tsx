/** Small pieces shared by the Progress views: completion level, report status, delay flag, progress bar. */
import type { CompletionLevel, ReportStatus } from '../../../../contract/progress';
import { useT } from '../../i18n';
import { levelKey, statusKey } from '../../views/progress/model';

/** A completion level as a coloured dot and its label. */
export function LevelBadge({ level }: { level: CompletionLevel | null }) {
  const t = useT();
  return (
    <span className="pg-level" data-level={level ?? 'none'}>
      <span className="pg-level__dot" aria-hidden="true" />
      {t(levelKey(level))}
    </span>
  );
}

/** A report's workflow status; pass testId for the one the tests read. */
export function StatusBadge({ status, testId }: { status: ReportStatus; testId?: string }) {
  const t = useT();
  return (
    <span className="pg-status" data-status={status} data-testid={testId}>
      {t(statusKey(status))}
    </span>
  );
}

export function DelayedFlag() {
  const t = useT();
  return <span className="pg-delayed">{t('progress.delayed.flag')}</span>;
}

/** A plain bar: how much of the whole is done (the label says it in words). */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <progress className="pg-bar" value={value} max={Math.max(max, 1)} aria-label={label}>
      {percent}%
    </progress>
  );
}
