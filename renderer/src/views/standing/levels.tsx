/**
 * How levels and statuses look: their labels, the Harvey-ball glyph each
 * level has besides its colour (so that no cell relies on colour alone), the
 * status glyphs, and the legend shared by the matrix and the dashboard.
 */
import type { ReportStatus } from '../../../../contract/progress';
import type { MessageKey, Translate } from '../../i18n';
import { LEVEL_KEYS, STATUSES, type LevelKey } from '../../model/matrix';

export const LEVEL_LABEL: Readonly<Record<LevelKey, MessageKey>> = {
  not_started: 'standing.level.not_started',
  limited: 'standing.level.limited',
  substantial: 'standing.level.substantial',
  completed: 'standing.level.completed',
  no_evidence: 'standing.level.no_evidence',
  none: 'standing.level.none',
};

export const STATUS_LABEL: Readonly<Record<ReportStatus, MessageKey>> = {
  draft: 'standing.status.draft',
  submitted: 'standing.status.submitted',
  returned: 'standing.status.returned',
  accepted: 'standing.status.accepted',
};

/** A symbol per report status: being written, sent up, sent back, accepted. */
export const STATUS_GLYPH: Readonly<Record<ReportStatus, string>> = {
  draft: '✎',
  submitted: '↑',
  returned: '↩',
  accepted: '✓',
};

export const DELAY_GLYPH = '!';
export const OVERRIDE_GLYPH = '※';

export interface LevelLabels {
  level: Readonly<Record<LevelKey, string>>;
  status: Readonly<Record<ReportStatus, string>>;
}

export function levelLabels(t: Translate): LevelLabels {
  const level = {} as Record<LevelKey, string>;
  for (const key of LEVEL_KEYS) level[key] = t(LEVEL_LABEL[key]);
  const status = {} as Record<ReportStatus, string>;
  for (const key of STATUSES) status[key] = t(STATUS_LABEL[key]);
  return { level, status };
}

/**
 * The level's glyph: a Harvey ball filled to the level (empty, a quarter,
 * three quarters, full), "?" for no evidence and "–" for not reported.
 */
export function LevelGlyph({ level }: { level: LevelKey }) {
  if (level === 'no_evidence') return <span className="lv-glyph lv-glyph--text" aria-hidden="true">?</span>;
  if (level === 'none') return <span className="lv-glyph lv-glyph--text" aria-hidden="true">–</span>;
  return <span className="lv-glyph lv-ball" aria-hidden="true" />;
}

/** A swatch of the level's colour with its glyph (and the level's pattern, as the dashboard's bars have it). */
export function LevelSwatch({ level, patterned = false }: { level: LevelKey; patterned?: boolean }) {
  return (
    <span className={`lv-swatch${patterned ? ' lv-pattern' : ''} lv--${level}`} aria-hidden="true">
      <LevelGlyph level={level} />
    </span>
  );
}

interface LegendProps {
  t: Translate;
  testId: string;
  /** Also explain the matrix's markers: all (delay, override, status, not carried), only the delay, or none. */
  markers?: 'all' | 'delayed' | 'none';
  /** Swatches with the level's pattern, as the dashboard's bars are drawn. */
  patterned?: boolean;
}

export function Legend({ t, testId, markers = 'none', patterned = false }: LegendProps) {
  const all = markers === 'all';
  return (
    <div className="sd-legend" data-testid={testId} role="group" aria-label={t('standing.legend')}>
      <ul className="sd-legend__list">
        {LEVEL_KEYS.map((level) => (
          <li key={level} className="sd-legend__item" data-level={level}>
            <LevelSwatch level={level} patterned={patterned} />
            {t(LEVEL_LABEL[level])}
          </li>
        ))}
      </ul>
      {markers !== 'none' && (
        <ul className="sd-legend__list sd-legend__list--markers">
          {all && (
            <li className="sd-legend__item">
              <span className="lv-swatch lv--na" aria-hidden="true" />
              {t('standing.legend.notCarried')}
            </li>
          )}
          <li className="sd-legend__item">
            <span className="mx-delay mx-delay--legend" aria-hidden="true">
              {DELAY_GLYPH}
            </span>
            {t('standing.legend.delayed')}
          </li>
          {all && (
            <li className="sd-legend__item">
              <span className="mx-override" aria-hidden="true">
                {OVERRIDE_GLYPH}
              </span>
              {t('standing.legend.override')}
            </li>
          )}
          {all &&
            STATUSES.map((status) => (
              <li key={status} className="sd-legend__item">
                <span className={`sd-status sd-status--${status}`} aria-hidden="true">
                  {STATUS_GLYPH[status]}
                </span>
                {t(STATUS_LABEL[status])}
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
