import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DeskHarness, startDesk } from '../helpers/desk-harness.js';

/**
 * The local Slack workspace page in a real browser (Debian's Chromium, headless), against the real bot:
 * a person picks a persona, mentions the bot, votes, runs a slash command, opens App Home, and hostile
 * text stays text. Every step leaves a screenshot in test-output/browser/.
 */

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../test-output/browser/', import.meta.url));
const QUESTION = '@pacs-desk the viewer opens the exam but says no images';
const XSS_IMG = '<img src=x onerror="window.__xss=1">';
const XSS_SCRIPT = '<script>window.__xss=2</script>';

let h: DeskHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];
const consoleErrors: string[] = [];
let shotNo = 0;

async function shot(name: string): Promise<void> {
  shotNo += 1;
  await page.mouse.move(1, 1); // no hover toolbar in the picture
  await page.screenshot({ path: `${SHOTS}${String(shotNo).padStart(2, '0')}-${name}.png`, fullPage: true });
}

/** A message in the main list or the thread pane, by the text it shows. */
function message(listId: 'list' | 'tlist', text: string): Locator {
  return page.locator(`#${listId} .msg`).filter({ hasText: text });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser test drives Debian's Chromium. Run .ci/run (it apt-installs chromium) ` +
        'or `apt-get install chromium`; never download a browser for this test.',
    );
  }
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  h = await startDesk();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  context.on('request', (r) => void requests.push(r.url()));
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => void pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: `${SHOTS}failed-${ctx.task.name.replace(/\W+/g, '-')}.png` }).catch(() => undefined);
  }
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('the workspace page in Chromium', () => {
  it('1. opens, acts as the clinician and shows #radiology-help', async () => {
    await page.goto(`${h.ws.url}/`);
    const who = page.getByLabel('Acting as');
    await who.selectOption('clinician');
    expect(await who.inputValue()).toBe('clinician');
    await page.getByRole('link', { name: '# radiology-help' }).click();
    await page.locator('header.bar', { hasText: '#radiology-help' }).waitFor();
    await page.getByPlaceholder('Message #radiology-help').waitFor();
    await shot('radiology-help');
  });

  it('2. a typed mention gets a cited answer in the thread', async () => {
    const composer = page.locator('#main-composer');
    await composer.locator('textarea').pressSequentially(QUESTION);
    await composer.getByRole('button', { name: 'Send' }).click();

    const asked = message('list', 'the viewer opens the exam but says no images');
    await asked.getByRole('button', { name: '1 reply' }).click();
    const answer = page.locator('#tlist .msg').filter({ has: page.locator('.context', { hasText: 'Sources:' }) });
    await answer.locator('.context code', { hasText: 'viewer/images-not-displaying.md' }).waitFor();
    expect(await answer.locator('.meta').textContent()).toContain('pacs-desk');
    expect(await page.locator('#tlist .msg').count()).toBe(2); // the question and the answer
    // The answer leads with what to do (the page's triage section), not the page's list of symptoms.
    expect(await answer.locator('.md').first().textContent()).toMatch(/^\s*First: is it just you\?/);
    await answer.getByRole('button', { name: /Next step/ }).waitFor();
    // Tall enough for the whole thread: this picture is the README's screenshot (docs/screenshot.png).
    await page.setViewportSize({ width: 1280, height: 1000 });
    await shot('answer-in-thread');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('3. 👎 opens the reason modal; sending it thanks the user privately', async () => {
    const answer = page.locator('#tlist .msg').filter({ has: page.locator('.context', { hasText: 'Sources:' }) });
    await answer.getByRole('button', { name: '👎 Not helpful' }).click();
    const dialog = page.getByRole('dialog', { name: 'What went wrong?' });
    await dialog.waitFor();
    await dialog.getByLabel("It didn't answer my question").check();
    await dialog.getByLabel('Tell us more').pressSequentially('It should say to clear the viewer cache first.');
    await shot('feedback-modal');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'detached' });

    const thanks = page.locator('.msg.eph', { hasText: 'Thanks, the PACS team will review this answer.' });
    await thanks.waitFor();
    expect(await thanks.locator('.eph-note').textContent()).toContain('Only visible to you');
    await shot('feedback-thanks');
  });

  it('4. /pacs help typed in the composer answers privately', async () => {
    const composer = page.locator('#main-composer');
    await composer.locator('textarea').pressSequentially('/pacs help');
    await composer.getByRole('button', { name: 'Send' }).click();
    const help = page.locator('#list .msg.eph', { hasText: '/pacs ask' });
    await help.waitFor();
    expect(await help.locator('.eph-note').textContent()).toContain('Only visible to you');
    expect(await composer.locator('textarea').inputValue()).toBe('');
    await shot('pacs-help');
  });

  it('5. the App Home tab explains how to ask and counts the knowledge base', async () => {
    await page.getByRole('link', { name: '🏠 pacs-desk — Home' }).click();
    const home = page.locator('#home');
    await home.getByText('How to ask').waitFor();
    const kb = home.getByText('Knowledge base: 20 articles');
    await kb.waitFor();
    expect(await kb.textContent()).toMatch(/indexed (today|yesterday) at \d{2}:\d{2}\./); // Slack's date token, read
    await shot('app-home');
  });

  it('6. HTML in a message is shown as text, never run', async () => {
    const text = `${XSS_IMG} and ${XSS_SCRIPT}`;
    await h.api('/api/test/post', { user: 'associate', channel: 'radiology-help', text });
    await page.getByRole('link', { name: '# radiology-help' }).click();
    const msg = message('list', 'window.__xss=1');
    await msg.waitFor(); // the page polls the workspace; no reload needed

    expect(await msg.locator('.text').textContent()).toBe(text);
    expect(await msg.locator('img, script').count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1); // the page's own
    expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
    await shot('escaped-html');
  });

  it('raised no page or console errors (CSP violations included) and loaded nothing from elsewhere', () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => !u.startsWith(`${h.ws.url}/`))).toEqual([]);
    // The page's code and styles are same-origin files (the CSP allows no inline script or style).
    expect(requests).toEqual(expect.arrayContaining([`${h.ws.url}/page/app.js`, `${h.ws.url}/page/style.css`]));
  });
});
