/**
 * The in-page check of tests/e2e/clipping.test.ts: which texts are cut off,
 * spill out of their box or break inside a word. Sent to the page with
 * page.evaluate(findTextProblems, scope), so it uses nothing from outside
 * its own body.
 */
import type { Page } from 'playwright-core';

export interface TextProblem {
  what: string;
  element: string;
}

/** The clipped, overflowing or mid-word-broken texts under the element `scope` selects (the whole page if none). */
export function findTextProblems(scope: string): TextProblem[] {
  const root = document.querySelector(scope) ?? document.body;
  const problems: { what: string; element: string }[] = [];
  const TOLERANCE = 1;
  const name = (el: Element): string => {
    const id = el.getAttribute('data-testid');
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 70);
    return `${el.tagName.toLowerCase()}${id ? `[data-testid="${id}"]` : ''}${cls} "${text}"`;
  };
  const visible = (el: Element): boolean => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    // A visually hidden element (1 px, clipped) is for screen readers only.
    return r.width > 1 && r.height > 1;
  };
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  /**
   * The shortened element's own title holds its full text. A title further
   * up (a cell's description) does not count: a level's or a body's name
   * cut to "No evidence a…" inside a titled cell is still cut.
   */
  const titled = (el: Element): boolean => {
    const title = el.getAttribute('title');
    return title !== null && squash(title).includes(squash(el.textContent ?? ''));
  };
  const shortenedOnPurpose = (el: Element, cs: CSSStyleDeclaration): boolean =>
    (cs.textOverflow === 'ellipsis' || (cs.webkitLineClamp !== 'none' && cs.webkitLineClamp !== '')) && titled(el);
  const hides = (v: string) => v === 'hidden' || v === 'clip';
  const scrolls = (v: string) => v === 'auto' || v === 'scroll';

  // The boxes that lay out text: the nearest non-inline element above each text node.
  const boxes = new Set<Element>();
  const texts: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    if (!text.data.trim()) continue;
    const parent = text.parentElement;
    if (!parent || parent.closest('svg, option, script, style, textarea, title')) continue;
    let box: Element | null = parent;
    while (box && box !== root && getComputedStyle(box).display === 'inline') box = box.parentElement;
    if (!box || !visible(parent)) continue;
    boxes.add(box);
    texts.push(text);
  }

  const viewportWidth = document.documentElement.clientWidth;
  for (const box of boxes) {
    if (!visible(box)) continue;
    const cs = getComputedStyle(box);
    if (box.scrollWidth > box.clientWidth + TOLERANCE && !scrolls(cs.overflowX) && !shortenedOnPurpose(box, cs)) {
      problems.push({ what: `content ${box.scrollWidth}px wider than its box ${box.clientWidth}px`, element: name(box) });
      continue;
    }
    if (hides(cs.overflowY) && box.scrollHeight > box.clientHeight + TOLERANCE && !shortenedOnPurpose(box, cs)) {
      problems.push({ what: `content ${box.scrollHeight}px taller than its box ${box.clientHeight}px`, element: name(box) });
      continue;
    }
    const rect = box.getBoundingClientRect();
    let inScroller = false;
    for (let a = box.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const acs = getComputedStyle(a);
      if (scrolls(acs.overflowX)) {
        inScroller = true;
        break;
      }
      if (hides(acs.overflowX)) {
        const ar = a.getBoundingClientRect();
        if (rect.right > ar.right + TOLERANCE || rect.left < ar.left - TOLERANCE) {
          if (!shortenedOnPurpose(a, acs)) problems.push({ what: `cut by ${name(a).slice(0, 80)}`, element: name(box) });
          inScroller = true;
          break;
        }
      }
    }
    if (!inScroller && rect.right > viewportWidth + TOLERANCE) {
      problems.push({ what: `runs past the window's right edge (${Math.round(rect.right)} > ${viewportWidth})`, element: name(box) });
    }
  }

  // Selects: each option in turn is chosen (without an input event, and put
  // back) and its text measured against the room the select then gives it,
  // so that whatever a user chooses shows whole, also in a select that sizes
  // to its content.
  const canvas = document.createElement('canvas').getContext('2d');
  for (const select of root.querySelectorAll('select')) {
    if (!visible(select) || !canvas) continue;
    const cs = getComputedStyle(select);
    canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    // Chromium draws its own arrow inside the padding box unless appearance is none.
    const arrow = cs.appearance === 'none' ? 0 : 20;
    const chosen = select.selectedIndex;
    for (let i = 0; i < select.options.length; i++) {
      select.selectedIndex = i;
      const text = select.options[i]?.text ?? '';
      const room = select.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - arrow;
      const width = canvas.measureText(text).width;
      if (width > room + TOLERANCE) {
        problems.push({ what: `option ${Math.ceil(width)}px wider than the select's ${Math.floor(room)}px`, element: `${name(select).slice(0, 60)} → "${text}"` });
      }
    }
    select.selectedIndex = chosen;
  }

  // Chart labels drawn in SVG: inside their chart.
  for (const label of root.querySelectorAll('svg text')) {
    if (!(label.textContent ?? '').trim()) continue;
    const svg = (label as SVGTextElement).ownerSVGElement;
    if (!svg || !visible(svg)) continue;
    const r = label.getBoundingClientRect();
    const s = svg.getBoundingClientRect();
    if (r.width > 0 && (r.left < s.left - TOLERANCE || r.right > s.right + TOLERANCE)) {
      problems.push({ what: 'SVG label outside its chart', element: name(label) });
    }
  }

  // Words on two lines: each word's range must lie on one line. Only a token
  // longer than any line could hold (a path, an address: over 24 characters)
  // may break; the box's own width is no measure, as a box squeezed to its
  // minimum width ("KOIC|A") is what this looks for.
  const LONG_TOKEN = 24;
  const range = document.createRange();
  for (const text of texts) {
    const box = text.parentElement;
    if (!box || !visible(box)) continue;
    const words = /[^\s\u00a0\u200b\-\u2010\u2011\u2013\u2014/·,;:()[\]]+/gu;
    for (let m = words.exec(text.data); m; m = words.exec(text.data)) {
      if (m[0].length < 2 || m[0].length > LONG_TOKEN) continue;
      range.setStart(text, m.index);
      range.setEnd(text, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0.5);
      if (rects.length < 2) continue;
      const tops = new Set(rects.map((r) => Math.round(r.top / 4)));
      if (tops.size < 2) continue;
      problems.push({ what: `word "${m[0]}" broken across lines`, element: name(box) });
    }
  }
  return problems;
}

/**
 * The problems on the page, under `scope`. A bundler that keeps function
 * names (tsx, esbuild's keepNames) wraps inner functions in __name(), which
 * the page lacks: an identity stands in for it.
 */
export async function textProblems(page: Page, scope = '#root'): Promise<TextProblem[]> {
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.evaluate(findTextProblems, scope);
}
