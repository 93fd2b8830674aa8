/**
 * The app's two live regions, mounted once in the shell and never removed:
 * a polite status region for results (announce) and an alert region for
 * errors (alert). Screen readers skip a region inserted together with its
 * text, so messages are set as the text of these mounted regions instead.
 */
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

/** An error, read at once. */
export function alert(text: string): void {
  say('alert', text);
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
