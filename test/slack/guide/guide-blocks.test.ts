import { describe, expect, it } from 'vitest';
import {
  buildGuideActions,
  buildGuideStepMessage,
  guideNote,
  replaceGuideActions,
} from '../../../src/slack/blocks/guide-blocks.js';
import { guideStep, guideValue, parseGuideValue, stepLabel, stepsTried } from '../../../src/slack/guide/guide-path.js';
import { guideTicketPrefill } from '../../../src/slack/tickets/guide-prefill.js';
import { answerId, guide } from './guide-fixture.js';

type Button = { action_id: string; value: string; text: { text: string } };
const buttons = (block: unknown) => (block as { elements: Button[] }).elements;

describe('guide path', () => {
  it('numbers the answer as step 1 and the remaining sections 2..n in page order', () => {
    expect(guideStep(guide, 1)).toBeUndefined();
    expect(guideStep(guide, 2)?.heading).toBe('Clear the cache');
    expect(guideStep(guide, 3)?.anchor).toBe('reset-the-workstation');
    expect(guideStep(guide, 4)).toBeUndefined();
    expect(stepsTried(guide, 2)).toEqual(['First: is it just you?', 'Clear the cache']);
    expect(stepLabel(guide, 2)).toEqual({
      heading: 'Clear the cache',
      cite: 'viewer/black-images.md#clear-the-cache',
    });
  });

  it('button values carry only the answer id and a step, and forged ones are refused', () => {
    expect(parseGuideValue(guideValue(answerId, 3))).toEqual({ answerId, n: 3 });
    for (const forged of [undefined, '', `${answerId}:x`, `${answerId}:1:2`, 'answer:2', `${answerId}:12345`])
      expect(parseGuideValue(forged)).toBeUndefined();
  });
});

describe('guide blocks', () => {
  it('under the answer: Next step and That fixed it, no ticket yet', () => {
    const els = buttons(buildGuideActions(answerId, guide, 1, { tickets: true }));
    expect(els.map((e) => [e.action_id, e.value])).toEqual([
      ['guide_next_step', `${answerId}:2`],
      ['guide_fixed', `${answerId}:1`],
    ]);
    expect(els[0]?.text.text).toContain('2 of 3');
    expect(els.every((e) => e.value.length <= 2000)).toBe(true);
  });

  it('the last step offers That fixed it and Open a ticket (only when tickets are on)', () => {
    const last = buildGuideStepMessage(answerId, guide, 3, { tickets: true });
    const actions = buttons(last?.blocks.at(-1));
    expect(actions.map((e) => [e.action_id, e.value])).toEqual([
      ['guide_fixed', `${answerId}:3`],
      ['guide_open_ticket', `${answerId}:3`],
    ]);
    const off = buildGuideStepMessage(answerId, guide, 3, { tickets: false });
    expect(buttons(off?.blocks.at(-1)).map((e) => e.action_id)).toEqual(['guide_fixed']);
    expect(JSON.stringify(off?.blocks)).toContain('Contact the PACS team');
  });

  it('a step message shows heading, text and citation, escaped for Slack', () => {
    const msg = buildGuideStepMessage(answerId, guide, 3, { tickets: true });
    const json = JSON.stringify(msg);
    expect(msg?.text).toBe('Step 3 of 3: Reset the &lt;workstation&gt;');
    expect(json).toContain('Press the reset key &amp; wait @\u2060channel.');
    expect(json).toContain('viewer/black-images.md#reset-the-workstation');
    expect(json).not.toContain('<workstation>');
    expect(buildGuideStepMessage(answerId, guide, 1, { tickets: true })).toBeUndefined();
    expect(buildGuideStepMessage(answerId, guide, 4, { tickets: true })).toBeUndefined();
  });

  it('used buttons are replaced in place by a note; a message without them is left alone', () => {
    const blocks = [{ type: 'markdown', text: 'x' }, buildGuideActions(answerId, guide, 1, { tickets: true })];
    const replaced = replaceGuideActions(blocks, guideNote('done'));
    expect(replaced).toHaveLength(2);
    expect(replaced?.[1]).toMatchObject({ type: 'context', elements: [{ text: 'done' }] });
    expect(replaceGuideActions(replaced, guideNote('again'))).toBeUndefined();
  });
});

describe('ticket prefill after the guide', () => {
  it('lists the steps tried in order with the page, then the question', () => {
    const p = guideTicketPrefill(guide, 3, 'images stay black\nsince this morning');
    expect(p.summary).toBe('images stay black');
    expect(p.description).toBe(
      [
        'Steps already tried with PACS Desk, from "Black images" (viewer/black-images.md):',
        '1. First: is it just you?',
        '2. Clear the cache',
        '3. Reset the <workstation>',
        '',
        'Asked: images stay black\nsince this morning',
      ].join('\n'),
    );
  });

  it('without the question the page title is the summary', () => {
    expect(guideTicketPrefill(guide, 2).summary).toBe('Still not fixed: Black images');
    expect(guideTicketPrefill(guide, 2).description).not.toContain('Reset');
  });
});
