import type { WebClient } from '@slack/web-api';

/**
 * Sent when a question comes with files (typically a screenshot of the viewer). The bot has no files:read
 * scope and never opens, downloads or stores a file; the reminder says so and asks for words instead.
 * File names are not repeated: a screenshot is often named after the patient or the accession number.
 */
export async function postFileNotice(
  client: WebClient,
  channel: string,
  threadTs: string,
  hasQuestion: boolean,
): Promise<void> {
  const next = hasQuestion
    ? 'I answered the text of your message.'
    : 'Tell me in words what you see (the error text, which viewer, which step) and I will look it up.';
  await client.chat.postMessage({
    channel,
    thread_ts: threadTs,
    text: `📎 I can't open attachments, so I only read the text. Screenshots of the viewer often show patient names, MRNs or accession numbers: please don't send images with patient details here. ${next}`,
    unfurl_links: false,
    unfurl_media: false,
  });
}
