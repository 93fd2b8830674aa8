/**
 * Arrow keys in a list of buttons, as in the plan's outline and the matrix:
 * one item is in the tab order (roving tabindex), ArrowUp/ArrowDown move to
 * the previous/next, Home/End to the first/last.
 *
 * A list whose items open something in its place (an entry replaces My
 * action plans or the review) remembers the item opened: when the list is
 * shown again, that item takes the focus, not <body>. Module state, as the
 * list unmounts while the entry is open.
 */
import { useCallback, useEffect, useState, type KeyboardEvent, type RefObject } from 'react';

const ITEM = '[data-roving-item]';

/** By list name: the id of the item whose button opened what replaced the list. */
const returnTo = new Map<string, number>();

/** Call when an item of the list `name` opens something in the list's place. */
export function openedFrom(name: string, id: number): void {
  returnTo.set(name, id);
}

/**
 * `listRef` is the list element's ref (the caller's); `ids` the items' ids in
 * their order.
 */
export function useRovingList(
  name: string,
  ids: readonly number[],
  listRef: RefObject<HTMLElement | null>,
): {
  /** Props of the item at `index`: marks it for the list, in or out of the tab order. */
  itemProps(index: number): { 'data-roving-item': ''; tabIndex: 0 | -1; onFocus(): void };
  onKeyDown(e: KeyboardEvent<HTMLElement>): void;
} {
  const [active, setActive] = useState(0);
  /** The item to give the focus back to, taken once when the list is shown. */
  const [back] = useState(() => returnTo.get(name) ?? null);
  const [backDone, setBackDone] = useState(false);
  const backAt = back === null || backDone ? -1 : ids.indexOf(back);
  const current = backAt >= 0 ? backAt : Math.min(active, Math.max(ids.length - 1, 0));

  // Back from what an item opened: that item takes the focus (as soon as the items are there).
  useEffect(() => {
    if (backAt < 0) return;
    returnTo.delete(name);
    listRef.current?.querySelectorAll<HTMLElement>(ITEM)[backAt]?.focus();
  }, [name, backAt, listRef]);

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
    items[next]?.focus();
  }, []);

  return {
    itemProps: (index) => ({
      'data-roving-item': '',
      tabIndex: index === current ? 0 : -1,
      onFocus: () => {
        setActive(index);
        setBackDone(true);
      },
    }),
    onKeyDown,
  };
}
