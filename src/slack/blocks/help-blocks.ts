import type { KnownBlock } from '@slack/types';
import type { Subcommand } from '../commands/registry.js';
import { SlashCommand } from '../ids.js';

/** Lines joined into as few texts as fit Slack's 3,000-character section limit (whole lines only). */
function packed(lines: string[], limit = 2900): string[] {
  const texts: string[] = [];
  for (const line of lines) {
    const last = texts.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= limit) texts[texts.length - 1] = `${last}\n${line}`;
    else texts.push(line.slice(0, limit));
  }
  return texts;
}

/** `/pacs help`, generated from the subcommand registry. */
export function buildHelpBlocks(subcommands: Subcommand[]): { text: string; blocks: KnownBlock[] } {
  const lines = subcommands.map(
    (s) =>
      `• \`${SlashCommand} ${s.usage}\` — ${s.summary}${s.examples[0] ? `\n   e.g. \`${SlashCommand} ${s.examples[0]}\`` : ''}`,
  );
  return {
    text: 'PACS Desk help',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'PACS Desk' } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: "I answer PACS questions from the team's knowledge base, with sources. Mention me in a channel (I reply in the thread), send me a direct message, or use:",
        },
      },
      ...packed(lines).map((text): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } })),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: "Please leave patient names, MRNs and accession numbers out of questions: I don't need them to answer.",
          },
        ],
      },
    ],
  };
}
