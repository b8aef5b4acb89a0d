import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LogLevel, WebClient } from '@slack/web-api';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import { postWeeklyDigest } from '../../src/report/weekly-digest.js';
import { emptyQueue, type WeeklySources } from '../../src/report/weekly-report.js';
import { startWorkspace, TOKEN } from './helpers.js';

/**
 * The workspace page shows a shared image file inline: the weekly digest in Debian's Chromium. Its screenshot,
 * test-output/browser/digest.png, is the README's picture of the digest (docs/digest.png).
 */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../test-output/browser/', import.meta.url));

const sources: WeeklySources = {
  tickets: async () => ({
    queues: [
      {
        id: 'default',
        opened: 14,
        resolved: 11,
        firstResponseP50Min: 12,
        resolutionP50Min: 310,
        slaBreaches: 2,
        csat: 4.4,
      },
      { ...emptyQueue('ed'), opened: 6, resolved: 6, firstResponseP50Min: 4, resolutionP50Min: 52, csat: 4.8 },
      {
        ...emptyQueue('cardiology'),
        opened: 3,
        resolved: 2,
        firstResponseP50Min: 35,
        resolutionP50Min: 900,
        slaBreaches: 1,
      },
    ],
    byCategory: { missing_study: 9, images_not_displaying: 6, viewer_access: 5, worklist_modality: 3 },
  }),
  deflection: async () => ({ questions: 86, answeredNoTicket: 61, ticketsFromAnswers: 7 }),
  gaps: async () => [
    { topic: 'mammography priors from the old archive', count: 5 },
    { topic: 'CD import of outside studies', count: 3 },
  ],
  incidents: async () => [
    { key: 'queue:main', summary: 'Main PACS: transfer queue failing (12 tasks)', since: '2026-11-26T10:05:00Z' },
  ],
  queues: () =>
    ['default', 'ed', 'cardiology'].map((id) => ({
      id,
      name: id,
      categories: [],
      sites: [],
      slaMinutes: { stat: 60, urgent: 240, routine: id === 'ed' ? 120 : 480 },
    })),
};

let ws: Workspace;
let close: () => Promise<void>;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (never download one)`);
  mkdirSync(SHOTS, { recursive: true });
  ({ ws, close } = await startWorkspace({ rateLimit: { perSecond: 1000, burst: 1000 } }));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
});
afterAll(async () => {
  await browser?.close();
  await close?.();
});

describe('the digest on the workspace page', () => {
  it('shows the digest message and its uploaded chart as an image', async () => {
    const client = new WebClient(TOKEN, {
      slackApiUrl: ws.apiUrl,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    await postWeeklyDigest({ client, fetch, sources, channel: 'C0PTRIAGE', until: new Date('2026-11-30T08:00:00Z') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' });
    page.setDefaultTimeout(15_000);
    await page.goto(`${ws.url}/`);
    await page.getByLabel('Acting as').selectOption('associate');
    await page.getByRole('link', { name: '# pacs-triage' }).click();
    const img = page.locator('#list .msg figure.file img');
    await img.waitFor();
    // decode() resolves once the image is loaded and decoded (the callbacks run in the page; typed loosely here).
    await img.evaluate((el: { decode(): Promise<void> }) => el.decode());
    expect(await img.evaluate((el: { naturalWidth: number }) => el.naturalWidth)).toBe(800);
    expect(await page.locator('#list .msg', { hasText: 'Weekly PACS Desk digest' }).count()).toBe(1);
    await page.mouse.move(1, 1);
    await page.screenshot({ path: `${SHOTS}digest.png` });
    await page.close();
  });
});
