import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { discardDraft, isSlug, publishDraft, readDraft } from '../../../kb/drafts/draft-files.js';
import type { DraftSettings } from '../../../kb/drafts/draft-settings.js';
import { buildDraftDecided } from '../../blocks/drafts/draft-review.js';
import type { SlackDeps } from '../../deps.js';
import { ActionId } from '../../ids.js';
import { mayReviewDrafts } from './draft-owners.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const Decision = { Publish: 'publish', Discard: 'discard' } as const;
type Decision = (typeof Decision)[keyof typeof Decision];

/**
 * Publish / Discard in a KB owner's DM. Owners only (admins when KB_OWNERS_GROUP is unset); once per draft across
 * replicas. Publish moves the file into `answers/` and re-indexes every replica at once; the DM then says who did it.
 */
export function registerDraftReview(app: App, deps: SlackDeps, settings: DraftSettings): void {
  const decide =
    (decision: Decision) =>
    async ({ ack, body, action, client }: ButtonArgs): Promise<void> => {
      await ack();
      const userId = body.user.id;
      const slug = action.value ?? '';
      const dm = async (text: string) => {
        const channel = (await client.conversations.open({ users: userId })).channel?.id ?? userId;
        await client.chat.postMessage({ channel, text });
      };
      if (!(await mayReviewDrafts(client, settings, deps.roles, userId))) {
        deps.logger.info({ by: userId, decision }, 'kb draft: refused, not a KB owner');
        await dm('Only KB owners can publish or discard answer drafts; nothing was changed.');
        return;
      }
      const draft = isSlug(slug) ? await readDraft(settings.kbDir, slug) : undefined;
      // A later draft may reuse a freed name: the claim is for this draft, not for the name.
      const claimKey = `kb-draft:${slug}:${draft?.draftedAt ?? ''}`;
      if (!draft || !(await deps.dedupe.claim(claimKey))) {
        await dm('That draft was already published or discarded.');
        return;
      }
      let outcome: string;
      try {
        if (decision === Decision.Publish) {
          const source = await publishDraft(settings.kbDir, slug);
          if (!source) throw new Error('draft vanished before it was published');
          await deps.reindex();
          outcome = `✅ Published by <@${userId}> as \`${source}\`; answers use it from now on.`;
          deps.logger.info({ draft: slug, source, by: userId }, 'kb draft published');
        } else {
          await discardDraft(settings.kbDir, slug);
          outcome = `🗑️ Discarded by <@${userId}>.`;
          deps.logger.info({ draft: slug, by: userId }, 'kb draft discarded');
        }
      } catch (error) {
        await deps.dedupe.release(claimKey);
        throw error;
      }
      const channel = body.channel?.id;
      const ts = body.message?.ts ?? body.container?.message_ts;
      if (channel && ts) await client.chat.update({ channel, ts, ...buildDraftDecided(draft, outcome) });
    };
  app.action<BlockButtonAction>(ActionId.DraftPublish, decide(Decision.Publish));
  app.action<BlockButtonAction>(ActionId.DraftDiscard, decide(Decision.Discard));
}
