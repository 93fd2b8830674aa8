/**
 * A path chosen with the system's dialog or, where the window has none
 * (outside Electron, as in the end-to-end tests) or the dialog failed, typed
 * into a text field that then shows and takes the focus. The Exchange and
 * Meetings screens lay their fields out each in their own way; the choosing
 * and the falling back to typing are this one piece.
 */
import { Fragment, useEffect, useRef, useState } from 'react';

/** What main answers to a choosePath request. */
export interface PathAnswer {
  available: boolean;
  path: string | null;
}

/**
 * choose() asks the dialog (ask); a path it answers goes to onChosen; no
 * dialog or an error shows the typed field (or focuses it, if it shows).
 * alwaysTyped: the typed field shows from the start.
 */
export function usePathChoice(ask: () => Promise<PathAnswer>, onChosen: (path: string) => void, alwaysTyped = false) {
  const [typingChosen, setTyping] = useState(false);
  const typing = typingChosen || alwaysTyped;
  const input = useRef<HTMLInputElement>(null);
  // The typed path takes the focus once it shows (or at once, when it shows already).
  const wantFocus = useRef(false);
  useEffect(() => {
    if (!typingChosen || !wantFocus.current) return;
    wantFocus.current = false;
    input.current?.focus();
  }, [typingChosen]);
  const askTyped = () => {
    if (typing) input.current?.focus();
    else wantFocus.current = true;
    setTyping(true);
  };
  const choose = async () => {
    try {
      const answer = await ask();
      if (!answer.available) askTyped();
      else if (answer.path !== null) onChosen(answer.path);
    } catch {
      askTyped();
    }
  };
  return { typing, input, choose };
}

/** A path or file name that may wrap after each separator (never inside a folder's name). */
export function PathText({ path, className = 'path' }: { path: string; className?: string }) {
  const parts = path.split(/(?<=[\\/_])/);
  return (
    <span className={className} title={path}>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </span>
  );
}
