// Shared setup for the role stories, which run against the demo API (the second API of the global setup).
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeViolations, launchChromium, seriousAccessibilityViolations } from './browser';
import { artifactsDir, demoPassword } from './servers';
import { apiToken, signInThroughUi } from './session';

/** A demo account's email: "student" → student@demo.launchpath.test. */
export const demoEmail = (login: string) => `${login}@demo.launchpath.test`;

export interface Story {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page: a story ends by expecting none. */
  pageErrors: string[];
  close: () => Promise<void>;
}

/** A phone's viewport, for stories that check a page at 390 px. */
export const phone = { width: 390, height: 844 };

export async function openStory(viewport: { width: number; height: number } = { width: 1280, height: 900 }): Promise<Story> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport, isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    browser,
    context,
    page,
    pageErrors,
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}

/** Opens the app and signs in as a demo account through the sign-in page. */
export async function signInAs(page: Page, baseUrl: string, login: string): Promise<void> {
  await page.goto(baseUrl);
  await signInThroughUi(page, demoEmail(login), demoPassword);
}

/** A demo account's bearer token, for setting data up straight through the API. */
export function demoToken(apiUrl: string, login: string): Promise<string> {
  return apiToken(apiUrl, demoEmail(login), demoPassword);
}

/** A screenshot (full page unless said) into the artifacts, then axe-core: no serious or critical violations. */
export async function capture(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage });
  const violations = await seriousAccessibilityViolations(page);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  // On a phone, no page may be wider than the screen (a wide table scrolls inside its own box).
  const { width, scrolled } = await page.evaluate(() => ({ width: window.innerWidth, scrolled: document.documentElement.scrollWidth }));
  if (width < 600) expect(scrolled, `${name} is wider than the phone`).toBeLessThanOrEqual(width);
}

/** A short unique suffix for names made in one run. */
export const runSuffix = () => `${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 1e3)}`;
