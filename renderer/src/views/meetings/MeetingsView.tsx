/**
 * The Meetings screen (점검 회의): at the top, the open follow-ups this
 * installation acts on; beside each other, the meetings of a year (kind,
 * date, title, decisions, open follow-ups) with "New meeting" for the kinds
 * this installation may create, and the meeting shown: its form (read only
 * when it came from another installation), its decisions and follow-ups and
 * its pack. MOGEF also builds the report to the Gender Equality Committee.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { PlanOutline } from '../../../../contract/domain';
import type { MeetingKind, MeetingSummary } from '../../../../contract/meetings';
import type { Installation } from '../../../../contract/progress';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLanguage, useT } from '../../i18n';
import { usePlanStore } from '../../stores/plan';
import { useProgressStore } from '../../stores/progress';
import { NEW_KEY, useMeeting, useMeetingList, useMeetingsStore } from '../../stores/meetings';
import { creatableKinds, mayChangeMeeting } from './rules';
import { MeetingForm } from './MeetingForm';
import { DecisionsPanel } from './Decisions';
import { OpenFollowUps } from './OpenFollowUps';
import { DocumentDialog } from './PackDialog';
import { formatMeetingDate, kindLabel } from './parts';

/** The year shown first: the last year not locked (the one being reviewed), else the last. */
export function defaultPeriod(outline: PlanOutline): number | null {
  const open = outline.periods.filter((p) => !p.locked);
  return (open[open.length - 1] ?? outline.periods[outline.periods.length - 1])?.id ?? null;
}

export function MeetingsView() {
  const t = useT();
  const installation = useProgressStore((s) => s.installation);
  const setupState = useProgressStore((s) => s.setupState);
  const outline = usePlanStore((s) => s.outline);

  let content;
  if (setupState === 'loading' || !outline) content = <p className="view-message">{t('meetings.loading')}</p>;
  else if (!installation) content = <p className="view-message">{t('meetings.setupNeeded')}</p>;
  else content = <MeetingsContent outline={outline} installation={installation} />;

  return (
    <section className="view view--padded meetings" data-testid="meetings-view" aria-labelledby="meetings-heading">
      <h2 id="meetings-heading" className="view__title">
        {t('meetings.title')}
      </h2>
      {content}
    </section>
  );
}

function MeetingsContent({ outline, installation }: { outline: PlanOutline; installation: Installation }) {
  const chosen = useMeetingsStore((s) => s.periodId);
  const setPeriod = useMeetingsStore((s) => s.setPeriod);
  const periodId = chosen !== null && outline.periods.some((p) => p.id === chosen) ? chosen : defaultPeriod(outline);
  useEffect(() => {
    if (periodId !== null && periodId !== chosen) setPeriod(periodId);
  }, [periodId, chosen, setPeriod]);
  return (
    <>
      <OpenFollowUps outline={outline} installation={installation} />
      <div className="mt-layout">
        <MeetingList outline={outline} installation={installation} periodId={periodId} />
        <div className="mt-detail">
          <Detail outline={outline} installation={installation} />
        </div>
      </div>
    </>
  );
}

function MeetingList({ outline, installation, periodId }: { outline: PlanOutline; installation: Installation; periodId: number | null }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const setPeriod = useMeetingsStore((s) => s.setPeriod);
  const selection = useMeetingsStore((s) => s.selection);
  const select = useMeetingsStore((s) => s.select);
  const startNew = useMeetingsStore((s) => s.startNew);
  const list = useMeetingList(periodId);
  const kinds = creatableKinds(installation);
  const [reportOpen, setReportOpen] = useState(false);
  const ownBody = installation.role === 'body' ? installation.bodyCode : null;
  const year = outline.periods.find((p) => p.id === periodId)?.year;

  const openNew = (kind: MeetingKind) => {
    if (periodId === null) return;
    startNew(kind, periodId, ownBody);
  };

  return (
    <section className="card mt-list" aria-labelledby={`${id}-heading`} data-testid="meetings-list">
      <h3 className="card__title" id={`${id}-heading`}>
        {t('meetings.list.title')}
      </h3>
      <div className="mt-list__tools">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-year`}>
            {t('meetings.list.year')}
          </label>
          <select id={`${id}-year`} className="input" data-testid="meetings-year" value={periodId ?? ''} onChange={(e) => setPeriod(Number(e.target.value))}>
            {outline.periods.map((p) => (
              <option key={p.id} value={p.id}>
                {t('meetings.yearOption', { year: p.year })}
              </option>
            ))}
          </select>
        </div>
        {kinds.length > 0 ? (
          <div className="mt-new" role="group" aria-label={t('meetings.list.new')} data-testid="meetings-new">
            {kinds.map((kind) => (
              <button
                key={kind}
                type="button"
                className="button button--primary"
                data-testid={`new-meeting-${kind}`}
                aria-pressed={selection.kind === 'new' && selection.meetingKind === kind}
                onClick={() => openNew(kind)}
              >
                {t('meetings.list.newKind', { kind: kindLabel(t, kind) })}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {installation.role === 'coordinator' && periodId !== null ? (
        <p className="mt-list__report">
          <button type="button" className="button" data-testid="gec-report-open" onClick={() => setReportOpen(true)}>
            {t('meetings.report.open')}
          </button>{' '}
          <span className="hint">{t('meetings.report.openHint', { year: year ?? '' })}</span>
        </p>
      ) : null}
      {list.status === 'error' && list.error ? (
        <ErrorBanner error={list.error} onRetry={list.retry} message={list.error.code === 'NOT_FOUND' ? t('meetings.notReady') : undefined} />
      ) : list.status === 'loading' ? (
        <p className="hint" aria-busy="true">
          {t('meetings.list.loading')}
        </p>
      ) : (list.data ?? []).length === 0 ? (
        <p className="hint mt-list__empty" data-testid="meetings-empty">
          {t('meetings.list.empty', { year: year ?? '' })}
        </p>
      ) : (
        <ul className="mt-items" aria-label={t('meetings.list.caption', { year: year ?? '' })}>
          {(list.data ?? []).map((m) => (
            <MeetingItem key={m.uid} meeting={m} current={selection.kind === 'meeting' && selection.uid === m.uid} onOpen={() => select({ kind: 'meeting', uid: m.uid })} language={language} />
          ))}
        </ul>
      )}
      {reportOpen && periodId !== null ? (
        <DocumentDialog
          mode={{ kind: 'report', periodId }}
          outline={outline}
          onClose={() => setReportOpen(false)}
        />
      ) : null}
    </section>
  );
}

function MeetingItem({ meeting, current, onOpen, language }: { meeting: MeetingSummary; current: boolean; onOpen(): void; language: 'ko' | 'en' }) {
  const t = useT();
  return (
    <li>
      <button
        type="button"
        className="mt-item"
        aria-current={current ? 'true' : undefined}
        data-testid="meeting-item"
        data-uid={meeting.uid}
        data-kind={meeting.kind}
        onClick={onOpen}
      >
        <span className="mt-item__title">{meeting.title || t('meetings.untitled')}</span>
        <span className="mt-item__meta">
          <span className={`mt-kind mt-kind--${meeting.kind}`}>{kindLabel(t, meeting.kind, meeting.bodyCode)}</span>
          <span>{formatMeetingDate(language, meeting.date)}</span>
          {!meeting.ownHere ? <span className="mt-item__from">{t('meetings.list.received')}</span> : null}
        </span>
        <span className="mt-item__counts">
          <span data-testid="meeting-decisions">{t('meetings.list.decisions', { count: meeting.decisions })}</span>
          <span data-testid="meeting-open" className={meeting.openFollowUps > 0 ? 'mt-item__open' : undefined}>
            {t('meetings.list.open', { count: meeting.openFollowUps })}
          </span>
        </span>
      </button>
    </li>
  );
}

function Detail({ outline, installation }: { outline: PlanOutline; installation: Installation }) {
  const t = useT();
  const selection = useMeetingsStore((s) => s.selection);
  if (selection.kind === 'new') return <MeetingForm draftKey={NEW_KEY} meeting={null} outline={outline} installation={installation} editable />;
  if (selection.kind === 'meeting') return <MeetingShown uid={selection.uid} outline={outline} installation={installation} />;
  return (
    <div className="card mt-none" data-testid="meeting-none">
      <p className="hint">{t('meetings.detail.none')}</p>
    </div>
  );
}

function MeetingShown({ uid, outline, installation }: { uid: string; outline: PlanOutline; installation: Installation }) {
  const t = useT();
  const q = useMeeting(uid);
  const [packOpen, setPackOpen] = useState(false);
  const setPeriod = useMeetingsStore((s) => s.setPeriod);
  // A meeting opened from elsewhere (an open follow-up) shows its year's list, once; the user may change the year after.
  const loadedPeriod = q.data?.uid === uid ? q.data.periodId : null;
  const synced = useRef<string | null>(null);
  useEffect(() => {
    if (loadedPeriod === null || synced.current === uid) return;
    synced.current = uid;
    setPeriod(loadedPeriod);
  }, [uid, loadedPeriod, setPeriod]);
  if (q.status === 'error' && q.error) return <ErrorBanner error={q.error} onRetry={q.retry} />;
  if (!q.data) return <p className="hint" aria-busy="true">{t('meetings.detail.loading')}</p>;
  const meeting = q.data;
  const editable = mayChangeMeeting(installation, meeting);
  const toDecisions = () => {
    const heading = document.querySelector<HTMLElement>('[data-testid="meeting-decisions-heading"]');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  };
  return (
    <>
      <div className="mt-meeting-bar" role="group" aria-label={t('meetings.bar.label')} data-testid="meeting-pack">
        <button type="button" className="button button--primary" data-testid="pack-open" onClick={() => setPackOpen(true)}>
          {t('meetings.pack.open')}
        </button>
        <span className="hint mt-meeting-bar__hint">{t('meetings.pack.intro')}</span>
        <button type="button" className="button button--quiet" data-testid="to-decisions" onClick={toDecisions}>
          {t('meetings.bar.toDecisions', { count: meeting.decisions.length })}
        </button>
      </div>
      <MeetingForm draftKey={meeting.uid} meeting={meeting} outline={outline} installation={installation} editable={editable} />
      <DecisionsPanel meeting={meeting} outline={outline} installation={installation} editable={editable} />
      {packOpen ? (
        <DocumentDialog
          mode={{ kind: 'pack', meeting }}
          outline={outline}
          onClose={() => setPackOpen(false)}
        />
      ) : null}
    </>
  );
}
