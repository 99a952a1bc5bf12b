// Every page every demo role can open from its navigation (and the pages' own sub-navigation), at a phone's width (390 × 844), against the demo API: none may push the page
// sideways (the document no wider than the viewport; wide tables scroll inside their own box), and axe finds no
// serious or critical violation, and every control is at least 44 × 44 px. Pages are read only: nothing is changed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { capture, openStory, phone, signInAs, type Story } from './story';
import { signOutThroughUi } from './session';

const baseUrl = inject('demoBaseUrl');
const logins = ['student', 'coordinator', 'teacher', 'district', 'convener', 'analyst', 'employer', 'supervisor'];

let story: Story;

beforeAll(async () => {
  story = await openStory(phone);
}, 60_000);

afterAll(async () => story?.close());

async function overflow(page: Page): Promise<{ by: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-scroll'))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ').join('.') : ''}: ${(e.textContent ?? '').trim().slice(0, 50)}`);
    return { by: document.documentElement.scrollWidth - width, culprits };
  });
}

/**
 * Controls smaller than a fingertip (44 × 44 px, WCAG 2.5.5): buttons, link buttons, form fields, checkbox and radio
 * labels and disclosure summaries that are shown. Links inside sentences are text, not targets (WCAG 2.5.8's exception).
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a.button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, label.check, summary')]
      .filter((e) => {
        const box = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        const hidden = box.width === 0 || box.height === 0 || style.visibility === 'hidden' || e.closest('.visually-hidden, [hidden], dialog:not([open])') !== null;
        return !hidden && !e.classList.contains('skip-link') && (box.height < 43.5 || box.width < 43.5);
      })
      .slice(0, 5)
      .map((e) => {
        const box = e.getBoundingClientRect();
        return `${e.tagName.toLowerCase()} "${(e.textContent || e.getAttribute('aria-label') || e.getAttribute('name') || '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`;
      }),
  );
}

describe('Every page at 390 px', () => {
  for (const login of logins) {
    it(`fits a phone for the demo ${login}`, async () => {
      const { page, pageErrors } = story;
      await page.goto(baseUrl);
      await page.evaluate(() => sessionStorage.clear());
      await signInAs(page, baseUrl, login);
      const hrefs = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''));
      expect(hrefs.length, `${login} has pages`).toBeGreaterThan(0);
      const pages = [...hrefs, '#/inbox'];
      const navigated = pages.length;
      for (let i = 0; i < pages.length; i++) {
        const href = pages[i];
        await page.goto(`${baseUrl}/${href}`);
        // A sub-view (the students' classes and best fit) has its section's heading, not a page heading of its own.
        await page.getByRole('heading', { level: i < navigated ? 1 : 2 }).first().waitFor().catch((error: Error) => {
          throw new Error(`${login} ${href}: no page heading (${error.message.split('\n')[0]})`);
        });
        await page.waitForLoadState('networkidle');
        // A page's own sub-navigation (region settings' rubric and work rules, students' classes…) is visited too.
        for (const sub of await page.locator('nav.subnav a').evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''))) {
          if (sub.startsWith('#/') && !pages.includes(sub)) pages.push(sub);
        }
        const { by, culprits } = await overflow(page);
        expect(by, `${login} ${href} is ${by}px wider than the phone: ${culprits.join(' | ')}`).toBeLessThanOrEqual(0);
        const small = await smallTargets(page);
        expect(small, `${login} ${href} has controls smaller than 44 × 44 px`).toEqual([]);
        await capture(page, `phone-${login}-${href.replace(/[#/]+/g, '-').replace(/^-|-$/g, '') || 'home'}`);
      }
      await signOutThroughUi(page);
      expect(pageErrors).toEqual([]);
    }, 120_000);
  }
});
