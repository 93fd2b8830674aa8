/**
 * A meeting's decisions and their follow-up actions: a decision added, a
 * follow-up added to it (owner body, action plan, text, due date), and a
 * follow-up moved on by its owner body or MOGEF; closing asks for the
 * closing note.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PlanOutline } from '../../../../contract/domain';
import type { Decision, FollowUp, FollowUpState, Meeting } from '../../../../contract/meetings';
import type { Installation } from '../../../../contract/progress';
import { toApiError, type ApiError } from '../../api';
import { announce } from '../../components/LiveRegions';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLanguage, useT } from '../../i18n';
import { bodyName, indexActions } from '../../model/outline';
import { useMeetingsStore } from '../../stores/meetings';
import { mayMoveFollowUp } from './rules';
import { bodyLabel, formatMeetingDate, isIsoDay, stateLabel } from './parts';

interface Props {
  meeting: Meeting;
  outline: PlanOutline;
  installation: Installation;
  editable: boolean;
}

export function DecisionsPanel({ meeting, outline, installation, editable }: Props) {
  const t = useT();
  const id = useId();
  // The decision just added takes the focus once the meeting main answered is drawn.
  const focusDecision = (uid: string) => requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-decision-uid="${uid}"]`)?.focus());
  return (
    <section className="card mt-decisions" aria-labelledby={`${id}-heading`} data-testid="meeting-decisions-panel">
      <h3 className="card__title" id={`${id}-heading`} tabIndex={-1} data-testid="meeting-decisions-heading">
        {t('meetings.decisions.title', { count: meeting.decisions.length })}
      </h3>
      {meeting.decisions.length === 0 ? <p className="hint">{t('meetings.decisions.none')}</p> : null}
      <ol className="mt-decision-list">
        {meeting.decisions.map((d, i) => (
          <DecisionItem key={d.uid} decision={d} n={i + 1} meeting={meeting} outline={outline} installation={installation} editable={editable} />
        ))}
      </ol>
      {editable ? <AddDecision meeting={meeting} onAdded={focusDecision} /> : null}
    </section>
  );
}

function AddDecision({ meeting, onAdded }: { meeting: Meeting; onAdded(uid: string): void }) {
  const t = useT();
  const id = useId();
  const addDecision = useMeetingsStore((s) => s.addDecision);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '' || busy) return;
    setBusy(true);
    setError(null);
    try {
      const next = await addDecision(meeting.uid, text.trim());
      const added = next.decisions.find((d) => !meeting.decisions.some((old) => old.uid === d.uid));
      setText('');
      announce(t('meetings.decisions.added'));
      if (added) onAdded(added.uid);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="mt-add" onSubmit={(e) => void submit(e)} data-testid="decision-add">
      <label className="field__label" htmlFor={`${id}-text`}>
        {t('meetings.decisions.new')}
      </label>
      <textarea id={`${id}-text`} className="input mt-textarea" rows={2} value={text} data-testid="decision-text" onChange={(e) => setText(e.target.value)} />
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
      <div className="mt-actions">
        <button type="submit" className="button" data-testid="decision-submit" disabled={busy || text.trim() === ''}>
          {t('meetings.decisions.add')}
        </button>
      </div>
    </form>
  );
}

function DecisionItem({ decision, n, meeting, outline, installation, editable }: { decision: Decision; n: number } & Props) {
  const t = useT();
  return (
    <li className="mt-decision" data-testid="decision" data-uid={decision.uid}>
      <p className="mt-decision__text" tabIndex={-1} data-decision-uid={decision.uid}>
        <span className="visually-hidden">{t('meetings.decisions.n', { n })} </span>
        {decision.text}
      </p>
      {decision.followUps.length > 0 ? (
        <ul className="mt-followups" aria-label={t('meetings.followUps.of', { n })}>
          {decision.followUps.map((f) => (
            <li key={f.uid}>
              <FollowUpCard followUp={f} outline={outline} installation={installation} />
            </li>
          ))}
        </ul>
      ) : null}
      {editable ? <AddFollowUp decision={decision} meeting={meeting} outline={outline} /> : null}
    </li>
  );
}

function AddFollowUp({ decision, meeting, outline }: { decision: Decision; meeting: Meeting; outline: PlanOutline }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const addFollowUp = useMeetingsStore((s) => s.addFollowUp);
  const fixedOwner = meeting.kind === 'body' ? meeting.bodyCode : null;
  const [open, setOpen] = useState(false);
  const [owner, setOwner] = useState<string>(fixedOwner ?? '');
  const [code, setCode] = useState('');
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (open) firstField.current?.focus();
  }, [open]);
  const actions = [...indexActions(outline).values()]
    .filter((a) => owner === '' || a.action.bodyCodes.includes(owner))
    .map((a) => a.action.code);
  const why =
    owner === '' ? t('meetings.followUps.needOwner') : text.trim() === '' ? t('meetings.followUps.needText') : due !== '' && !isIsoDay(due) ? t('meetings.form.badDate') : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (why !== null || busy) return;
    setBusy(true);
    setError(null);
    try {
      await addFollowUp(decision.uid, { ownerBody: owner, actionPlanCode: code === '' ? null : code, text: text.trim(), dueDate: due === '' ? null : due });
      announce(t('meetings.followUps.added', { body: bodyLabel(outline, language, owner) }));
      setText('');
      setCode('');
      setDue('');
      setOpen(false);
      requestAnimationFrame(() => openButton.current?.focus());
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="button button--small" ref={openButton} data-testid="followup-open" onClick={() => setOpen(true)}>
        {t('meetings.followUps.add')}
      </button>
    );
  }
  return (
    <form className="mt-add mt-add--followup" onSubmit={(e) => void submit(e)} data-testid="followup-add" aria-label={t('meetings.followUps.add')}>
      <div className="mt-grid">
        <div className="field mt-grid__two">
          <label className="field__label" htmlFor={`${id}-owner`}>
            {t('meetings.followUps.owner')}
          </label>
          <select id={`${id}-owner`} ref={firstField} className="input" data-testid="followup-owner" value={owner} disabled={fixedOwner !== null} onChange={(e) => setOwner(e.target.value)}>
            <option value="">{t('meetings.participants.chooseBody')}</option>
            {outline.bodies.map((b) => (
              <option key={b.code} value={b.code}>
                {bodyName(language, b)} ({b.code})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-code`}>
            {t('meetings.followUps.actionPlan')}
          </label>
          <select id={`${id}-code`} className="input" data-testid="followup-action" value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">{t('meetings.followUps.noActionPlan')}</option>
            {actions.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-due`}>
            {t('meetings.followUps.due')}
          </label>
          <input id={`${id}-due`} type="date" className="input" data-testid="followup-due" value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-text`}>
          {t('meetings.followUps.text')}
        </label>
        <textarea id={`${id}-text`} className="input mt-textarea" rows={2} data-testid="followup-text" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
      <div className="mt-actions">
        <button type="submit" className="button" data-testid="followup-submit" disabled={busy || why !== null} aria-describedby={`${id}-why`}>
          {t('meetings.followUps.submit')}
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            setOpen(false);
            requestAnimationFrame(() => openButton.current?.focus());
          }}
        >
          {t('meetings.cancel')}
        </button>
        <span className="hint" id={`${id}-why`}>
          {why}
        </span>
      </div>
    </form>
  );
}

const NEXT: Record<FollowUpState, FollowUpState[]> = { open: ['in_progress', 'closed'], in_progress: ['open', 'closed'], closed: ['open'] };

/**
 * One follow-up: what, whose, by when, its state; the buttons that move it
 * on when this installation may. Closing opens a note to write first.
 * `showMeeting`: the meeting it came from (the open follow-ups at the top).
 */
export function FollowUpCard({ followUp, outline, installation, showMeeting, onOpenMeeting }: { followUp: FollowUp; outline: PlanOutline; installation: Installation; showMeeting?: boolean; onOpenMeeting?(): void }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const setFollowUp = useMeetingsStore((s) => s.setFollowUp);
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const may = mayMoveFollowUp(installation, followUp);
  const today = new Date().toISOString().slice(0, 10);
  const overdue = followUp.state !== 'closed' && followUp.dueDate !== null && followUp.dueDate < today;
  useEffect(() => {
    if (closing) noteRef.current?.focus();
  }, [closing]);

  const move = async (state: FollowUpState, closingNote: string | null) => {
    setBusy(true);
    setError(null);
    try {
      await setFollowUp(followUp.uid, state, closingNote);
      setClosing(false);
      setNote('');
      announce(t('meetings.followUps.moved', { state: stateLabel(t, state) }));
      // Closed in the open list, the card leaves it: the focus goes to the list's heading; else it stays on this card.
      requestAnimationFrame(() => {
        const target =
          showMeeting && state === 'closed'
            ? document.querySelector<HTMLElement>('[data-testid="open-followups-heading"]')
            : headRef.current;
        target?.focus();
      });
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className={`mt-followup mt-followup--${followUp.state}`} data-testid="followup" data-uid={followUp.uid} data-state={followUp.state} data-owner={followUp.ownerBody} aria-labelledby={`${id}-text`}>
      <div className="mt-followup__head" tabIndex={-1} ref={headRef} data-followup-uid={followUp.uid}>
        <span className={`mt-state mt-state--${followUp.state}`} data-testid="followup-state">
          {stateLabel(t, followUp.state)}
        </span>
        <span className="mt-followup__owner">{bodyLabel(outline, language, followUp.ownerBody)}</span>
        {followUp.actionPlanCode ? <span className="mt-followup__code">{t('meetings.followUps.actionPlanCode', { code: followUp.actionPlanCode })}</span> : null}
        {followUp.dueDate ? (
          <span className={overdue ? 'mt-followup__due mt-followup__due--late' : 'mt-followup__due'}>
            {t(overdue ? 'meetings.followUps.overdue' : 'meetings.followUps.dueOn', { date: formatMeetingDate(language, followUp.dueDate) })}
          </span>
        ) : null}
      </div>
      <p className="mt-followup__text" id={`${id}-text`}>
        {followUp.text}
      </p>
      {showMeeting ? (
        <p className="mt-followup__meeting hint">
          {t('meetings.followUps.fromMeeting', { title: followUp.meetingTitle, date: formatMeetingDate(language, followUp.meetingDate) })}{' '}
          {onOpenMeeting ? (
            <button type="button" className="link-button" data-testid="followup-meeting" onClick={onOpenMeeting}>
              {t('meetings.followUps.openMeeting')}
            </button>
          ) : null}
        </p>
      ) : null}
      {followUp.state === 'closed' && followUp.closingNote ? (
        <p className="mt-followup__note" data-testid="followup-note">
          <span className="field__label">{t('meetings.followUps.closingNote')}</span> {followUp.closingNote}
        </p>
      ) : null}
      {may && !closing ? (
        <div className="mt-actions mt-actions--small">
          {NEXT[followUp.state].map((state) => (
            <button
              key={state}
              type="button"
              className="button button--small"
              data-testid={`followup-to-${state}`}
              disabled={busy}
              onClick={() => (state === 'closed' ? setClosing(true) : void move(state, null))}
            >
              {t(`meetings.followUps.to.${state}`)}
            </button>
          ))}
        </div>
      ) : null}
      {closing ? (
        <form
          className="mt-close"
          data-testid="followup-close"
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim() !== '') void move('closed', note.trim());
          }}
        >
          <label className="field__label" htmlFor={`${id}-note`}>
            {t('meetings.followUps.closingNoteAsk')}
          </label>
          <textarea id={`${id}-note`} ref={noteRef} className="input mt-textarea" rows={2} value={note} data-testid="followup-close-note" aria-describedby={`${id}-note-why`} onChange={(e) => setNote(e.target.value)} />
          <div className="mt-actions mt-actions--small">
            <button type="submit" className="button button--small button--primary" data-testid="followup-close-confirm" disabled={busy || note.trim() === ''}>
              {t('meetings.followUps.close')}
            </button>
            <button type="button" className="button button--small button--quiet" onClick={() => setClosing(false)}>
              {t('meetings.cancel')}
            </button>
            <span className="hint" id={`${id}-note-why`}>
              {note.trim() === '' ? t('meetings.followUps.needNote') : null}
            </span>
          </div>
        </form>
      ) : null}
      {error ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
    </article>
  );
}
