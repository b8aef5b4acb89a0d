import type { KnownBlock, View } from '@slack/types';
import { SlashCommand } from '../ids.js';

export interface HomeInfo {
  documents: number;
  indexedAt: number;
  llm: boolean;
}

/** The App Home tab: how to ask, and the state of the knowledge base. No patient data, ever. */
export function buildHomeView(info: HomeInfo, ticketBlocks: KnownBlock[] = []): View {
  const indexed = info.indexedAt
    ? `<!date^${Math.floor(info.indexedAt / 1000)}^{date_short_pretty} at {time}|recently>`
    : 'not yet';
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'PACS Desk' } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: "I answer PACS questions from the imaging team's knowledge base, with the pages I used. If the knowledge base doesn't cover something, I say so instead of guessing.",
        },
      },
      { type: 'divider' },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: [
            '*How to ask*',
            '• Mention me in a channel: `@pacs-desk viewer says no images` — I answer in the thread.',
            '• Send me a direct message from the *Messages* tab.',
            `• \`${SlashCommand} ask <question>\` — only you see the answer. \`${SlashCommand} help\` lists everything.`,
            '• Rate answers with 👍 or 👎: the PACS team reads every 👎.',
          ].join('\n'),
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Knowledge base: ${info.documents} articles, indexed ${indexed}. Answers are ${info.llm ? 'written by an AI model from the cited pages' : 'quoted from the cited pages'}.`,
          },
        ],
      },
      ...(ticketBlocks.length ? [{ type: 'divider' as const }, ...ticketBlocks] : []),
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'Please leave patient names, MRNs and accession numbers out of questions.' },
        ],
      },
    ],
  };
}
