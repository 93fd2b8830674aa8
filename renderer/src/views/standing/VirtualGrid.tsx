/**
 * The matrices' grid: a scroll container of fixed-height rows (group headers
 * and action plans alike) that renders only the rows in view plus a margin,
 * each placed at index × row height inside a spacer of the full height, under
 * a sticky header row and beside a sticky first column.
 *
 * Keyboard: the grid is one Tab stop (role="grid"); the arrow keys, Home,
 * End, Page Up/Down and Ctrl+Home/End move the active cell, which is named
 * by aria-activedescendant (the rows it leaves may be unmounted, so the focus
 * stays on the grid); Enter or Space activates it. Clicks are handled once,
 * on the rows' container, from the cells' data attributes.
 */
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { Language } from '../../../../contract/domain';
import { otherLanguage, type Translate } from '../../i18n';
import { nearestActionIndex, nextActionIndex, type GroupableRow, type MatrixItem, type OutlineLookup } from '../../model/matrix';

export const ROW_HEIGHT = 32;
export const HEADER_HEIGHT = 48;
const OVERSCAN = 10;

interface Remembered {
  resetKey: unknown;
  top: number;
  left: number;
  active: ActiveCell | null;
  focused: boolean;
}

/** Scroll position, active cell and focus of each grid (by memoryKey) when it unmounted. */
const memory = new Map<string, Remembered>();

export interface ActiveCell {
  actionPlanId: number;
  col: number;
}

interface VirtualGridProps<R extends GroupableRow> {
  items: readonly MatrixItem<R>[];
  /** Columns after the action plan's own (column 0). */
  columnCount: number;
  /** grid-template-columns of every row. */
  template: string;
  /** Smallest width of the rows, in px (beyond it the grid scrolls sideways). */
  minWidth: number;
  label: string;
  hint: string;
  /** The header row's cells. */
  header: ReactNode;
  /** When it changes (a filter, the mode), the grid scrolls back to the top. */
  resetKey: unknown;
  /** Names the grid whose scroll position and active cell are restored when it mounts again. */
  memoryKey: string;
  lookup: OutlineLookup;
  language: Language;
  t: Translate;
  /** An action plan's row; `activeCol` is −1 unless the active cell is in it. */
  renderRow(row: R, index: number, activeCol: number, activeId: string): ReactNode;
  canActivate(row: R, col: number): boolean;
  onActivate(row: R, col: number): void;
}

export function VirtualGrid<R extends GroupableRow>(props: VirtualGridProps<R>) {
  const { items, columnCount, template, minWidth, label, hint, header, resetKey, memoryKey, lookup, language, t } = props;
  const { renderRow, canActivate, onActivate } = props;
  const gridId = useId();
  const hintId = `${gridId}-hint`;
  const scroller = useRef<HTMLDivElement>(null);
  // Where the grid was when it last unmounted (an entry opened from it replaces it), if the filters are the same.
  const [remembered] = useState(() => {
    const m = memory.get(memoryKey);
    return m && m.resetKey === resetKey ? m : null;
  });
  const [scrollTop, setScrollTop] = useState(remembered?.top ?? 0);
  const [viewportHeight, setViewportHeight] = useState(640);
  const [active, setActive] = useState<ActiveCell | null>(remembered?.active ?? null);
  const restore = useRef(remembered);
  /** The scroll position as the last scroll event left it (read at unmount without forcing a layout). */
  const position = useRef({ top: remembered?.top ?? 0, left: remembered?.left ?? 0 });
  const latest = useRef({ active, resetKey, memoryKey });
  useEffect(() => {
    latest.current = { active, resetKey, memoryKey };
  });
  /** Sets the active cell; the memory learns it at once (a click that opens an entry unmounts the grid before any effect). */
  const changeActive = (cell: ActiveCell) => {
    latest.current = { ...latest.current, active: cell };
    setActive(cell);
  };
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const r = restore.current;
    if (r) {
      el.scrollTop = r.top;
      el.scrollLeft = r.left;
      if (r.focused) el.focus({ preventScroll: true });
    }
    return () => {
      const { active: lastActive, resetKey: lastKey, memoryKey: key } = latest.current;
      const { top, left } = position.current;
      memory.set(key, { resetKey: lastKey, top, left, active: lastActive, focused: el.contains(document.activeElement) });
    };
  }, []);

  // A new filter shows its rows from the top, in the same render (no second pass); the
  // container is scrolled back only if it was scrolled (setting scrollTop forces a layout).
  const [shown, setShown] = useState({ key: resetKey, from: 0 });
  let top = scrollTop;
  if (shown.key !== resetKey) {
    setShown({ key: resetKey, from: scrollTop });
    setScrollTop(0);
    top = 0;
  }
  useLayoutEffect(() => {
    if (shown.from !== 0 && scroller.current) scroller.current.scrollTop = 0;
  }, [shown]);

  // The height in view, from a ResizeObserver (it reports after layout, before paint: no forced layout).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      // Never more than the window: a container without a bounded height must not render every row.
      const height = entry ? entry.contentRect.height : el.clientHeight;
      setViewportHeight(Math.max(ROW_HEIGHT, Math.min(height, window.innerHeight)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const indexById = useMemo(() => {
    const map = new Map<number, number>();
    items.forEach((item, i) => {
      if (item.kind === 'action') map.set(item.row.actionPlanId, i);
    });
    return map;
  }, [items]);

  const bodyHeight = items.length * ROW_HEIGHT;
  const rowsHeight = Math.max(ROW_HEIGHT, viewportHeight - HEADER_HEIGHT);
  top = Math.min(top, Math.max(0, bodyHeight - rowsHeight));
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((top + rowsHeight) / ROW_HEIGHT) + OVERSCAN);

  const activeIndex = active ? (indexById.get(active.actionPlanId) ?? -1) : -1;
  const activeCol = active && activeIndex >= 0 ? Math.min(active.col, columnCount) : 0;
  const activeId = `${gridId}-cell`;
  const activeRendered = activeIndex >= first && activeIndex < last;

  const scrollRowIntoView = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el) return;
      const rowTop = index * ROW_HEIGHT;
      let next = el.scrollTop;
      if (rowTop < next) next = rowTop;
      else if (rowTop + ROW_HEIGHT > next + rowsHeight) next = rowTop + ROW_HEIGHT - rowsHeight;
      if (next !== el.scrollTop) {
        el.scrollTop = next;
        setScrollTop(next);
      }
    },
    [rowsHeight],
  );

  const scrollColumnIntoView = (index: number, col: number) => {
    const el = scroller.current;
    if (!el) return;
    if (col === 0) {
      el.scrollLeft = 0;
      return;
    }
    const cell = el.querySelector<HTMLElement>(`[data-index="${index}"] [data-col="${col}"]`) ?? el.querySelector<HTMLElement>(`.mx-head [aria-colindex="${col + 1}"]`);
    const sticky = el.querySelector<HTMLElement>('.mx-head [data-col="0"]');
    if (!cell) return;
    const box = el.getBoundingClientRect();
    const rect = cell.getBoundingClientRect();
    const leftEdge = box.left + (sticky?.offsetWidth ?? 0);
    if (rect.left < leftEdge) el.scrollLeft -= leftEdge - rect.left;
    else if (rect.right > box.left + el.clientWidth) el.scrollLeft += rect.right - (box.left + el.clientWidth);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (items.length === 0) return;
    const from = activeIndex >= 0 ? activeIndex : nearestActionIndex(items, first + OVERSCAN);
    if (from < 0) return;
    let index = from;
    let col = activeIndex >= 0 ? activeCol : 0;
    const page = Math.max(1, Math.floor(rowsHeight / ROW_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown':
        index = nextActionIndex(items, from, 1);
        break;
      case 'ArrowUp':
        index = nextActionIndex(items, from, -1);
        break;
      case 'ArrowRight':
        col = Math.min(col + 1, columnCount);
        break;
      case 'ArrowLeft':
        col = Math.max(col - 1, 0);
        break;
      case 'Home':
        if (e.ctrlKey || e.metaKey) index = nearestActionIndex(items, 0);
        col = 0;
        break;
      case 'End':
        if (e.ctrlKey || e.metaKey) index = nearestActionIndex(items, items.length - 1);
        col = columnCount;
        break;
      case 'PageDown':
        index = nearestActionIndex(items, Math.min(items.length - 1, from + page));
        break;
      case 'PageUp': {
        const up = Math.max(0, from - page);
        index = items[up]?.kind === 'action' ? up : nextActionIndex(items, up, 1);
        break;
      }
      case 'Enter':
      case ' ': {
        e.preventDefault();
        const item = items[from];
        if (activeIndex >= 0 && item?.kind === 'action' && canActivate(item.row, col)) onActivate(item.row, col);
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    const item = items[index];
    if (item?.kind !== 'action') return;
    changeActive({ actionPlanId: item.row.actionPlanId, col });
    scrollRowIntoView(index);
    if (col !== activeCol || index === from) scrollColumnIntoView(index, col);
  };

  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || activeIndex >= 0) return;
    const index = nearestActionIndex(items, Math.floor(top / ROW_HEIGHT));
    const item = items[index];
    if (item?.kind === 'action') changeActive({ actionPlanId: item.row.actionPlanId, col: 0 });
  };

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const rowEl = target.closest<HTMLElement>('[data-index]');
    if (!rowEl) return;
    const item = items[Number(rowEl.dataset.index)];
    if (item?.kind !== 'action') return;
    let col = Number(target.closest<HTMLElement>('[data-col]')?.dataset.col ?? 0);
    // A click in an empty slot of a strip of columns (it has no element): the column from the position.
    const strip = target.closest<HTMLElement>('[data-slot-width]');
    if (strip && target === strip) col = 1 + Math.floor((e.clientX - strip.getBoundingClientRect().left) / Number(strip.dataset.slotWidth));
    col = Math.max(0, Math.min(col, columnCount));
    changeActive({ actionPlanId: item.row.actionPlanId, col });
    scroller.current?.focus({ preventScroll: true });
    if (canActivate(item.row, col)) onActivate(item.row, col);
  };

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i];
    if (!item) continue;
    if (item.kind === 'action') rows.push(renderRow(item.row, i, i === activeIndex ? activeCol : -1, activeId));
    else rows.push(<GroupRow key={item.key} item={item} index={i} span={columnCount + 1} lookup={lookup} language={language} t={t} />);
  }

  const style = { '--mx-cols': template, '--mx-min-width': `${minWidth}px` } as CSSProperties;
  return (
    <div
      ref={scroller}
      className="mx-grid"
      role="grid"
      tabIndex={0}
      style={style}
      aria-label={label}
      aria-describedby={hintId}
      aria-rowcount={items.length + 1}
      aria-colcount={columnCount + 1}
      aria-activedescendant={activeRendered ? activeId : undefined}
      onScroll={(e) => {
        const el = e.currentTarget;
        position.current = { top: el.scrollTop, left: el.scrollLeft };
        setScrollTop(el.scrollTop);
      }}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <p className="visually-hidden" id={hintId}>
        {hint}
      </p>
      <div className="mx-content">
        <div className="mx-head" role="rowgroup">
          <div className="mx-row mx-row--head" role="row" aria-rowindex={1}>
            {header}
          </div>
        </div>
        <div className="mx-body" role="rowgroup" style={{ height: bodyHeight }} onClick={onClick}>
          {rows}
        </div>
      </div>
    </div>
  );
}

/** The top of a row inside the rows' spacer (a dynamic value, hence a style). */
export function rowStyle(index: number): CSSProperties {
  return { top: index * ROW_HEIGHT };
}

interface GroupRowProps {
  item: Exclude<MatrixItem<GroupableRow>, { kind: 'action' }>;
  index: number;
  span: number;
  lookup: OutlineLookup;
  language: Language;
  t: Translate;
}

/** An area, objective or strategy heading row. */
const GroupRow = memo(function GroupRow({ item, index, span, lookup, language, t }: GroupRowProps) {
  let label: string;
  let text = '';
  let secondary = '';
  let lang: Language = language;
  let testId: string;
  if (item.kind === 'area') {
    const area = lookup.areas.get(item.areaSeq);
    label = t('standing.area', { seq: item.areaSeq });
    if (area) {
      text = language === 'ko' ? area.nameKo : area.nameEn;
      secondary = otherLanguage(language) === 'ko' ? area.nameKo : area.nameEn;
    }
    testId = `matrix-group-area-${item.areaSeq}`;
  } else if (item.kind === 'objective') {
    const objective = lookup.objectives.get(item.objectiveNumber);
    label = t('standing.objective', { number: item.objectiveNumber });
    if (objective) ({ text, secondary, lang } = texts(language, objective));
    testId = `matrix-group-objective-${item.objectiveNumber}`;
  } else {
    const strategy = lookup.strategies.get(item.strategyCode);
    label = t('standing.strategy', { code: item.strategyCode });
    if (strategy) ({ text, secondary, lang } = texts(language, strategy));
    testId = `matrix-group-strategy-${item.strategyCode}`;
  }
  const title = [`${label} ${text}`, secondary].filter(Boolean).join('\n');
  return (
    <div className={`mx-row mx-group mx-group--${item.kind}`} role="row" aria-rowindex={index + 2} data-index={index} style={rowStyle(index)}>
      <div className="mx-group__cell" role="gridcell" aria-colspan={span} data-testid={testId}>
        {/* The title sits on the text that may be shortened, with all of it. */}
        <span className="mx-group__text" title={title}>
          <span className="mx-group__label">{label}</span> <span lang={lang}>{text}</span>
          {secondary && (
            <>
              {' '}
              <span className="secondary" lang={otherLanguage(lang)}>
                {secondary}
              </span>
            </>
          )}
        </span>
      </div>
    </div>
  );
});

/** A text in the interface language (English when there is no Korean), and the English beside Korean. */
function texts(language: Language, item: { textEn: string; textKo: string | null }): { text: string; secondary: string; lang: Language } {
  if (language === 'ko' && item.textKo) return { text: item.textKo, secondary: item.textEn, lang: 'ko' };
  return { text: item.textEn, secondary: '', lang: 'en' };
}
