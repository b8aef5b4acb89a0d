import type { App } from '@slack/bolt';
import { buildTicketModal } from '../../blocks/tickets/ticket-modal.js';
import { CallbackId } from '../../ids.js';
import { firstLine } from '../../tickets/first-line.js';

/** The message shortcut "Open a PACS ticket": the ticket modal prefilled with the message and its permalink. */
export function registerTicketFromMessage(app: App): void {
  app.shortcut(CallbackId.ShortcutTicketFromMessage, async ({ ack, shortcut, client }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const text = shortcut.message.text ?? '';
    const origin = { channel: shortcut.channel.id, ts: shortcut.message_ts };
    // The trigger expires 3 s after the click: open first, then add the permalink.
    const opened = await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: buildTicketModal({ summary: firstLine(text), description: text }, origin),
    });
    const permalink = await client.chat
      .getPermalink({ channel: origin.channel, message_ts: origin.ts })
      .then((r) => r.permalink)
      .catch(() => undefined);
    if (!permalink || !opened.view?.id) return;
    await client.views
      .update({
        view_id: opened.view.id,
        hash: opened.view.hash,
        view: buildTicketModal(
          { summary: firstLine(text), description: `${text}\n\nFrom: ${permalink}` },
          { ...origin, permalink },
        ),
      })
      .catch(() => undefined);
  });
}
