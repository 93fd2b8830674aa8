/**
 * Arrow keys in a list of buttons, as in the plan's outline and the matrix:
 * one item is in the tab order (roving tabindex), ArrowUp/ArrowDown move to
 * the previous/next, Home/End to the first/last.
 */
import { useCallback, useState, type KeyboardEvent } from 'react';

const ITEM = '[data-roving-item]';

export function useRovingList(count: number): {
  /** tabIndex of the item at `index`. */
  tabIndexOf(index: number): 0 | -1;
  /** Makes the item at `index` the one in the tab order (on focus, on click). */
  activate(index: number): void;
  onKeyDown(e: KeyboardEvent<HTMLElement>): void;
} {
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(count - 1, 0));
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLElement>) => {
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(ITEM)];
    const at = items.findIndex((el) => el === document.activeElement);
    if (at < 0 || items.length === 0) return;
    const next =
      e.key === 'ArrowDown' ? Math.min(at + 1, items.length - 1)
      : e.key === 'ArrowUp' ? Math.max(at - 1, 0)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? items.length - 1
      : null;
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    items[next]?.focus();
  }, []);
  return { tabIndexOf: (index) => (index === current ? 0 : -1), activate: setActive, onKeyDown };
}

/** Props of a list item's button: marks it for the list, in or out of the tab order. */
export function rovingItem(tabIndex: 0 | -1, onFocus: () => void) {
  return { 'data-roving-item': '', tabIndex, onFocus };
}
