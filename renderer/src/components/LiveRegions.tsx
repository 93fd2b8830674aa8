/**
 * The app's two live regions, mounted once in the shell and never removed:
 * a polite status region for results (announce) and an alert region for
 * errors (alert). Screen readers skip a region inserted together with its
 * text, so messages are set as the text of these mounted regions instead.
 */
import { useEffect } from 'react';
import { create } from 'zustand';

interface LiveState {
  status: string;
  alert: string;
}

const useLiveStore = create<LiveState>(() => ({ status: '', alert: '' }));

/** Sets the text of one region; the same text again is cleared first, so it is read again. */
function say(which: keyof LiveState, text: string): void {
  if (useLiveStore.getState()[which] === text) {
    useLiveStore.setState({ [which]: '' });
    requestAnimationFrame(() => useLiveStore.setState({ [which]: text }));
  } else {
    useLiveStore.setState({ [which]: text });
  }
}

/** A result, read politely (after what is being read): "Done: Accepted". */
export function announce(text: string): void {
  say('status', text);
}

/** Errors asked for in the same turn (one render's effects): said together, once. */
let pendingAlerts: string[] | null = null;

/**
 * An error, read at once. Errors that appear together (the fields one
 * render marks invalid) are said as one text, each once, in the order asked.
 */
export function alert(text: string): void {
  if (pendingAlerts) {
    if (!pendingAlerts.includes(text)) pendingAlerts.push(text);
    return;
  }
  pendingAlerts = [text];
  queueMicrotask(() => {
    const joined = (pendingAlerts ?? []).join(' ');
    pendingAlerts = null;
    say('alert', joined);
  });
}

/** Takes an error back from the alert region once it no longer holds (the field was corrected). */
function withdrawAlert(text: string): void {
  const current = useLiveStore.getState().alert;
  if (current === text) useLiveStore.setState({ alert: '' });
  else if (current.includes(text)) useLiveStore.setState({ alert: current.replace(text, '').replace(/\s{2,}/g, ' ').trim() });
}

/**
 * Says a field's error in the mounted alert region when it appears or
 * changes (not again while it stays the same), and takes it back when it is
 * gone, so the visible error beside the field needs no role of its own and
 * is read once.
 */
export function useAlert(text: string | null | undefined): void {
  useEffect(() => {
    if (!text) return undefined;
    alert(text);
    return () => withdrawAlert(text);
  }, [text]);
}

/** Says a result in the mounted status region when it appears or changes. */
export function useAnnounce(text: string | null | undefined): void {
  useEffect(() => {
    if (text) announce(text);
  }, [text]);
}

/** Empties both regions (e.g. when a view is left). */
export function clearAnnouncements(): void {
  useLiveStore.setState({ status: '', alert: '' });
}

/** The two regions, visually hidden; placed once in App. */
export function LiveRegions() {
  const status = useLiveStore((s) => s.status);
  const alertText = useLiveStore((s) => s.alert);
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-status">
        {status}
      </div>
      <div className="visually-hidden" role="alert" aria-live="assertive" aria-atomic="true" data-testid="live-alert">
        {alertText}
      </div>
    </>
  );
}
