import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import { PAGE_ASSETS, pageAssetsDir } from '../../src/devtools/workspace/page/assets.js';
import { startWorkspace } from './helpers.js';

type Fn = (...args: unknown[]) => string;
type Directory = { users: Record<string, string>; channels: Record<string, string>; groups: Record<string, string> };

/**
 * One of the page's browser modules, loaded as the ES module the browser gets (tsconfig.page.json checks their
 * types; here they are only called).
 */
const load = <T>(name: string): Promise<T> => import(`../../src/devtools/workspace/page/browser/${name}.js`);

/** The page's renderer runs unchanged in node: pure functions, no DOM needed. */
async function renderer() {
  const { mrkdwn } = await load<{ mrkdwn: Fn }>('mrkdwn');
  const { markdown } = await load<{ markdown: Fn }>('markdown');
  const { renderBlocks } = await load<{ renderBlocks: Fn }>('blocks');
  const { DIR } = await load<{ DIR: Directory }>('escape');
  DIR.users.U0CLINIC1 = 'Dr. Casey Clinician';
  DIR.channels.C0RADHELP = 'radiology-help';
  return { mrkdwn, markdown, renderBlocks };
}

const XSS = '<img src=x onerror=alert(1)>';

describe('page rendering', () => {
  let r: Awaited<ReturnType<typeof renderer>>;
  beforeAll(async () => {
    r = await renderer();
  });

  it('escapes HTML in message text', () => {
    const html = r.mrkdwn(XSS);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(r.mrkdwn('&lt;b&gt; &amp; <script>x</script>')).not.toMatch(/<script|<b>/);
  });

  it('escapes every Block Kit field', () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: XSS } },
      {
        type: 'section',
        block_id: XSS,
        text: { type: 'mrkdwn', text: XSS },
        fields: [{ type: 'plain_text', text: XSS }],
        accessory: { type: 'button', action_id: '"><img src=x>', value: XSS, text: { type: 'plain_text', text: XSS } },
      },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: XSS },
          { type: 'image', image_url: 'javascript:alert(1)', alt_text: XSS },
        ],
      },
      { type: 'image', image_url: 'https://x/y.png', alt_text: '"onload="alert(1)' },
      {
        type: 'actions',
        elements: [
          { type: 'static_select', action_id: 's', options: [{ text: { type: 'plain_text', text: XSS }, value: XSS }] },
        ],
      },
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: XSS },
              { type: 'link', url: 'javascript:alert(1)', text: 'x' },
            ],
          },
        ],
      },
      { type: 'markdown', text: `${XSS} [x](javascript:alert(1))` },
      { type: 'carousel', text: XSS },
    ];
    const html = r.renderBlocks(blocks, {});
    expect(html).not.toMatch(/<img src=x|<script|href="javascript|"onload=/i);
    expect(html).toContain('[x](javascript:alert(1))'); // left as plain text, not a link
  });

  it('renders Slack mrkdwn', () => {
    expect(r.mrkdwn('*bold* _it_ ~gone~ `code`')).toBe('<b>bold</b> <i>it</i> <s>gone</s> <code>code</code>');
    expect(r.mrkdwn('```\nconst a = 1 < 2;\n```')).toBe('<pre>const a = 1 &lt; 2;\n</pre>');
    expect(r.mrkdwn('<https://pacs.example/a?b=1&amp;c=2|the viewer>')).toBe(
      '<a href="https://pacs.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the viewer</a>',
    );
    expect(r.mrkdwn('hi <@U0CLINIC1> in <#C0RADHELP|radiology-help>')).toContain('@Dr. Casey Clinician');
    expect(r.mrkdwn('<!subteam^S0PACSADM|@pacs-admins>')).toContain('@pacs-admins');
    expect(r.mrkdwn('> quoted')).toBe('<blockquote>quoted</blockquote>');
  });

  it('keeps the numbers of numbered steps and joins a wrapped item to its line', () => {
    const html = r.markdown(
      '1. **Log out** and back in; this often\n   fixes a black viewer.\n2. Restart.\n- a bullet\n  - nested',
    );
    expect(html).toBe(
      '<div class="md-li">1. <b>Log out</b> and back in; this often fixes a black viewer.</div>' +
        '<div class="md-li">2. Restart.</div><div class="md-li">• a bullet</div><div class="md-li">• nested</div>',
    );
    expect(r.markdown('Not a list\n  indented')).toBe('<div>Not a list</div><div>  indented</div>');
  });

  it("renders Slack's date tokens in local time, not as a mention", () => {
    const html = r.mrkdwn('indexed <!date^1700000000^{date_num} at {time}|recently>.');
    expect(html).toMatch(
      /^indexed <time datetime="2023-11-14T22:13:20.000Z">\d{4}-\d{2}-\d{2} at \d{2}:\d{2}<\/time>\.$/,
    );
    const now = Math.floor(Date.now() / 1000);
    expect(r.mrkdwn(`<!date^${now}^{date_short_pretty} {constructor}|recently>`)).toContain('>today {constructor}<');
    expect(r.mrkdwn(`<!date^${now - 120}^{ago}|recently>`)).toContain('>2 minutes ago<');
    expect(r.mrkdwn('<!date^soon^{date}|recently>')).toBe('recently');
    expect(r.mrkdwn('<!date^1700000000^&lt;b&gt;{date_num}|x>')).toMatch(/>&lt;b&gt;\d{4}-/);
  });

  it('renders modal inputs with their validation errors', () => {
    const html = r.renderBlocks(
      [
        {
          type: 'input',
          block_id: 'title_block',
          label: { type: 'plain_text', text: 'Title' },
          element: { type: 'plain_text_input', action_id: 'title', multiline: true },
        },
      ],
      { inputs: true, errors: { title_block: 'Too <short>' } },
    );
    expect(html).toContain('<textarea');
    expect(html).toContain('Too &lt;short&gt;');
  });
});

/**
 * The page's app (entry module app.js and what it imports) with just enough DOM, as globals, to drive the modal;
 * `respond` plays the test API. Timers are stubbed: no polling loop.
 */
async function appWithFakeDom(respond: (path: string) => unknown) {
  const listeners: Record<string, (e: unknown) => void> = {};
  const overlay = { hidden: true, innerHTML: '' };
  const modal = { querySelectorAll: () => [] };
  vi.stubGlobal('localStorage', { getItem: () => 'clinician', setItem: () => undefined });
  vi.stubGlobal('location', { hash: '#/home' });
  vi.stubGlobal('window', { addEventListener: () => undefined });
  vi.stubGlobal('document', {
    querySelector: (sel: string) => (sel === '#overlay' ? overlay : sel === '#overlay .modal' ? modal : null),
    addEventListener: (type: string, fn: (e: unknown) => void) => {
      listeners[type] = fn;
    },
  });
  vi.stubGlobal('fetch', (url: string) => {
    const body = respond(url.replace('/api/test/', ''));
    return body === undefined
      ? new Promise(() => undefined)
      : Promise.resolve({ ok: true, json: () => Promise.resolve(body) });
  });
  vi.stubGlobal('setTimeout', () => 0);
  vi.stubGlobal('clearTimeout', () => undefined);
  await load('app');
  const { S } = await load<{ S: { route: unknown } }>('state');
  const { renderModal } = await load<{ renderModal: (stack: unknown[]) => void }>('modal');
  const click = (dataset: Record<string, string>) => {
    const button = { dataset, tagName: 'BUTTON', closest: () => null };
    listeners.click?.({ target: { closest: () => button } });
  };
  return { S, renderModal, overlay, click };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

describe('page app', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('closes the modal once a submission is accepted', async () => {
    const view = { id: 'V1', hash: 'h1', title: 'What went wrong?', submit: 'Send', blocks: [], errors: {} };
    let open = [view];
    const { S, renderModal, overlay, click } = await appWithFakeDom((path) => {
      if (path === 'state') return undefined; // never answers: no routing, the test drives the modal alone
      if (path.startsWith('views')) return open;
      if (path === 'submit') {
        open = [];
        return {};
      }
      return null;
    });
    S.route = { kind: 'home' };
    renderModal(open);
    expect(overlay.hidden).toBe(false);

    click({ modalSubmit: '1' });
    await settle();
    expect(overlay.hidden).toBe(true);
    expect(overlay.innerHTML).toBe('');
  });
});

/** A GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(base: string, path: string): Promise<{ status: number; type: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ host: hostname, port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('GET / and the page files', () => {
  let ws: Workspace;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ ws, close } = await startWorkspace());
  });
  afterAll(() => close());

  it('serves an HTML shell whose only script and styles are same-origin files, under a CSP without inline code', async () => {
    const res = await fetch(`${ws.url}/`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="/page/app.js">']);
    expect(html.match(/<link[^>]*>/g)).toEqual([
      '<link rel="icon" href="data:,">',
      '<link rel="stylesheet" href="/page/style.css">',
    ]);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=|https?:\/\/[a-z]/i);
    // An inline icon, so browsers do not ask for /favicon.ico (a 404 and a console error on every load).
    expect(html).toContain('<link rel="icon" href="data:,">');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('serves every page file with its content type, uncached, as it is on disk', async () => {
    for (const name of PAGE_ASSETS) {
      const res = await fetch(`${ws.url}/page/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toBe(
        name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toBe(readFileSync(`${pageAssetsDir()}${name}`, 'utf8'));
    }
  });

  it('lists every browser file, and every module the page imports is one of them', () => {
    const onDisk = readdirSync(pageAssetsDir()).filter((f) => /\.(js|css)$/.test(f));
    expect([...PAGE_ASSETS].sort()).toEqual(onDisk.sort());
    for (const name of PAGE_ASSETS) {
      const source = readFileSync(`${pageAssetsDir()}${name}`, 'utf8');
      for (const m of source.matchAll(/^import [^'\n]*'\.\/([^']+)'/gm)) expect(PAGE_ASSETS, name).toContain(m[1]);
    }
  });

  it('refuses any other name under /page/, traversal and encoded slashes included (404)', async () => {
    for (const path of [
      '/page/types.d.ts',
      '/page/../server.ts',
      '/page/../../../../package.json',
      '/page/%2e%2e/index.ts',
      '/page/..%2fassets.ts',
      '/page/browser/app.js',
      '/page/APP.JS',
      '/page/app.js/',
      '/page/',
      '/page/app.js%00.css',
    ]) {
      const res = await rawGet(ws.url, path);
      expect(res.status, path).toBe(404);
      expect(res.type, path).toContain('application/json');
    }
    expect((await rawGet(ws.url, '/page/app.js')).status).toBe(200);
  });
});
