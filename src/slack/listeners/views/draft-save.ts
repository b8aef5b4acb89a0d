import type { App } from '@slack/bolt';
import type { View } from '@slack/types';
import { canTriage } from '../../../core/roles.js';
import { redactDraft } from '../../../kb/drafts/draft-article.js';
import { readDraft, writeDraft } from '../../../kb/drafts/draft-files.js';
import type { DraftSettings } from '../../../kb/drafts/draft-settings.js';
import { readDraftModal } from '../../blocks/drafts/draft-modal.js';
import { buildDraftReview } from '../../blocks/drafts/draft-review.js';
import type { SlackDeps } from '../../deps.js';
import { CallbackId } from '../../ids.js';
import type { TicketContext } from '../../tickets/ticket-context.js';
import { draftReviewers } from '../actions/draft-owners.js';

function savedView(path: string): View {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Draft saved' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `Saved as \`${path}\`. It is not used in answers until a KB owner publishes it; they were sent it.`,
        },
      },
    ],
  };
}

/**
 * The draft modal's submission: redacted again (the fields were editable), written to `KB_DIR/drafts/` under a
 * new name, and sent to the KB owners (or admins) with Publish / Discard.
 */
export function registerDraftSave(app: App, deps: SlackDeps, tickets: TicketContext, settings: DraftSettings): void {
  app.view(CallbackId.KbDraft, async ({ ack, view, body, client }) => {
    const userId = body.user.id;
    const { key, draft } = readDraftModal(view.state.values, view.private_metadata);
    if (!canTriage(await deps.roles.roleOf(userId))) {
      await ack({ response_action: 'errors', errors: { title: 'Only PACS associates and admins draft KB answers.' } });
      return;
    }
    const ticket = key ? await tickets.store.get(key) : undefined;
    const article = redactDraft(draft);
    const errors: Record<string, string> = {};
    if (!ticket) errors.title = 'This draft is not from a known ticket; start it again from the ticket.';
    if (article.title.length < 3) errors.title = 'Give the answer a title.';
    if (article.answer.length < 10) errors.answer = 'Write the answer (at least a sentence).';
    if (!ticket || Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const meta = { source: `ticket ${ticket.key}`, draftedBy: userId, draftedAt: new Date(deps.now()).toISOString() };
    const slug = await writeDraft(settings.kbDir, article, meta);
    await ack({ response_action: 'update', view: savedView(`drafts/${slug}.md`) });
    deps.logger.info({ ticket: ticket.key, draft: slug, by: userId }, 'kb draft saved');
    const stored = await readDraft(settings.kbDir, slug);
    if (!stored) return;
    const review = buildDraftReview(stored);
    for (const reviewer of await draftReviewers(client, settings)) {
      try {
        const dm = (await client.conversations.open({ users: reviewer })).channel?.id ?? reviewer;
        await client.chat.postMessage({ channel: dm, ...review });
      } catch (error) {
        deps.logger.warn(
          { draft: slug, reviewer, err: (error as Error).message },
          'kb draft: could not tell a reviewer',
        );
      }
    }
  });
}
