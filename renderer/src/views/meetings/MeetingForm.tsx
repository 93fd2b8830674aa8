/**
 * A meeting's form: kind, (body), year, date, title, place, participants,
 * agenda and minutes, saved as a whole with the revision it started from.
 * A failed save keeps everything typed (the draft lives in the store); a
 * conflict shows the newer meeting and offers the typed draft again. A
 * meeting made in another installation is shown read only, saying where it
 * came from.
 */
import { useEffect, useId, useRef, type FormEvent } from 'react';
import type { Language, PlanOutline } from '../../../../contract/domain';
import { PARTICIPANT_KINDS, type Meeting, type MeetingDraft, type ParticipantInput, type ParticipantKind } from '../../../../contract/meetings';
import type { Installation } from '../../../../contract/progress';
import { announce } from '../../components/LiveRegions';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLanguage, useT, type Translate } from '../../i18n';
import { bodyName } from '../../model/outline';
import { emptyParticipant, useMeetingsStore } from '../../stores/meetings';
import { bodyOfNew, creatableKinds } from './rules';
import { bodyLabel, formatMeetingDate, isIsoDay, kindLabel, participantKindLabel } from './parts';

interface Props {
  draftKey: string;
  meeting: Meeting | null;
  outline: PlanOutline;
  installation: Installation;
  editable: boolean;
}

/** Why Save waits (null: it may be sent). */
export function whyNotSave(t: Translate, draft: MeetingDraft): string | null {
  if (draft.date === '') return t('meetings.form.needDate');
  if (!isIsoDay(draft.date)) return t('meetings.form.badDate');
  if (draft.title.trim() === '') return t('meetings.form.needTitle');
  const noName = draft.participants.findIndex((p) => p.name.trim() === '' && !(p.kind === 'body' && p.bodyCode));
  if (noName >= 0) return t('meetings.form.needParticipant', { n: noName + 1 });
  return null;
}

export function MeetingForm(props: Props) {
  if (!props.editable && props.meeting) return <MeetingReadOnly meeting={props.meeting} outline={props.outline} installation={props.installation} />;
  return <MeetingEditor {...props} />;
}

function MeetingEditor({ draftKey, meeting, outline, installation }: Props) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const form = useStoreDraft(draftKey, meeting);
  const edit = useMeetingsStore((s) => s.edit);
  const save = useMeetingsStore((s) => s.save);
  const saving = useMeetingsStore((s) => s.saving);
  const outcome = useMeetingsStore((s) => s.outcome);
  const clearOutcome = useMeetingsStore((s) => s.clearOutcome);
  const applyKept = useMeetingsStore((s) => s.applyKept);
  const discard = useMeetingsStore((s) => s.discard);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);

  // After a save, the result takes the focus (the heading of a new meeting, said in the status region).
  const savedUid = outcome?.kind === 'saved' && meeting?.uid === outcome.uid ? outcome.uid : null;
  useEffect(() => {
    if (savedUid !== null) resultRef.current?.focus();
  }, [savedUid]);
  useEffect(() => {
    if (outcome?.kind === 'conflict') conflictRef.current?.focus();
  }, [outcome]);

  if (!form) return <p className="hint">{t('meetings.detail.loading')}</p>;
  const draft = form.draft;
  const set = (change: Partial<MeetingDraft>) => edit(draftKey, (d) => ({ ...d, ...change }));
  const setParticipant = (i: number, change: Partial<ParticipantInput>) =>
    edit(draftKey, (d) => ({ ...d, participants: d.participants.map((p, j) => (j === i ? { ...p, ...change } : p)) }));
  const addParticipant = () => {
    edit(draftKey, (d) => ({ ...d, participants: [...d.participants, emptyParticipant(d.participants.at(-1)?.kind ?? 'body')] }));
    // The new row's first field takes the focus once drawn.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-participant="${draft.participants.length}"] select`)?.focus());
  };
  const removeParticipant = (i: number) => {
    edit(draftKey, (d) => ({ ...d, participants: d.participants.filter((_, j) => j !== i) }));
    announce(t('meetings.participants.removed', { n: i + 1 }));
    requestAnimationFrame(() => document.getElementById(`${id}-add-participant`)?.focus());
  };
  const why = whyNotSave(t, draft);
  const isNew = meeting === null;
  const kinds = isNew ? creatableKinds(installation) : [draft.kind];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (why !== null || saving) return;
    const saved = await save(draftKey);
    if (saved) announce(isNew ? t('meetings.form.created', { title: saved.title }) : t('meetings.form.savedSay', { title: saved.title }));
  };

  return (
    <section className="card mt-form" aria-labelledby={`${id}-heading`} data-testid="meeting-form" data-key={draftKey}>
      <h3 className="card__title" id={`${id}-heading`} tabIndex={-1} ref={headingRef}>
        {isNew ? t('meetings.form.newTitle', { kind: kindLabel(t, draft.kind) }) : meeting.title || t('meetings.untitled')}
      </h3>
      {outcome?.kind === 'saved' && !isNew && meeting.uid === outcome.uid ? (
        <p className="mt-saved" tabIndex={-1} ref={resultRef} data-testid="meeting-saved">
          {outcome.created ? t('meetings.form.createdShown') : t('meetings.form.saved')}
        </p>
      ) : null}
      {outcome?.kind === 'conflict' && meeting ? (
        <div className="mt-conflict" role="alert" tabIndex={-1} ref={conflictRef} data-testid="meeting-conflict">
          <p>
            <strong>{t('meetings.form.conflict')}</strong>
          </p>
          <p>{t('meetings.form.conflictHint')}</p>
          <div className="mt-actions">
            <button type="button" className="button" data-testid="meeting-apply-kept" onClick={() => applyKept(draftKey, meeting)}>
              {t('meetings.form.applyKept')}
            </button>
            <button type="button" className="button button--quiet" onClick={clearOutcome}>
              {t('meetings.form.keepTheirs')}
            </button>
          </div>
        </div>
      ) : null}
      <form className="mt-fields" onSubmit={(e) => void submit(e)} noValidate>
        <div className="mt-grid">
          {kinds.length > 1 ? (
            <div className="field">
              <label className="field__label" htmlFor={`${id}-kind`}>
                {t('meetings.form.kind')}
              </label>
              <select
                id={`${id}-kind`}
                className="input"
                data-testid="meeting-kind"
                value={draft.kind}
                onChange={(e) => set({ kind: e.target.value as MeetingDraft['kind'], bodyCode: bodyOfNew(installation, e.target.value as MeetingDraft['kind']) })}
              >
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {kindLabel(t, k)}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div className="field">
              <span className="field__label" id={`${id}-kind-label`}>
                {t('meetings.form.kind')}
              </span>
              <span className="mt-static" aria-labelledby={`${id}-kind-label`} data-testid="meeting-kind" data-kind={draft.kind}>
                {kindLabel(t, draft.kind)}
              </span>
            </div>
          )}
          {draft.kind === 'body' ? (
            <div className="field">
              <span className="field__label" id={`${id}-body-label`}>
                {t('meetings.form.body')}
              </span>
              <span className="mt-static" aria-labelledby={`${id}-body-label`} data-testid="meeting-body">
                {bodyLabel(outline, language, draft.bodyCode ?? null)}
              </span>
            </div>
          ) : null}
          <div className="field">
            <label className="field__label" htmlFor={`${id}-period`}>
              {t('meetings.form.period')}
            </label>
            <select id={`${id}-period`} className="input" data-testid="meeting-period" value={draft.periodId} onChange={(e) => set({ periodId: Number(e.target.value) })}>
              {outline.periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('meetings.yearOption', { year: p.year })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-date`}>
              {t('meetings.form.date')}
            </label>
            <input id={`${id}-date`} type="date" className="input" data-testid="meeting-date" value={draft.date} required aria-required="true" onChange={(e) => set({ date: e.target.value })} />
          </div>
          <div className="field mt-grid__wide">
            <label className="field__label" htmlFor={`${id}-title`}>
              {t('meetings.form.titleField')}
            </label>
            <input id={`${id}-title`} className="input" data-testid="meeting-title" value={draft.title} maxLength={300} required aria-required="true" onChange={(e) => set({ title: e.target.value })} />
          </div>
          <div className="field mt-grid__wide">
            <label className="field__label" htmlFor={`${id}-place`}>
              {t('meetings.form.place')}
            </label>
            <input id={`${id}-place`} className="input" data-testid="meeting-place" value={draft.place} maxLength={300} onChange={(e) => set({ place: e.target.value })} />
          </div>
        </div>

        <fieldset className="mt-participants" data-testid="meeting-participants">
          <legend className="mt-subtitle">{t('meetings.participants.title', { count: draft.participants.length })}</legend>
          {draft.participants.length === 0 ? <p className="hint">{t('meetings.participants.none')}</p> : null}
          {draft.participants.map((p, i) => (
            <ParticipantRow
              key={i}
              index={i}
              participant={p}
              outline={outline}
              language={language}
              onChange={(change) => setParticipant(i, change)}
              onRemove={() => removeParticipant(i)}
            />
          ))}
          <button type="button" className="button button--small" id={`${id}-add-participant`} data-testid="participant-add" onClick={addParticipant}>
            {t('meetings.participants.add')}
          </button>
        </fieldset>

        <div className="field">
          <label className="field__label" htmlFor={`${id}-agenda`}>
            {t('meetings.form.agenda')}
          </label>
          <textarea id={`${id}-agenda`} className="input mt-textarea" rows={3} data-testid="meeting-agenda" value={draft.agenda} onChange={(e) => set({ agenda: e.target.value })} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-minutes`}>
            {t('meetings.form.minutes')}
          </label>
          <textarea id={`${id}-minutes`} className="input mt-textarea" rows={5} data-testid="meeting-minutes" value={draft.minutes} onChange={(e) => set({ minutes: e.target.value })} />
        </div>

        {outcome?.kind === 'failed' ? <ErrorBanner error={outcome.error} message={t('meetings.form.failed')} onDismiss={clearOutcome} /> : null}
        <div className="mt-actions">
          <button type="submit" className="button button--primary" data-testid="meeting-save" disabled={saving || why !== null || (!isNew && !form.dirty)} aria-describedby={`${id}-why`}>
            {saving ? t('meetings.form.saving') : isNew ? t('meetings.form.create') : t('meetings.form.save')}
          </button>
          {form.dirty || isNew ? (
            <button type="button" className="button button--quiet" data-testid="meeting-discard" disabled={saving} onClick={() => discard(draftKey)}>
              {isNew ? t('meetings.form.cancelNew') : t('meetings.form.discard')}
            </button>
          ) : null}
          <span className="hint" id={`${id}-why`} data-testid="meeting-why">
            {why ?? (form.dirty ? t('meetings.form.unsaved') : null)}
          </span>
        </div>
      </form>
    </section>
  );
}

/** The store's draft for the form, opened from the meeting when there is none. */
function useStoreDraft(draftKey: string, meeting: Meeting | null) {
  const form = useMeetingsStore((s) => s.drafts[draftKey]);
  const openDraft = useMeetingsStore((s) => s.openDraft);
  useEffect(() => {
    if (meeting) openDraft(meeting);
  }, [meeting, openDraft]);
  return form ?? null;
}

function ParticipantRow(props: {
  index: number;
  participant: ParticipantInput;
  outline: PlanOutline;
  language: Language;
  onChange(change: Partial<ParticipantInput>): void;
  onRemove(): void;
}) {
  const t = useT();
  const id = useId();
  const p = props.participant;
  const n = props.index + 1;
  return (
    <div className="mt-participant" role="group" aria-label={t('meetings.participants.row', { n })} data-testid="participant-row" data-participant={props.index}>
      <div className="mt-participant__top">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-kind`}>
            {t('meetings.participants.kind')}
          </label>
          <select
            id={`${id}-kind`}
            className="input"
            data-testid="participant-kind"
            value={p.kind}
            onChange={(e) => props.onChange({ kind: e.target.value as ParticipantKind, bodyCode: e.target.value === 'body' ? (p.bodyCode ?? null) : null })}
          >
            {PARTICIPANT_KINDS.map((k) => (
              <option key={k} value={k}>
                {participantKindLabel(t, k)}
              </option>
            ))}
          </select>
        </div>
        {p.kind === 'body' ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-body`}>
              {t('meetings.participants.body')}
            </label>
            <select id={`${id}-body`} className="input" data-testid="participant-body" value={p.bodyCode ?? ''} onChange={(e) => props.onChange({ bodyCode: e.target.value === '' ? null : e.target.value })}>
              <option value="">{t('meetings.participants.chooseBody')}</option>
              {props.outline.bodies.map((b) => (
                <option key={b.code} value={b.code}>
                  {bodyName(props.language, b)} ({b.code})
                </option>
              ))}
            </select>
          </div>
        ) : (
          <span />
        )}
        <button type="button" className="button button--quiet button--small mt-participant__remove" data-testid="participant-remove" onClick={props.onRemove}>
          {t('meetings.participants.remove')}
          <span className="visually-hidden"> {t('meetings.participants.row', { n })}</span>
        </button>
      </div>
      <div className="mt-participant__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            {t('meetings.participants.name')}
          </label>
          <input id={`${id}-name`} className="input" data-testid="participant-name" value={p.name} maxLength={200} onChange={(e) => props.onChange({ name: e.target.value })} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-affiliation`}>
            {t('meetings.participants.affiliation')}
          </label>
          <input id={`${id}-affiliation`} className="input" data-testid="participant-affiliation" value={p.affiliation} maxLength={200} onChange={(e) => props.onChange({ affiliation: e.target.value })} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-role`}>
            {t('meetings.participants.role')}
          </label>
          <input id={`${id}-role`} className="input" data-testid="participant-role" value={p.role} maxLength={200} onChange={(e) => props.onChange({ role: e.target.value })} />
        </div>
      </div>
    </div>
  );
}

/** A meeting made in another installation: shown as it arrived, with where it came from. */
function MeetingReadOnly({ meeting, outline, installation }: { meeting: Meeting; outline: PlanOutline; installation: Installation }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const year = outline.periods.find((p) => p.id === meeting.periodId)?.year ?? meeting.year;
  const from =
    meeting.kind === 'body' && meeting.bodyCode
      ? t('meetings.readOnly.fromBody', { body: bodyLabel(outline, language, meeting.bodyCode) })
      : installation.role === 'body'
        ? t('meetings.readOnly.fromMogef')
        : t('meetings.readOnly.fromOther');
  return (
    <section className="card mt-form mt-form--readonly" aria-labelledby={`${id}-heading`} data-testid="meeting-readonly">
      <h3 className="card__title" id={`${id}-heading`} tabIndex={-1}>
        {meeting.title || t('meetings.untitled')}
      </h3>
      <p className="mt-origin" data-testid="meeting-origin">
        {from}{' '}
        <span className="secondary">
          ({t('meetings.readOnly.origin')} <code lang="en">{meeting.origin}</code>)
        </span>
      </p>
      <dl className="mt-facts">
        <div>
          <dt>{t('meetings.form.kind')}</dt>
          <dd>{kindLabel(t, meeting.kind, meeting.bodyCode)}</dd>
        </div>
        <div>
          <dt>{t('meetings.form.period')}</dt>
          <dd>{t('meetings.yearOption', { year })}</dd>
        </div>
        <div>
          <dt>{t('meetings.form.date')}</dt>
          <dd>{formatMeetingDate(language, meeting.date)}</dd>
        </div>
        <div>
          <dt>{t('meetings.form.place')}</dt>
          <dd>{meeting.place || '—'}</dd>
        </div>
      </dl>
      <h4 className="mt-subtitle">{t('meetings.participants.title', { count: meeting.participants.length })}</h4>
      {meeting.participants.length === 0 ? (
        <p className="hint">{t('meetings.participants.none')}</p>
      ) : (
        <table className="mt-table">
          <caption className="visually-hidden">{t('meetings.participants.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.participants.kind')}</th>
              <th scope="col">{t('meetings.participants.name')}</th>
              <th scope="col">{t('meetings.participants.affiliation')}</th>
              <th scope="col">{t('meetings.participants.role')}</th>
            </tr>
          </thead>
          <tbody>
            {meeting.participants.map((p, i) => (
              <tr key={i}>
                <td>{p.kind === 'body' && p.bodyCode ? bodyLabel(outline, language, p.bodyCode) : participantKindLabel(t, p.kind)}</td>
                <td>{p.name}</td>
                <td>{p.affiliation}</td>
                <td>{p.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4 className="mt-subtitle">{t('meetings.form.agenda')}</h4>
      <p className="mt-prose">{meeting.agenda || '—'}</p>
      <h4 className="mt-subtitle">{t('meetings.form.minutes')}</h4>
      <p className="mt-prose">{meeting.minutes || '—'}</p>
    </section>
  );
}
