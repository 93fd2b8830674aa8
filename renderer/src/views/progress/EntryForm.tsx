/**
 * The entry form: one action plan × one body × one period. Every change is
 * saved by the entry's session (stores/progress-entry.ts) as the official
 * types; the form only shows the session's drafts and state.
 */
import { useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { PlanOutline } from '../../../../contract/domain';
import type { EntryKey, IndicatorReport, Installation, ProgressEntry } from '../../../../contract/progress';
import { EVIDENCE_TEXT_MAX } from '../../../../contract/rules';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { useConfirm } from '../../components/progress/ConfirmDialog';
import { CharCounter, limitProblem } from '../../components/progress/TextLimit';
import { ErrorBanner } from '../../components/ErrorBanner';
import { FieldError } from '../../components/progress/FieldError';
import { useAlert, useAnnounce } from '../../components/LiveRegions';
import { StatusBadge } from '../../components/progress/ProgressBadges';
import { errorKey, useLanguage, useT } from '../../i18n';
import { bodyName, planText } from '../../model/outline';
import { useNavigationStore } from '../../stores/navigation';
import { usePlanStore } from '../../stores/plan';
import { useReport } from '../../stores/progress';
import {
  evidenceProblem,
  indicatorSlot,
  parseSlot,
  sessionFor,
  type EntrySession,
  type EntrySnapshot,
  type FieldProblem,
  type SaveState,
  type Slot,
  type TextField,
} from '../../stores/progress-entry';
import { EntryAside } from './EntryAside';
import { IndicatorFacts, SelectField, TextAreaField, TextInputField } from './fields';
import { COMPLETION_LEVELS, fieldLabel } from './model';

interface Props {
  entryKey: EntryKey;
  outline: PlanOutline;
  installation: Installation;
}

/** The entry's session, mounted while the form is: unmounting flushes what is pending. */
function useEntrySession(key: EntryKey): [EntrySession, EntrySnapshot] {
  // The form is keyed by the entry, so the key never changes for one instance.
  const [session] = useState(() => sessionFor(key));
  useEffect(() => {
    session.mount();
    return () => session.unmount();
  }, [session]);
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  return [session, snap];
}

const SAVE_LABEL: Record<SaveState, 'progress.save.saved' | 'progress.save.saving' | 'progress.save.dirty' | 'progress.save.error'> = {
  saved: 'progress.save.saved',
  saving: 'progress.save.saving',
  dirty: 'progress.save.dirty',
  error: 'progress.save.error',
};

export function EntryForm({ entryKey, outline, installation }: Props) {
  const t = useT();
  const language = useLanguage();
  const [session, snap] = useEntrySession(entryKey);
  const close = useNavigationStore((s) => s.close);
  const action = usePlanStore((s) => s.index.get(entryKey.actionPlanId)?.action);
  const report = useReport(entryKey.bodyCode, entryKey.periodId).data;
  const [asideOpen, setAsideOpen] = useState(true);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Opened from a list: focus goes to the form's heading, never left on <body>.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);


  const body = outline.bodies.find((b) => b.code === entryKey.bodyCode);
  const year = outline.periods.find((p) => p.id === entryKey.periodId)?.year;
  const text = action ? planText(language, action) : null;
  const entry = snap.entry;
  const editable = entry?.editable === true;

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void session.flush();
    }
  };

  return (
    <div
      className="entry-form"
      data-testid="entry-form"
      data-save-state={snap.saveState}
      data-editable={editable ? 'true' : 'false'}
      role="form"
      aria-label={t('progress.entry.label')}
      onKeyDown={onKeyDown}
    >
      <header className="entry-head">
        <button type="button" className="button button--quiet entry-head__back" data-testid="entry-close" onClick={close}>
          {t('progress.entry.back')}
        </button>
        <div className="entry-head__title">
          <h3 className="entry-head__heading" tabIndex={-1} ref={headingRef} data-testid="entry-heading">
            <span className="code">{t('progress.entry.heading', { code: action?.code ?? String(entryKey.actionPlanId) })}</span>
            <span className="entry-head__meta">
              {t('progress.entry.meta', { body: body ? `${bodyName(language, body)} (${body.code})` : entryKey.bodyCode, year: year ?? '' })}
            </span>
            {report && <StatusBadge status={report.status} testId="entry-report-status" />}
          </h3>
          {text && (
            <p className="entry-head__text" lang={text.lang}>
              {text.text}
            </p>
          )}
        </div>
        <div className="entry-head__state">
          {(editable || snap.saveState !== 'saved') && <SaveIndicator session={session} state={snap.saveState} />}
          <div className="entry-head__sub">
            {entry && (
              <p className="entry-head__completeness" data-testid="entry-completeness" data-complete={entry.completeness.missing.length === 0}>
                {t('progress.entry.completeness', { filled: entry.completeness.filled, required: entry.completeness.required })}
              </p>
            )}
            <button
              type="button"
              className="button button--quiet entry-head__aside-toggle"
              data-testid="aside-toggle"
              aria-expanded={asideOpen}
              aria-controls="entry-aside"
              onClick={() => setAsideOpen((o) => !o)}
            >
              {asideOpen ? t('progress.aside.collapse') : t('progress.aside.expand')}
            </button>
          </div>
        </div>
        <HeadAlert snap={snap} />
      </header>

      {snap.loadState === 'error' && snap.loadError ? (
        <div className="entry-body">
          <ErrorBanner error={snap.loadError} onRetry={() => void session.load()} />
        </div>
      ) : !entry ? (
        <p className="view-message">{t('progress.loading')}</p>
      ) : (
        <div className={asideOpen ? 'entry-body' : 'entry-body entry-body--wide'}>
          <div className="entry-main">
            {!editable && <ReadOnlyNotice entry={entry} outline={outline} installation={installation} />}
            <SaveProblems session={session} snap={snap} />
            <EntryFields session={session} snap={snap} entry={entry} editable={editable} />
          </div>
          {asideOpen && <EntryAside session={session} snap={snap} entry={entry} installation={installation} />}
        </div>
      )}
    </div>
  );
}

function SaveIndicator({ session, state }: { session: EntrySession; state: SaveState }) {
  const t = useT();
  return (
    <div className="save-indicator">
      <span className="save-state" data-testid="save-state" data-state={state} role="status" aria-live="polite" title={t('progress.save.title')}>
        {t(SAVE_LABEL[state])}
      </span>
      {state === 'error' && (
        <button type="button" className="button save-indicator__retry" data-testid="save-retry" onClick={() => void session.retry()}>
          {t('progress.save.retry')}
        </button>
      )}
    </div>
  );
}

const SLOT_TEST_IDS: Readonly<Record<string, string>> = {
  completion: 'field-completion',
  delayed: 'field-delayed',
  delayReason: 'field-delay-reason',
  achievements: 'field-achievements',
  nextSteps: 'field-next-steps',
  difficulties: 'field-difficulties',
  budgetAllocated: 'field-budget-allocated',
  budgetExecuted: 'field-budget-executed',
};

function focusSlot(slot: string) {
  const testId = SLOT_TEST_IDS[slot] ?? slot.replace('indicator:', 'indicator-');
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  el?.focus();
  el?.scrollIntoView({ block: 'center' });
}

/**
 * Under the sticky header, always in view: why something is not saved (a
 * failed save, or a value that is not valid yet), with the fields to go to.
 */
function HeadAlert({ snap }: { snap: EntrySnapshot }) {
  const t = useT();
  const language = useLanguage();
  const entry = snap.entry;
  const invalid = snap.unsaved.filter((slot) => !parseSlot(slot, snap.drafts[slot] ?? '', entry).ok);
  const failed = snap.saveState === 'error' && snap.saveError;
  const slots = failed ? snap.unsaved : invalid;
  // A failed save is said in the mounted alert region (a region inserted with its text is not read).
  useAlert(failed && snap.saveError ? `${t(errorKey(snap.saveError.code))} ${entry?.editable ? t('progress.save.kept') : ''}`.trim() : null);
  if (!failed && invalid.length === 0) return null;
  const indicatorName = (id: number) => {
    const i = entry?.indicators.find((x) => x.indicatorId === id);
    return i ? (language === 'ko' ? i.nameKo : i.nameEn) : undefined;
  };
  return (
    <p className="entry-head__alert" data-testid="save-alert" data-kind={failed ? 'error' : 'invalid'}>
      {failed && snap.saveError && <strong>{t(errorKey(snap.saveError.code))} </strong>}
      {slots.length > 0 && <span>{t('progress.save.unsavedLabel')} </span>}
      {slots.map((slot, i) => (
        <span key={slot}>
          {i > 0 && ', '}
          <button type="button" className="link-button" onClick={() => focusSlot(slot)}>
            {fieldLabel(t, slot, indicatorName)}
          </button>
        </span>
      ))}
      {failed && entry?.editable && <span> — {t('progress.save.kept')}</span>}
    </p>
  );
}

function ReadOnlyNotice({ entry, outline, installation }: { entry: ProgressEntry; outline: PlanOutline; installation: Installation }) {
  const t = useT();
  const language = useLanguage();
  const reason = entry.readOnlyReason ?? 'submitted';
  const own = installation.role === 'body' ? outline.bodies.find((b) => b.code === installation.bodyCode) : undefined;
  const ownName = own ? `${bodyName(language, own)} (${own.code})` : installation.role === 'body' ? installation.bodyCode : '';
  return (
    <p className="readonly-notice" data-testid="readonly-notice" data-reason={reason} role="note">
      {t(`progress.readonly.${reason}`, { body: ownName })}
    </p>
  );
}

/** Save failures and conflicts: the typed text stays in the form; if it cannot be saved any more, it is shown to copy. */
function SaveProblems({ session, snap }: { session: EntrySession; snap: EntrySnapshot }) {
  const t = useT();
  const entry = snap.entry;
  const unsavedTexts = entry && !entry.editable ? snap.unsaved.filter((s) => snap.drafts[s]) : [];
  // Said in the mounted status region (a region inserted with its text is not read).
  useAnnounce(snap.conflictRecovered && snap.saveState !== 'error' ? t('progress.save.conflict') : null);
  return (
    <>
      {snap.conflictRecovered && snap.saveState !== 'error' && (
        <p className="pg-notice" data-testid="conflict-notice">
          {t('progress.save.conflict')}
        </p>
      )}
      {snap.saveState === 'error' && snap.saveError && (
        <div className="save-error" data-testid="save-error">
          <ErrorBanner
            error={snap.saveError}
            message={`${t(errorKey(snap.saveError.code))} ${entry?.editable ? t('progress.save.kept') : ''}`}
            onRetry={() => void session.retry()}
          />
        </div>
      )}
      {unsavedTexts.length > 0 && (
        <div className="save-unsaved" data-testid="unsaved-copy">
          <p>{t('progress.save.keptReadOnly')}</p>
          {unsavedTexts.map((slot) => (
            <label key={slot} className="pg-field">
              <span className="pg-field__label">{fieldLabel(t, slot)}</span>
              <textarea className="pg-textarea" readOnly value={snap.drafts[slot] ?? ''} rows={3} />
            </label>
          ))}
        </div>
      )}
    </>
  );
}

function problemOf(slot: Slot, snap: EntrySnapshot): FieldProblem | null {
  const parsed = parseSlot(slot, snap.drafts[slot] ?? '', snap.entry);
  return parsed.ok ? null : parsed.problem;
}

function EntryFields({ session, snap, entry, editable }: { session: EntrySession; snap: EntrySnapshot; entry: ProgressEntry; editable: boolean }) {
  const t = useT();
  const drafts = snap.drafts;
  const disabled = !editable;
  const delayed = drafts.delayed ?? '';
  const bound = (slot: Slot) => ({ session, slot, value: drafts[slot] ?? '', disabled });
  const text = (slot: TextField, testId: string, required: boolean, hint?: string) => (
    <TextAreaField
      {...bound(slot)}
      testId={testId}
      label={t(`progress.field.${slot}`)}
      required={required}
      {...(hint ? { hint } : {})}
      problem={problemOf(slot, snap)}
    />
  );

  const allocated = parseSlot('budgetAllocated', drafts.budgetAllocated ?? '', entry);
  const executed = parseSlot('budgetExecuted', drafts.budgetExecuted ?? '', entry);
  const overspent =
    allocated.ok && executed.ok && typeof allocated.value === 'number' && typeof executed.value === 'number' && executed.value > allocated.value;

  return (
    <div className="entry-fields">
      {editable && <p className="hint entry-fields__legend">{t('progress.requiredLegend')}</p>}

      <section className="entry-section" aria-labelledby="entry-sec-status">
        <h4 className="entry-section__title" id="entry-sec-status">
          {t('progress.entry.section.status')}
        </h4>
        <div className="entry-row">
          <SelectField
            {...bound('completion')}
            testId="field-completion"
            label={t('progress.field.completion')}
            required
            hint={t('progress.hint.completion')}
            description={{ text: t('progress.hint.noEvidence'), testId: 'completion-help' }}
            options={[
              { value: '', label: t('progress.level.choose') },
              ...COMPLETION_LEVELS.map((l) => ({ value: l, label: t(`progress.level.${l}`) })),
            ]}
          />
          <SelectField
            {...bound('delayed')}
            testId="field-delayed"
            label={t('progress.field.delayed')}
            required
            options={[
              { value: '', label: t('progress.delayed.choose') },
              { value: 'yes', label: t('progress.delayed.yes') },
              { value: 'no', label: t('progress.delayed.no') },
            ]}
          />
        </div>
        {delayed === 'yes' && text('delayReason', 'field-delay-reason', true)}
      </section>

      <section className="entry-section" aria-labelledby="entry-sec-narrative">
        <h4 className="entry-section__title" id="entry-sec-narrative">
          {t('progress.entry.section.narrative')}
        </h4>
        {text('achievements', 'field-achievements', true, t('progress.hint.achievements'))}
        {text('nextSteps', 'field-next-steps', true, t('progress.hint.nextSteps'))}
        {text('difficulties', 'field-difficulties', false, t('progress.hint.difficulties'))}
      </section>

      <section className="entry-section" aria-labelledby="entry-sec-budget">
        <h4 className="entry-section__title" id="entry-sec-budget">
          {t('progress.entry.section.budget')}
        </h4>
        <div className="entry-row">
          <TextInputField
            {...bound('budgetAllocated')}
            testId="field-budget-allocated"
            label={t('progress.field.budgetAllocated')}
            hint={t('progress.hint.budget')}
            unit={t('progress.unit.won')}
            inputMode="numeric"
            problem={problemOf('budgetAllocated', snap)}
          />
          <TextInputField
            {...bound('budgetExecuted')}
            testId="field-budget-executed"
            label={t('progress.field.budgetExecuted')}
            hint={t('progress.hint.budget')}
            unit={t('progress.unit.won')}
            inputMode="numeric"
            problem={problemOf('budgetExecuted', snap)}
            warning={overspent ? t('progress.warn.overspent') : null}
          />
        </div>
      </section>

      {entry.indicators.length > 0 && (
        <section className="entry-section" aria-labelledby="entry-sec-indicators">
          <h4 className="entry-section__title" id="entry-sec-indicators">
            {t('progress.entry.section.indicators')}
          </h4>
          <div className="entry-indicators">
            {entry.indicators.map((indicator) => (
              <IndicatorField key={indicator.indicatorId} session={session} snap={snap} indicator={indicator} disabled={disabled} />
            ))}
          </div>
        </section>
      )}

      <EvidenceSection session={session} snap={snap} entry={entry} editable={editable} />
      {entry.updatedAt && <UpdatedLine entry={entry} />}
    </div>
  );
}

function UpdatedLine({ entry }: { entry: ProgressEntry }) {
  const t = useT();
  const language = useLanguage();
  return <p className="hint entry-updated">{t('progress.entry.updated', { who: entry.updatedBy ?? '', date: formatDateTime(language, entry.updatedAt) })}</p>;
}

function IndicatorField({ session, snap, indicator, disabled }: { session: EntrySession; snap: EntrySnapshot; indicator: IndicatorReport; disabled: boolean }) {
  const t = useT();
  const language = useLanguage();
  const slot = indicatorSlot(indicator.indicatorId);
  const name = language === 'ko' ? indicator.nameKo : indicator.nameEn;
  const label = `${name}`;
  const common = { session, slot, value: snap.drafts[slot] ?? '', disabled, testId: `indicator-${indicator.indicatorId}`, label, required: true };
  const kind = t(`progress.indicator.kind.${indicator.kind}`);
  const hint = indicator.unit && indicator.kind !== 'percent' ? `${kind} · ${indicator.unit}` : kind;
  if (indicator.kind === 'yes_no') {
    return (
      <SelectField
        {...common}
        hint={hint}
        options={[
          { value: '', label: t('progress.indicator.choose') },
          { value: 'yes', label: t('progress.yes') },
          { value: 'no', label: t('progress.no') },
        ]}
        details={<IndicatorFacts indicator={indicator} />}
      />
    );
  }
  return (
    <TextInputField
      {...common}
      hint={hint}
      unit={indicator.kind === 'percent' ? '%' : indicator.unit}
      inputMode="decimal"
      problem={problemOf(slot, snap)}
      details={<IndicatorFacts indicator={indicator} />}
    />
  );
}

/** What an evidence item was, to add it again when its removal is undone. */
interface RemovedEvidence {
  title: string;
  docDate: string | null;
  reference: string | null;
}

function EvidenceSection({ session, snap, entry, editable }: { session: EntrySession; snap: EntrySnapshot; entry: ProgressEntry; editable: boolean }) {
  const t = useT();
  const language = useLanguage();
  const { ask, dialog } = useConfirm();
  const [tried, setTried] = useState(false);
  /** The date box holds a date typed only in part (the browser's value is then ''). */
  const [partialDate, setPartialDate] = useState(false);
  /** The last removed item, offered to undo. */
  const [removed, setRemoved] = useState<RemovedEvidence | null>(null);
  /** The title of the item the undo brought back, said in the status region. */
  const [restored, setRestored] = useState<string | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The removed item's button is gone: focus goes to the undo offered in its place, not to <body>.
  useEffect(() => {
    if (removed) undoRef.current?.focus();
  }, [removed]);
  const dateRef = useRef<HTMLInputElement>(null);
  const draft = snap.evidenceDraft;
  const problem = evidenceProblem(draft);
  const removing = new Set(snap.pendingEvidence.flatMap((p) => (p.op === 'remove' ? [p.evidenceId] : [])));
  const adding = snap.pendingEvidence.filter((p) => p.op === 'add');
  const failed = snap.saveState === 'error';

  const datePartial = () => dateRef.current?.validity.badInput === true;
  const add = () => {
    setTried(true);
    // A date typed in part reads as no date: say so and keep it, never add the item without it.
    const partial = datePartial();
    setPartialDate(partial);
    if (partial) {
      dateRef.current?.focus();
      return;
    }
    if (session.addEvidence()) setTried(false);
  };
  const onEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      add();
    }
  };
  const remove = async (ev: ProgressEntry['evidence'][number]) => {
    const confirmed = await ask({
      title: t('progress.confirm.removeTitle'),
      body: <p>{t('progress.confirm.remove', { title: ev.title })}</p>,
      confirmLabel: t('progress.evidence.remove'),
      danger: true,
    });
    if (!confirmed) return;
    session.removeEvidence(ev.id, ev.title);
    setRestored(null);
    setRemoved({ title: ev.title, docDate: ev.docDate, reference: ev.reference });
  };
  /** Adds the removed item again (a new item with the same title, date and reference); the draft being typed is kept. */
  const undo = () => {
    if (!removed) return;
    const typing = snap.evidenceDraft;
    session.setEvidenceDraft({ title: removed.title, date: removed.docDate ?? '', reference: removed.reference ?? '' });
    const queued = session.addEvidence();
    session.setEvidenceDraft(typing);
    if (queued) {
      // The undo button goes away with its bar: the focus goes to the evidence's heading, and the status region says what came back.
      setRemoved(null);
      setRestored(removed.title);
      headingRef.current?.focus();
    }
  };

  const titleProblem = limitProblem(draft.title, EVIDENCE_TEXT_MAX);
  const referenceProblem = limitProblem(draft.reference, EVIDENCE_TEXT_MAX);
  const errorId = useId();
  const shownProblem = !partialDate && ((tried && problem) || titleProblem || referenceProblem);
  const titleInvalid = (tried && problem === 'title_required') || titleProblem !== null;
  /** The ids that describe an input of the draft: its error, when the error is about it. */
  const describedBy = (invalid: boolean) => (invalid && shownProblem ? `${errorId}-evidence` : undefined);
  // The undo bar's message is said in the mounted status region (a region inserted with its text is not read).
  useAnnounce(removed ? t('progress.evidence.removed', { title: removed.title }) : restored ? t('progress.evidence.restored', { title: restored }) : null);

  return (
    <section className="entry-section" aria-labelledby="entry-sec-evidence">
      {dialog}
      <h4 className="entry-section__title" id="entry-sec-evidence" tabIndex={-1} ref={headingRef} data-testid="evidence-heading">
        {t('progress.entry.section.evidence')}
      </h4>
      {removed && (
        <p className="evidence-undo" data-testid="evidence-undo-bar">
          <span>{t('progress.evidence.removed', { title: removed.title })}</span>{' '}
          <button type="button" className="button button--quiet" data-testid="evidence-undo" ref={undoRef} onClick={undo}>
            {t('progress.evidence.undo')}
          </button>
        </p>
      )}
      {entry.evidence.length === 0 && adding.length === 0 ? (
        <p className="hint">{t('progress.evidence.empty')}</p>
      ) : (
        <ul className="evidence-list" aria-label={t('progress.evidence.listLabel')}>
          {entry.evidence.map((ev) => (
            <li key={ev.id} className="evidence-item" data-testid="evidence-item" data-pending={removing.has(ev.id) ? 'remove' : undefined}>
              <span className="evidence-item__title">{ev.title}</span>
              {ev.docDate && <span className="evidence-item__date">{formatDate(language, ev.docDate)}</span>}
              {ev.reference && <span className="evidence-item__ref">{ev.reference}</span>}
              {removing.has(ev.id) ? (
                <span className="evidence-item__pending">{t('progress.evidence.pendingRemove')}</span>
              ) : (
                editable && (
                  <button
                    type="button"
                    className="button button--quiet evidence-item__remove"
                    data-testid="evidence-remove"
                    aria-label={t('progress.evidence.removeLabel', { title: ev.title })}
                    onClick={() => void remove(ev)}
                  >
                    {t('progress.evidence.remove')}
                  </button>
                )
              )}
            </li>
          ))}
          {adding.map((p) =>
            p.op === 'add' ? (
              <li key={`new-${p.tempId}`} className="evidence-item" data-testid="evidence-item" data-pending="add">
                <span className="evidence-item__title">{p.title}</span>
                {p.docDate && <span className="evidence-item__date">{formatDate(language, p.docDate)}</span>}
                {p.reference && <span className="evidence-item__ref">{p.reference}</span>}
                <span className="evidence-item__pending">{t('progress.evidence.pendingAdd')}</span>
                {failed && (
                  <button type="button" className="button button--quiet" onClick={() => session.discardEvidence(p)}>
                    {t('progress.evidence.discard')}
                  </button>
                )}
              </li>
            ) : null,
          )}
        </ul>
      )}
      {editable && (
        <div className="evidence-add">
          <label className="pg-field evidence-add__title">
            <span className="pg-field__label">{t('progress.evidence.title')}</span>
            <input
              className="input"
              data-testid="evidence-title"
              value={draft.title}
              aria-invalid={titleInvalid ? true : undefined}
              aria-describedby={describedBy(titleInvalid)}
              onChange={(e) => session.setEvidenceDraft({ title: e.target.value })}
              onKeyDown={onEnter}
            />
            <CharCounter text={draft.title} max={EVIDENCE_TEXT_MAX} testId="evidence-title-count" />
          </label>
          <label className="pg-field evidence-add__date">
            <span className="pg-field__label">{t('progress.evidence.date')}</span>
            <input
              className="input"
              type="date"
              data-testid="evidence-date"
              ref={dateRef}
              value={draft.date}
              aria-invalid={partialDate ? true : undefined}
              aria-describedby={partialDate ? `${errorId}-date` : undefined}
              onChange={(e) => {
                setPartialDate(false);
                session.setEvidenceDraft({ date: e.target.value });
              }}
              onBlur={() => setPartialDate(datePartial())}
            />
          </label>
          <label className="pg-field evidence-add__ref">
            <span className="pg-field__label">{t('progress.evidence.reference')}</span>
            <input
              className="input"
              data-testid="evidence-reference"
              value={draft.reference}
              aria-invalid={referenceProblem ? true : undefined}
              aria-describedby={describedBy(referenceProblem !== null)}
              onChange={(e) => session.setEvidenceDraft({ reference: e.target.value })}
              onKeyDown={onEnter}
            />
            <CharCounter text={draft.reference} max={EVIDENCE_TEXT_MAX} testId="evidence-reference-count" />
          </label>
          <button type="button" className="button evidence-add__button" data-testid="evidence-add" onClick={add}>
            {t('progress.evidence.add')}
          </button>
          {partialDate && (
            <FieldError id={`${errorId}-date`} className="evidence-add__error" testId="field-error-evidence-date" text={t('progress.evidence.date_partial')} />
          )}
          {shownProblem && (
            <FieldError
              id={`${errorId}-evidence`}
              className="evidence-add__error"
              testId="field-error-evidence"
              text={t(`progress.evidence.${problem ?? 'too_long'}`, { max: formatNumber(language, EVIDENCE_TEXT_MAX) })}
            />
          )}
          {!tried && (draft.title.trim() !== '' || draft.reference.trim() !== '') && (
            <p className="hint evidence-add__note">{t('progress.evidence.notAdded')}</p>
          )}
        </div>
      )}
    </section>
  );
}
