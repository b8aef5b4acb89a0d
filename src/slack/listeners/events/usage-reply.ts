import type { WebClient } from '@slack/web-api';

/** A mention or DM with no question in it gets a one-line hint instead of a search for nothing. */
export async function replyWithUsage(client: WebClient, channel: string, threadTs: string): Promise<void> {
  await client.chat.postMessage({
    channel,
    thread_ts: threadTs,
    text: 'Ask me a PACS question, for example "why does the viewer say no images?" — or type `/pacs help`.',
  });
}
