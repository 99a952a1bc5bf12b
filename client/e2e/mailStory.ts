import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { MailSink, sendingTo } from './mail';
import { artifactsDir, clientDir, freePort, startApi, startVite, type AdminAccount, type RunningApi } from './servers';

/** A story that follows emails: a mail sink, an API sending to it, the SPA in front of the API, and a phone-sized page. */
export interface MailStory {
  mail: MailSink;
  api: RunningApi;
  /** The SPA's address: requests go through it, so the emails' links point where people open the app. */
  baseUrl: string;
  page: Page;
  pageErrors: string[];
  close: () => Promise<void>;
}

/** `env`: more API settings (a recurring job's interval, for a story that waits for an hourly email). */
export async function startMailStory(name: string, admin: AdminAccount, options: { demo?: boolean; locale?: string; env?: Record<string, string> } = {}): Promise<MailStory> {
  const mail = await MailSink.start();
  // The SPA's port is chosen first: it is the public address in the links of emails no request causes (hourly jobs).
  const vitePort = await freePort();
  const api = await startApi(join(artifactsDir, `api-${name}.log`), admin, {
    demo: options.demo,
    env: { ...sendingTo(mail), Messaging__PublicUrl: `http://127.0.0.1:${vitePort}`, ...options.env },
  });
  const vite = await startVite(api.url, join(clientDir, 'node_modules', `.vite-e2e-${name}`), vitePort);
  const browser: Browser = await launchChromium();
  const context: BrowserContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: options.locale }); // a phone
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    mail,
    api,
    baseUrl: vite.url,
    page,
    pageErrors,
    close: async () => {
      await context.close();
      await browser.close();
      await vite.server.close();
      await api.stop();
      await mail.close();
    },
  };
}
