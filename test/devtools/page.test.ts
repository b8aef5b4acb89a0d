import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/devtools/workspace/index.js';
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
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!api\.slack)[a-z]/i);
    expect(() => new Function(html.slice(html.indexOf('<script>') + 8, html.lastIndexOf('</script>')))).not.toThrow();
  });
});
