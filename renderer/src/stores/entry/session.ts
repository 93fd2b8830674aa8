/**
 * The entry form's autosave session: one per open entry (action plan × body ×
 * period), living outside React so that closing the form, switching tab or
 * view never cancels a save. A state machine over the drafts, the values main
 * last acknowledged, and one save at a time.
 *
 * The rules that keep every word the official typed:
 * - The form's values (drafts) are the local truth. A field is dirty whenever
 *   its draft, parsed (contract/rules.ts), differs from the value main last
 *   acknowledged (base); "saved" is shown only when every field equals it.
 *   Every answer of main moves base to what main now holds, whatever the
 *   form shows; a draft is replaced by main's value only where the user has
 *   not changed it since (since the last answer, or since it was sent), and
 *   never under an IME composition.
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
import type { EntryKey, EntryPatch, ProgressEntry } from '../../../../contract/progress';
import { toApiError, type ApiError } from '../../api';
import {
  ENTRY_FIELDS,
  draftOf,
  evidenceProblem,
  indicatorSlot,
  parseSlot,
  serverValue,
  slotsOf,
  type EvidenceDraft,
  type Slot,
  type Value,
} from './codec';
import type { EntryTransport } from './transport';
import { cleanText } from '../../../../contract/rules';

export const SAVE_DEBOUNCE_MS = 500;
/** After main could not save for now (busy, disk full, read-only): try again by itself this often. */
export const UNAVAILABLE_RETRY_MS = 3_000;
const CONFLICT_RETRIES = 3;

export type SaveState = 'saved' | 'saving' | 'dirty' | 'error';

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

/** One request of the queue; `sent` is what it asks main to store, by slot. */
type Op =
  | { kind: 'patch'; sent: Record<string, Value>; run: () => Promise<ProgressEntry> }
  | { kind: 'indicator'; sent: Record<string, Value>; run: () => Promise<ProgressEntry> }
  | { kind: 'evidence'; sent: Record<string, Value>; item: PendingEvidence; run: () => Promise<ProgressEntry> };

export function entryId(key: EntryKey): string {
  return `${key.actionPlanId}:${key.bodyCode}:${key.periodId}`;
}

/** What the registry of sessions hears from one. */
export interface SessionHooks {
  /** The snapshot changed (the registry publishes which entries are unsaved). */
  changed(session: EntrySession): void;
  /** Mounted: the registry keeps the session. */
  retain(session: EntrySession): void;
  /** Unmounted with nothing left to save: the registry may forget it. */
  release(session: EntrySession): void;
  /** main answered with the entry as it now stands (the report's list is patched from it). */
  answered(entry: ProgressEntry): void;
}

const NO_HOOKS: SessionHooks = { changed: () => {}, retain: () => {}, release: () => {}, answered: () => {} };

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

  constructor(
    readonly key: EntryKey,
    private readonly transport: EntryTransport,
    private readonly hooks: SessionHooks = NO_HOOKS,
  ) {
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
    this.hooks.retain(this);
    void this.load().then(() => this.flush());
  }

  /** The form closed: send what is pending; forget the session once nothing is left to save. */
  unmount(): void {
    this.mounts -= 1;
    void this.flush().then(() => this.release());
  }

  private release(): void {
    if (this.mounts > 0 || this.hasUnsavedWork()) return;
    this.hooks.release(this);
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
    this.hooks.changed(this);
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
      const { entry, previous } = await this.transport.entry(this.key);
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

  /**
   * Something changed in main (data:changed): refresh unless our own save is
   * under way, or the change is of one entry that this session already holds
   * (its own save's answer came first) or of another entry.
   */
  refresh(changed?: { key: EntryKey; revision: number }): void {
    if (!this.loaded || this.inFlight || this.timer !== null) return;
    if (changed && (entryId(changed.key) !== this.id || (this.snap.entry?.revision ?? -1) >= changed.revision)) return;
    void this.load();
  }

  /** An entry main answered with (a save, a comment …), merged under the drafts. */
  accept(entry: ProgressEntry): void {
    this.receive(entry);
    this.update();
  }

  /**
   * Takes main's answer: base becomes what main holds for every slot. A draft
   * shows main's value where the user has not changed it since the reference
   * (what this answer's request sent for that slot, else the previous base);
   * a draft the user changed meanwhile stays, and is dirty if it differs.
   */
  private receive(entry: ProgressEntry, sent: Readonly<Record<string, Value>> = {}): void {
    const drafts: Record<string, string> = { ...this.snap.drafts };
    for (const slot of slotsOf(entry)) {
      const fresh = serverValue(slot, entry);
      const previous = this.base[slot] ?? null;
      this.base[slot] = fresh;
      if (!this.loaded || !(slot in drafts)) {
        drafts[slot] = draftOf(slot, entry);
        continue;
      }
      if (this.composing.has(slot)) continue;
      const parsed = parseSlot(slot, drafts[slot] ?? '', this.snap.entry ?? entry);
      if (!parsed.ok) continue;
      const reference = slot in sent ? (sent[slot] ?? null) : previous;
      const untouched = parsed.value === reference;
      // Main's text in the field the user is in, only to re-format the same value: wait for blur (the caret stays).
      if (parsed.value === fresh && this.focused === slot) continue;
      if (untouched || parsed.value === fresh) drafts[slot] = draftOf(slot, entry);
    }
    this.loaded = true;
    this.snap = { ...this.snap, entry, drafts };
    this.hooks.answered(entry);
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
    // A clean field shows main's value now (a budget gets its separators back).
    const entry = this.snap.entry;
    if (entry && slot in this.snap.drafts) {
      const parsed = parseSlot(slot, this.snap.drafts[slot] ?? '', entry);
      if (parsed.ok && parsed.value === (this.base[slot] ?? null)) {
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
      title: cleanText(d.title) ?? '',
      docDate: d.date === '' ? null : d.date,
      reference: cleanText(d.reference),
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

  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  private retryLater(): void {
    if (this.retryTimer !== null) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.error?.code !== 'UNAVAILABLE') return;
      this.error = null;
      void this.flush();
    }, UNAVAILABLE_RETRY_MS);
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
      return { kind: 'patch', sent: patch, run: () => this.transport.save(key, revision, patch as EntryPatch) };
    }
    for (const indicator of entry.indicators) {
      const slot = indicatorSlot(indicator.indicatorId);
      if (this.composing.has(slot) || !(slot in drafts)) continue;
      const parsed = parseSlot(slot, drafts[slot] ?? '', entry);
      if (parsed.ok && parsed.value !== (this.base[slot] ?? null)) {
        const value = parsed.value as number | null;
        return {
          kind: 'indicator',
          sent: { [slot]: value },
          run: () => this.transport.setIndicatorValue(key, indicator.indicatorId, value),
        };
      }
    }
    const item = this.snap.pendingEvidence[0];
    if (item) {
      return {
        kind: 'evidence',
        sent: {},
        item,
        run: () =>
          item.op === 'add'
            ? this.transport.addEvidence(key, item.title, item.docDate, item.reference)
            : this.transport.removeEvidence(key, item.evidenceId),
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
        this.receive(entry, op.sent);
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
        // Not now (another program holds the database, the disk is full): the drafts stay; try again by itself.
        if (error.code === 'UNAVAILABLE') this.retryLater();
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
      const { entry, previous } = await this.transport.entry(this.key);
      this.snap = { ...this.snap, previous };
      this.receive(entry);
      return true;
    } catch {
      return false;
    }
  }
}

