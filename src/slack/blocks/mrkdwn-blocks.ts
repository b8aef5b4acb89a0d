import type { KnownBlock } from '@slack/types';
import { truncate } from '../format/escape.js';

/** A mrkdwn section, cut under Slack's 3,000-character limit for a section's text. */
export const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, 2900) },
});

/** A one-element mrkdwn context line, cut the same way. */
export const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(text, 2900) }],
});
