/**
 * The entry form's autosave: one session per open entry (action plan × body ×
 * period), living outside React so that closing the form, switching tab or
 * view never cancels a save.
 *
 * The rules that keep every word the official typed:
 * - The form's values (drafts) are the local truth. A field is "dirty" while
 *   its draft, parsed, differs from the value main last acknowledged (base).
 *   A server answer never replaces a dirty draft, nor a clean one in a field
 *   that has focus or an IME composition; those take the server's value on blur.
 * - Saves run one at a time. A change made while a save is in flight waits
 *   and goes in the next save, merged with the others (only dirty fields are
 *   sent, with the revision of the last answer).
 * - A change is sent ~500 ms after the last keystroke, at once on blur, on
 *   close/unmount, on pagehide and when the window is hidden. Nothing is
 *   sent from a field in the middle of an IME composition (Korean): it is
 *   sent after compositionend.
 * - Invalid drafts (a budget "12a", a text over 20,000 characters) stay in
 *   the form and are simply not sent until valid.
 * - CONFLICT: reload the entry, keep the dirty drafts on top, send again.
 *   Any other failure keeps the drafts, shows the error and waits for a retry
 *   (the session outlives the form, so reopening the entry shows the text).
 * - "Saved" only when nothing is dirty, queued, scheduled or in flight.
 */
import { create } from 'zustand';
import type { EntryField, EntryKey, EntryPatch, IndicatorReport, ProgressEntry } from '../../../contract/progress';
import { client, toApiError, type ApiError } from '../api';

export const SAVE_DEBOUNCE_MS = 500;
export const TEXT_MAX = 20_000;
/** The counter appears from here on. */
export const TEXT_COUNTER_FROM = 18_000;
const WON_MAX = 1e15;
const EVIDENCE_TEXT_MAX = 500;
const CONFLICT_RETRIES = 3;

export const ENTRY_FIELDS: readonly EntryField[] = [
  'completion',
  'delayed',
  'delayReason',
  'achievements',
  'nextSteps',
  'difficulties',
  'budgetAllocated',
  'budgetExecuted',
];
export const TEXT_FIELDS = ['delayReason', 'achievements', 'nextSteps', 'difficulties'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type BudgetField = 'budgetAllocated' | 'budgetExecuted';

/** A field of the form: an entry field, or "indicator:<id>". */
export type Slot = EntryField | `indicator:${number}`;
type Value = string | number | boolean | null;

export type FieldProblem = 'budget_format' | 'budget_too_large' | 'number_format' | 'percent_range' | 'too_long';
export type Parsed = { ok: true; value: Value } | { ok: false; problem: FieldProblem };

export type SaveState = 'saved' | 'saving' | 'dirty' | 'error';

export const indicatorSlot = (id: number): Slot => `indicator:${id}`;

function isTextField(slot: string): slot is TextField {
  return (TEXT_FIELDS as readonly string[]).includes(slot);
}

function indicatorOf(slot: string, entry: ProgressEntry | null): IndicatorReport | undefined {
  const m = /^indicator:(\d+)$/.exec(slot);
  if (!m || !entry) return undefined;
  const id = Number(m[1]);
  return entry.indicators.find((i) => i.indicatorId === id);
}

/** "1,234,000" (spaces, commas, a trailing 원 allowed) → 1234000. */
function parseWon(draft: string): Parsed {
  const text = draft.trim().replace(/\s*원$/, '');
  if (text === '') return { ok: true, value: null };
  if (!/^[0-9][0-9, ]*$/.test(text)) return { ok: false, problem: 'budget_format' };
  const digits = text.replace(/[, ]/g, '');
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value > WON_MAX) return { ok: false, problem: 'budget_too_large' };
  return { ok: true, value };
}

function parseIndicator(draft: string, indicator: IndicatorReport): Parsed {
  const text = draft.trim();
  if (text === '') return { ok: true, value: null };
  if (indicator.kind === 'yes_no') {
    if (text === 'yes') return { ok: true, value: 1 };
    if (text === 'no') return { ok: true, value: 0 };
    return { ok: false, problem: 'number_format' };
  }
  const plain = text.replace(/\s*%$/, '').replace(/[, ]/g, '');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return { ok: false, problem: 'number_format' };
  const value = Number(plain);
  if (!Number.isFinite(value)) return { ok: false, problem: 'number_format' };
  if (indicator.kind === 'percent' && (value < 0 || value > 100)) return { ok: false, problem: 'percent_range' };
  return { ok: true, value };
}

/** What a draft means, or why it cannot be saved yet. */
export function parseSlot(slot: string, draft: string, entry: ProgressEntry | null): Parsed {
  if (slot === 'completion') return { ok: true, value: draft === '' ? null : draft };
  if (slot === 'delayed') return { ok: true, value: draft === 'yes' ? true : draft === 'no' ? false : null };
  if (slot === 'budgetAllocated' || slot === 'budgetExecuted') return parseWon(draft);
  if (isTextField(slot)) {
    if (draft.length > TEXT_MAX) return { ok: false, problem: 'too_long' };
    return { ok: true, value: draft === '' ? null : draft };
  }
  const indicator = indicatorOf(slot, entry);
  if (indicator) return parseIndicator(draft, indicator);
  return { ok: true, value: null };
}

/** The server's value of a slot, as it appears in the form. */
export function draftOf(slot: string, entry: ProgressEntry): string {
  switch (slot) {
    case 'completion':
      return entry.completion ?? '';
    case 'delayed':
      return entry.delayed === null ? '' : entry.delayed ? 'yes' : 'no';
    case 'budgetAllocated':
    case 'budgetExecuted': {
      const v = entry[slot];
      return v === null ? '' : v.toLocaleString('en-US', { maximumFractionDigits: 0 });
    }
    default:
      if (isTextField(slot)) return entry[slot] ?? '';
  }
  const indicator = indicatorOf(slot, entry);
  if (!indicator || indicator.value === null) return '';
  if (indicator.kind === 'yes_no') return indicator.value === 1 ? 'yes' : 'no';
  return String(indicator.value);
}

function slotsOf(entry: ProgressEntry): Slot[] {
  return [...ENTRY_FIELDS, ...entry.indicators.map((i) => indicatorSlot(i.indicatorId))];
}

/** The server's value in the same terms as parseSlot's (empty text is null). */
function serverValue(slot: Slot, entry: ProgressEntry): Value {
  const parsed = parseSlot(slot, draftOf(slot, entry), entry);
  return parsed.ok ? parsed.value : null;
}

export interface EvidenceDraft {
  title: string;
  date: string;
  reference: string;
}

export type PendingEvidence =
  | { op: 'add'; tempId: number; title: string; docDate: string | null; reference: string | null }
  | { op: 'remove'; evidenceId: number; title: string };

export interface EntrySnapshot {
  key: EntryKey;
  loadState: 'loading' | 'ready' | 'error';
  loadError: ApiError | null;
  /** The entry as main last answered it. */
  entry: ProgressEntry | null;
  previous: ProgressEntry | null;
  /** What the form shows, by slot. */
  drafts: Readonly<Record<string, string>>;
  evidenceDraft: EvidenceDraft;
  /** Evidence added or removed here and not yet acknowledged by main. */
  pendingEvidence: readonly PendingEvidence[];
  saveState: SaveState;
  saveError: ApiError | null;
  /** Slots whose value main has not acknowledged. */
  unsaved: readonly string[];
  /** A conflict was resolved by reloading and saving the local changes on top. */
  conflictRecovered: boolean;
}

type Op =
  | { kind: 'patch'; run: () => Promise<ProgressEntry> }
  | { kind: 'indicator'; run: () => Promise<ProgressEntry> }
  | { kind: 'evidence'; item: PendingEvidence; run: () => Promise<ProgressEntry> };

export function entryId(key: EntryKey): string {
  return `${key.actionPlanId}:${key.bodyCode}:${key.periodId}`;
}

export class EntrySession {
  readonly id: string;
  private snap: EntrySnapshot;
  /** The value main last acknowledged, by slot. */
  private base: Record<string, Value> = {};
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  /** A flush asked for: send everything now, without waiting for the debounce. */
  private urgent = false;
  private focused: string | null = null;
  private composing = new Set<string>();
  private error: ApiError | null = null;
  private conflictRetries = 0;
  /** Counts the saves started: a reload that started before one is stale. */
  private opCount = 0;
  private loadSeq = 0;
  private loaded = false;
  private tempIds = 0;
  private waiters: (() => void)[] = [];
  private mounts = 0;

  constructor(readonly key: EntryKey) {
    this.id = entryId(key);
    this.snap = {
      key,
      loadState: 'loading',
      loadError: null,
      entry: null,
      previous: null,
      drafts: {},
      evidenceDraft: { title: '', date: '', reference: '' },
      pendingEvidence: [],
      saveState: 'saved',
      saveError: null,
      unsaved: [],
      conflictRecovered: false,
    };
  }

  // ---- React binding

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): EntrySnapshot => this.snap;

  mount(): void {
    this.mounts += 1;
    sessions.set(this.id, this);
    void this.load().then(() => this.flush());
  }

  /** The form closed: send what is pending; forget the session once nothing is left to save. */
  unmount(): void {
    this.mounts -= 1;
    void this.flush().then(() => this.release());
  }

  private release(): void {
    if (this.mounts > 0 || this.hasUnsavedWork() || sessions.get(this.id) !== this) return;
    sessions.delete(this.id);
    publishUnsaved();
  }

  // ---- state

  private emit(): void {
    for (const l of this.listeners) l();
  }

  private dirtySlots(): string[] {
    const entry = this.snap.entry;
    if (!this.loaded || !entry) return [];
    const known = new Set<string>(slotsOf(entry));
    const dirty: string[] = [];
    for (const [slot, draft] of Object.entries(this.snap.drafts)) {
      if (!known.has(slot)) continue;
      const parsed = parseSlot(slot, draft, entry);
      if (!parsed.ok || parsed.value !== (this.base[slot] ?? null)) dirty.push(slot);
    }
    return dirty;
  }

  private update(partial: Partial<EntrySnapshot> = {}): void {
    const next = { ...this.snap, ...partial };
    this.snap = next;
    const unsaved = this.dirtySlots();
    const pending = next.pendingEvidence.length > 0;
    const work = unsaved.length > 0 || pending;
    if (!work) this.error = null;
    const saveState: SaveState = this.inFlight
      ? 'saving'
      : this.error
        ? 'error'
        : work || this.timer !== null
          ? 'dirty'
          : 'saved';
    this.snap = { ...next, unsaved, saveState, saveError: this.error };
    this.emit();
    publishUnsaved();
  }

  /** Unsaved drafts or evidence, or an evidence row typed but not added: keep the session. */
  hasUnsavedWork(): boolean {
    const d = this.snap.evidenceDraft;
    return this.snap.saveState !== 'saved' || this.inFlight || d.title.trim() !== '' || d.reference.trim() !== '';
  }

  // ---- loading and server answers

  /** Loads (or refreshes) the entry; the drafts the user changed stay. */
  async load(): Promise<void> {
    const seq = ++this.loadSeq;
    const ops = this.opCount;
    if (!this.loaded) this.update({ loadState: 'loading', loadError: null });
    try {
      const { entry, previous } = await client.progress.entry(this.key);
      // A save started meanwhile answers with a newer entry: this one is stale.
      if (seq !== this.loadSeq || (this.loaded && (this.inFlight || ops !== this.opCount))) return;
      this.snap = { ...this.snap, previous };
      this.receive(entry);
      this.update({ loadState: 'ready', loadError: null });
    } catch (err) {
      if (seq !== this.loadSeq) return;
      if (!this.loaded) this.update({ loadState: 'error', loadError: toApiError(err) });
    }
  }

  /** Something changed in main (data:changed): refresh unless our own save is under way. */
  refresh(): void {
    if (!this.loaded || this.inFlight || this.timer !== null) return;
    void this.load();
  }

  /** An entry main answered with (a save, a comment …), merged under the drafts. */
  accept(entry: ProgressEntry): void {
    this.receive(entry);
    this.update();
  }

  private receive(entry: ProgressEntry): void {
    const drafts: Record<string, string> = { ...this.snap.drafts };
    for (const slot of slotsOf(entry)) {
      const fresh = serverValue(slot, entry);
      if (!this.loaded || !(slot in drafts)) {
        drafts[slot] = draftOf(slot, entry);
        this.base[slot] = fresh;
        continue;
      }
      const parsed = parseSlot(slot, drafts[slot] ?? '', this.snap.entry ?? entry);
      const dirty = !parsed.ok || parsed.value !== (this.base[slot] ?? null);
      if (dirty) {
        // The user's text stays; it will be sent over the server's value.
        this.base[slot] = fresh;
        // Just acknowledged and not in use: show it as main has it (a budget gets its separators).
        const inUse = this.focused === slot || this.composing.has(slot);
        if (parsed.ok && parsed.value === fresh && !inUse) drafts[slot] = draftOf(slot, entry);
      } else if (this.focused !== slot && !this.composing.has(slot)) {
        drafts[slot] = draftOf(slot, entry);
        this.base[slot] = fresh;
      }
      // A clean field in use keeps its draft and base; it takes the server's value on blur.
    }
    this.loaded = true;
    this.snap = { ...this.snap, entry, drafts };
  }

  // ---- editing

  private editable(): boolean {
    return this.loaded && this.snap.entry?.editable === true;
  }

  /** A change in a field; `composing` when the input event says an IME composition is going on. */
  edit(slot: Slot, value: string, composing = false): void {
    if (!this.editable()) return;
    if (composing) this.composing.add(slot);
    this.snap = { ...this.snap, drafts: { ...this.snap.drafts, [slot]: value }, conflictRecovered: false };
    if (this.composing.has(slot)) this.update();
    else this.schedule();
  }

  /** A select or a date changed: save at once. */
  choose(slot: Slot, value: string): void {
    if (!this.editable()) return;
    this.snap = { ...this.snap, drafts: { ...this.snap.drafts, [slot]: value }, conflictRecovered: false };
    void this.flush();
  }

  compositionStart(slot: Slot): void {
    this.composing.add(slot);
    this.update();
  }

  compositionEnd(slot: Slot, value: string): void {
    this.composing.delete(slot);
    if (!this.editable()) return;
    this.snap = { ...this.snap, drafts: { ...this.snap.drafts, [slot]: value } };
    this.schedule();
  }

  focus(slot: Slot): void {
    this.focused = slot;
  }

  blur(slot: Slot): void {
    if (this.focused === slot) this.focused = null;
    this.composing.delete(slot);
    // A clean field takes the server's value now (a budget gets its separators back).
    const entry = this.snap.entry;
    if (entry && slot in this.snap.drafts) {
      const parsed = parseSlot(slot, this.snap.drafts[slot] ?? '', entry);
      if (parsed.ok && parsed.value === (this.base[slot] ?? null)) {
        const fresh = serverValue(slot, entry);
        this.base[slot] = fresh;
        this.snap = { ...this.snap, drafts: { ...this.snap.drafts, [slot]: draftOf(slot, entry) } };
      }
    }
    void this.flush();
  }

  setEvidenceDraft(patch: Partial<EvidenceDraft>): void {
    this.update({ evidenceDraft: { ...this.snap.evidenceDraft, ...patch } });
  }

  /** Queues the evidence typed in the add row; false (and nothing queued) if it is not valid. */
  addEvidence(): boolean {
    if (!this.editable()) return false;
    const d = this.snap.evidenceDraft;
    const problem = evidenceProblem(d);
    if (problem) return false;
    const item: PendingEvidence = {
      op: 'add',
      tempId: ++this.tempIds,
      title: d.title.trim(),
      docDate: d.date === '' ? null : d.date,
      reference: d.reference.trim() === '' ? null : d.reference.trim(),
    };
    this.update({ pendingEvidence: [...this.snap.pendingEvidence, item], evidenceDraft: { title: '', date: '', reference: '' } });
    void this.flush();
    return true;
  }

  removeEvidence(evidenceId: number, title: string): void {
    if (!this.editable()) return;
    if (this.snap.pendingEvidence.some((p) => p.op === 'remove' && p.evidenceId === evidenceId)) return;
    this.update({ pendingEvidence: [...this.snap.pendingEvidence, { op: 'remove', evidenceId, title }] });
    void this.flush();
  }

  /** Drops a queued evidence change that main refused (the user decides). */
  discardEvidence(item: PendingEvidence): void {
    if (this.inFlight) return;
    this.update({ pendingEvidence: this.snap.pendingEvidence.filter((p) => p !== item) });
  }

  // ---- saving

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pump();
    }, SAVE_DEBOUNCE_MS);
    this.update();
  }

  /** Sends everything pending now; resolves when nothing is in flight any more (saved or failed). */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.urgent = true;
    this.update();
    const idle = this.whenIdle();
    void this.pump();
    return idle;
  }

  /** The retry button: reload what main has (the reason may have changed), then send again. */
  async retry(): Promise<void> {
    this.error = null;
    this.conflictRetries = 0;
    this.update();
    await this.load();
    await this.flush();
  }

  private whenIdle(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private settle(): void {
    if (this.inFlight || this.timer !== null) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private nextOp(): Op | null {
    const entry = this.snap.entry;
    if (!this.editable() || !entry) return null;
    const key = this.key;
    const drafts = this.snap.drafts;
    const patch: Record<string, Value> = {};
    for (const field of ENTRY_FIELDS) {
      if (this.composing.has(field)) continue;
      const parsed = parseSlot(field, drafts[field] ?? '', entry);
      if (parsed.ok && parsed.value !== (this.base[field] ?? null)) patch[field] = parsed.value;
    }
    if (Object.keys(patch).length > 0) {
      const revision = entry.revision;
      return { kind: 'patch', run: () => client.progress.save(key, revision, patch as EntryPatch) };
    }
    for (const indicator of entry.indicators) {
      const slot = indicatorSlot(indicator.indicatorId);
      if (this.composing.has(slot) || !(slot in drafts)) continue;
      const parsed = parseSlot(slot, drafts[slot] ?? '', entry);
      if (parsed.ok && parsed.value !== (this.base[slot] ?? null)) {
        const value = parsed.value as number | null;
        return { kind: 'indicator', run: () => client.progress.setIndicatorValue(key, indicator.indicatorId, value) };
      }
    }
    const item = this.snap.pendingEvidence[0];
    if (item) {
      return {
        kind: 'evidence',
        item,
        run: () =>
          item.op === 'add'
            ? client.progress.addEvidence(key, item.title, item.docDate, item.reference)
            : client.progress.removeEvidence(key, item.evidenceId),
      };
    }
    return null;
  }

  private async pump(): Promise<void> {
    if (this.inFlight) return;
    for (;;) {
      // While the user is still typing (debounce pending) wait for the pause, unless a flush asked for now.
      if (this.timer !== null && !this.urgent) break;
      const op = this.nextOp();
      if (!op) break;
      this.inFlight = true;
      this.opCount += 1;
      this.error = null;
      this.update();
      try {
        const entry = await op.run();
        this.inFlight = false;
        this.conflictRetries = 0;
        if (op.kind === 'evidence') {
          this.snap = { ...this.snap, pendingEvidence: this.snap.pendingEvidence.filter((p) => p !== op.item) };
        }
        this.receive(entry);
        this.update();
      } catch (err) {
        const error = toApiError(err);
        if (error.code === 'CONFLICT' && op.kind === 'patch' && this.conflictRetries < CONFLICT_RETRIES) {
          this.conflictRetries += 1;
          // Still "in flight": nothing else may start while the entry is reloaded.
          const reloaded = await this.reloadAfterConflict();
          this.inFlight = false;
          if (reloaded) {
            this.update({ conflictRecovered: true });
            continue;
          }
        }
        this.inFlight = false;
        this.error = error;
        this.urgent = false;
        this.update();
        // Refused (e.g. the report was submitted elsewhere, the period locked): learn why, keep the drafts.
        if (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND') void this.load();
        this.settle();
        return;
      }
    }
    this.urgent = false;
    this.update();
    this.settle();
  }

  private async reloadAfterConflict(): Promise<boolean> {
    try {
      const { entry, previous } = await client.progress.entry(this.key);
      this.snap = { ...this.snap, previous };
      this.receive(entry);
      return true;
    } catch {
      return false;
    }
  }
}

export function evidenceProblem(d: EvidenceDraft): 'title_required' | 'too_long' | 'date_format' | null {
  if (d.title.trim() === '') return 'title_required';
  if (d.title.trim().length > EVIDENCE_TEXT_MAX || d.reference.trim().length > EVIDENCE_TEXT_MAX) return 'too_long';
  if (d.date !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(d.date)) return 'date_format';
  return null;
}

// ---- the sessions

const sessions = new Map<string, EntrySession>();

/** The session of an entry (one per entry; it outlives the form while it has unsaved work). */
export function sessionFor(key: EntryKey): EntrySession {
  const id = entryId(key);
  let session = sessions.get(id);
  if (!session) {
    session = new EntrySession({ actionPlanId: key.actionPlanId, bodyCode: key.bodyCode, periodId: key.periodId });
    sessions.set(id, session);
    installWindowHooks();
  }
  return session;
}

/** Sends what every session has pending (before a submit, when the window hides). */
export function flushAllEntries(): Promise<void> {
  return Promise.all([...sessions.values()].map((s) => s.flush())).then(() => undefined);
}

/** Refreshes the sessions after main reported a change. */
export function refreshEntries(): void {
  for (const s of sessions.values()) s.refresh();
}

export interface UnsavedEntry {
  id: string;
  key: EntryKey;
  saveState: SaveState;
}

/** The entries with work not yet acknowledged by main, for a warning outside the form. */
export const useUnsavedEntries = create<{ unsaved: readonly UnsavedEntry[] }>()(() => ({ unsaved: [] }));

function publishUnsaved(): void {
  const unsaved: UnsavedEntry[] = [];
  for (const s of sessions.values()) {
    const snap = s.getSnapshot();
    if (snap.saveState !== 'saved') unsaved.push({ id: s.id, key: s.key, saveState: snap.saveState });
  }
  const current = useUnsavedEntries.getState().unsaved;
  const same =
    current.length === unsaved.length && current.every((u, i) => u.id === unsaved[i]?.id && u.saveState === unsaved[i]?.saveState);
  if (!same) useUnsavedEntries.setState({ unsaved });
}

let hooksInstalled = false;

function installWindowHooks(): void {
  if (hooksInstalled || typeof window === 'undefined') return;
  hooksInstalled = true;
  window.addEventListener('pagehide', () => void flushAllEntries());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushAllEntries();
  });
}

