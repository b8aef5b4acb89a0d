import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import { APP_JS } from '../../src/devtools/workspace/page/app-js.js';
import { RENDER_JS } from '../../src/devtools/workspace/page/render-js.js';
import { startWorkspace } from './helpers.js';

type Fn = (...args: unknown[]) => string;
interface Renderer {
  mrkdwn: Fn;
  markdown: Fn;
  renderBlocks: Fn;
  DIR: { users: Record<string, string>; channels: Record<string, string>; groups: Record<string, string> };
}

/** The page's renderer runs unchanged in a VM context: no DOM needed. */
function renderer(): Renderer {
  const sandbox: Record<string, unknown> = {};
  runInNewContext(
    `${RENDER_JS}; this.mrkdwn = mrkdwn; this.markdown = markdown; this.renderBlocks = renderBlocks; this.DIR = DIR;`,
    sandbox,
  );
  const r = sandbox as unknown as Renderer;
  r.DIR.users.U0CLINIC1 = 'Dr. Casey Clinician';
  r.DIR.channels.C0RADHELP = 'radiology-help';
  return r;
}

const XSS = '<img src=x onerror=alert(1)>';

describe('page rendering', () => {
  const r = renderer();

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

/** The page's app script in node:vm with just enough DOM to drive the modal; `respond` plays the test API. */
function appWithFakeDom(respond: (path: string) => unknown) {
  const listeners: Record<string, (e: unknown) => void> = {};
  const overlay = { hidden: true, innerHTML: '' };
  const modal = { querySelectorAll: () => [] };
  const sandbox: Record<string, unknown> = {
    localStorage: { getItem: () => 'clinician', setItem: () => undefined },
    location: { hash: '#/home' },
    window: { addEventListener: () => undefined },
    document: {
      querySelector: (sel: string) => (sel === '#overlay' ? overlay : sel === '#overlay .modal' ? modal : null),
      addEventListener: (type: string, fn: (e: unknown) => void) => {
        listeners[type] = fn;
      },
    },
    fetch: (url: string) => {
      const body = respond(url.replace('/api/test/', ''));
      return body === undefined
        ? new Promise(() => undefined)
        : Promise.resolve({ ok: true, json: () => Promise.resolve(body) });
    },
    setTimeout: () => 0,
    clearTimeout: () => undefined,
    console,
  };
  runInNewContext(`${RENDER_JS}\n${APP_JS}`, sandbox);
  const click = (dataset: Record<string, string>) => {
    const button = { dataset, tagName: 'BUTTON', closest: () => null };
    listeners.click?.({ target: { closest: () => button } });
  };
  return { sandbox, overlay, click };
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

describe('page app', () => {
  it('closes the modal once a submission is accepted', async () => {
    const view = { id: 'V1', hash: 'h1', title: 'What went wrong?', submit: 'Send', blocks: [], errors: {} };
    let open = [view];
    const { sandbox, overlay, click } = appWithFakeDom((path) => {
      if (path === 'state') return undefined; // never answers: no routing, the test drives the modal alone
      if (path.startsWith('views')) return open;
      if (path === 'submit') {
        open = [];
        return {};
      }
      return null;
    });
    (sandbox.S as { route: unknown }).route = { kind: 'home' };
    (sandbox.renderModal as (stack: unknown[]) => void)(open);
    expect(overlay.hidden).toBe(false);

    click({ modalSubmit: '1' });
    await settle();
    expect(overlay.hidden).toBe(true);
    expect(overlay.innerHTML).toBe('');
  });
});

describe('GET /', () => {
  let ws: Workspace;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ ws, close } = await startWorkspace());
  });
  afterAll(() => close());

  it('serves one self-contained HTML page without external assets', async () => {
    const res = await fetch(`${ws.url}/`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<script>');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="(?!data:)|https?:\/\/(?!api\.slack)[a-z]/i);
    // An inline icon, so browsers do not ask for /favicon.ico (a 404 and a console error on every load).
    expect(html).toContain('<link rel="icon" href="data:,">');
    expect(() => new Function(html.slice(html.indexOf('<script>') + 8, html.lastIndexOf('</script>')))).not.toThrow();
  });
});
