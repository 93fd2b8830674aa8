/**
 * Text typed in a box that is not saved as it is typed (a return reason, an
 * acceptance note, a comment, an override's reason) survives the box going
 * away: choosing another body in the review, closing the entry, switching
 * tabs. Coming back shows it again; it is forgotten only once used or
 * cleared by the user. Kept for this window's life (not in the database:
 * it has not been sent).
 */
import { useCallback, useState } from 'react';

const kept = new Map<string, string>();

/** The box's text under `key` (which names the box and what it is about), and its setter. */
export function useKeptDraft(key: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => kept.get(key) ?? '');
  const set = useCallback(
    (next: string) => {
      if (next === '') kept.delete(key);
      else kept.set(key, next);
      setText(next);
    },
    [key],
  );
  return [text, set];
}

/** Whether a box under one of these keys holds typed text (for a list to say so). */
export function hasKeptDraft(...keys: string[]): boolean {
  return keys.some((k) => (kept.get(k) ?? '').trim() !== '');
}
