import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { ids } from '../tickets/ticket-helpers.js';
import { ask } from './guide-harness.js';

/**
 * Guided troubleshooting in the local workspace page, in Debian's Chromium: the buttons render under a thread
 * answer, a click goes to the bot as block_actions, the next step appears in the thread and the used buttons
 * turn into a note. Screenshots go to test-output/browser-guide/.
 */

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../../test-output/browser-guide/', import.meta.url));

let h: DeskHarness;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (see scripts/system-deps.mjs)`);
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  h = await startDesk();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => void pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('guided troubleshooting in the workspace page', () => {
  it('Next step and That fixed it work from the thread pane', async () => {
    const { threadTs } = await ask(h, 'the viewer opens the study but the images stay black');
    await page.goto(`${h.ws.url}/#/c/${ids.help}?thread_ts=${threadTs}`);
    const thread = page.locator('#tlist');
    const answer = thread.locator('.msg').filter({ hasText: 'Sources:' });
    const next = answer.getByRole('button', { name: /Next step \(2 of \d+\)/ });
    await next.waitFor();
    await answer.getByRole('button', { name: '✅ That fixed it' }).waitFor();
    await page.screenshot({ path: `${SHOTS}01-answer-with-guide.png`, fullPage: true });

    await next.click();
    const step2 = thread.locator('.msg').filter({ hasText: 'Step 2 of' });
    await step2.waitFor();
    expect(await step2.locator('.context code').first().textContent()).toContain('viewer/images-not-displaying.md#');
    await answer.getByText('Step 2 is below').waitFor();
    expect(await answer.getByRole('button', { name: /Next step/ }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}02-step-2.png`, fullPage: true });

    await step2.getByRole('button', { name: '✅ That fixed it' }).click();
    await step2.getByText('fixed it. Noted for the PACS team').waitFor();
    expect(await step2.getByRole('button', { name: /Next step|That fixed it/ }).count()).toBe(0);
    expect(await thread.locator('.msg').count()).toBe(3); // question, answer, step 2: no second copy
    await page.screenshot({ path: `${SHOTS}03-fixed.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
