import type { Locator, Page } from 'playwright-core';

/**
 * Layout measurements in the browser. The in-page code is plain JavaScript in strings: the server's TypeScript
 * has no DOM types, and the code must not depend on the test's own module system anyway.
 */

/** What sticks out sideways on a page: described elements, so a failure says where to look. */
export interface SidewaysOverflow {
  /** document.documentElement.scrollWidth beyond the window's width (0 when the page does not scroll sideways). */
  pageScrollsBy: number;
  /** Elements a person sees (after the clipping of their ancestors) whose right edge is past the window. */
  visibleBeyond: string[];
  /** Controls (links, buttons, fields) reached only by scrolling something sideways. */
  controlsBeyond: string[];
  /** Elements that stick out of the padding of the card (.mantine-Card-root) they are in, though not off the window. */
  outOfTheirCard: string[];
}

/**
 * Measures every element's box as laid out now. An element counts when it has a size, is not visibility:hidden
 * and not inside something display:none; its visible box is its box cut by every ancestor that clips (overflow
 * other than visible). A control (a, button, input, select, textarea, role=button) must fit in the window even
 * unclipped: one inside a sideways-scrolling area is out of reach without scrolling it. Monaco's editors (the
 * playground) draw their text in layers wider than their frame and clip them on purpose: their frame is
 * measured, not their inside. Inside a card, what a person sees must also stay inside the card's padding.
 */
const MEASURE = `(() => {
  const width = window.innerWidth;
  const tolerance = 1;
  const describe = (element) => {
    const id = element.id ? '#' + element.id : '';
    const classes = [...element.classList].filter((name) => !/^m_[0-9a-f]+$/.test(name)).slice(0, 3)
      .map((name) => '.' + name).join('');
    const text = (element.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
    const box = element.getBoundingClientRect();
    return '<' + element.tagName.toLowerCase() + id + classes + '> "' + text + '" [' + Math.round(box.left) + '–' + Math.round(box.right) + ']';
  };
  const visibleBeyond = [];
  const controlsBeyond = [];
  const outOfTheirCard = [];
  const controls = 'a[href], button, input:not([type="hidden"]), select, textarea, [role="button"]';
  const walk = (element, clipRight, cardRight) => {
    const style = getComputedStyle(element);
    if (style.display === 'none') return;
    const box = element.getBoundingClientRect();
    const shown = style.visibility !== 'hidden' && box.width > 0 && box.height > 0;
    const seenRight = Math.min(box.right, clipRight);
    if (shown && seenRight > width + tolerance) visibleBeyond.push(describe(element));
    else if (shown && seenRight > cardRight + tolerance) outOfTheirCard.push(describe(element));
    if (shown && element.matches(controls) && box.right > width + tolerance) controlsBeyond.push(describe(element));
    if (element.classList.contains('monaco-editor')) return;
    const clips = style.overflowX !== 'visible' && element !== document.documentElement && element !== document.body;
    const nextClip = clips ? Math.min(clipRight, box.right) : clipRight;
    const nextCard = element.classList.contains('mantine-Card-root')
      ? box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth)
      : cardRight;
    for (const child of element.children) walk(child, nextClip, nextCard);
  };
  walk(document.documentElement, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
  return {
    pageScrollsBy: Math.max(0, document.documentElement.scrollWidth - width),
    visibleBeyond,
    controlsBeyond,
    outOfTheirCard,
  };
})()`;

export function sidewaysOverflow(page: Page): Promise<SidewaysOverflow> {
  return page.evaluate<SidewaysOverflow>(MEASURE);
}

/** Whether the first elements matching two selectors overlap (a message over the header, say). */
export function overlaps(page: Page, first: string, second: string): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    const a = document.querySelector(${JSON.stringify(first)});
    const b = document.querySelector(${JSON.stringify(second)});
    if (!a || !b) throw new Error('not found: ' + (a ? ${JSON.stringify(second)} : ${JSON.stringify(first)}));
    const boxA = a.getBoundingClientRect();
    const boxB = b.getBoundingClientRect();
    return boxA.left < boxB.right && boxB.left < boxA.right && boxA.top < boxB.bottom && boxB.top < boxA.bottom;
  })()`);
}

/**
 * Waits until a JavaScript expression is true in the page. Asked from here (DevTools evaluation), not with
 * waitForFunction, whose string predicates the dashboard's Content-Security-Policy (no 'unsafe-eval') refuses.
 */
export async function waitUntilTrue(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await page.evaluate(expression))) {
    if (Date.now() - started > timeoutMs) throw new Error(`still false after ${timeoutMs} ms: ${expression}`);
    await page.waitForTimeout(50);
  }
}

/** Waits until no element matching the selector is moving or fading in (its opacity is 1, its transform none). */
export function waitUntilSettled(page: Page, selector: string): Promise<void> {
  return waitUntilTrue(
    page,
    `(() => {
    const found = document.querySelector(${JSON.stringify(selector)});
    if (!found) return false;
    const style = getComputedStyle(found);
    return style.opacity === '1' && (style.transform === 'none' || /^matrix\\(1, 0, 0, 1, 0, 0\\)$/.test(style.transform));
  })()`,
  );
}

/**
 * Where the element's text wraps inside a word: each soft line break whose previous character is not a space,
 * shown with a few characters around it (⏎ marks the break). Hard line breaks (\n) are not wraps.
 */
export function wrapsInsideWords(element: Locator): Promise<string[]> {
  // A function made from its source text, so no DOM types are needed here; Playwright sends its source along.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- test code made to run in the browser page
  const find = new Function(
    'root',
    `
      const broken = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent || '';
        let previousTop = null;
        for (let i = 0; i < text.length; i += 1) {
          if (text[i] === '\\n') { previousTop = null; continue; }
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = range.getBoundingClientRect().top;
          if (previousTop !== null && top > previousTop + 2 && text[i - 1] !== ' ') {
            broken.push(text.slice(Math.max(0, i - 12), i) + '⏎' + text.slice(i, i + 12));
          }
          previousTop = top;
        }
      }
      return broken;`,
  ) as (root: unknown) => string[];
  return element.evaluate(find);
}
