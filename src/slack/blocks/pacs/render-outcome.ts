import type { Role } from '../../../core/roles.js';
import type { CheckOutcome, ResultOutcome } from '../../../pacs/checks/check-outcome.js';
import { CheckId } from '../../../pacs/checks/check-types.js';
import { escapeSlack } from '../../format/escape.js';
import { ActionId } from '../../ids.js';
import { renderAnomalies } from './anomalies-blocks.js';
import {
  type Rendered,
  renderEcho,
  renderQueue,
  renderStatus,
  renderStudy,
  renderUnidentified,
} from './check-result-blocks.js';
import { renderFetch, renderPriors } from './priors-blocks.js';
import { renderWorklist } from './worklist-blocks.js';

const plain = (text: string): Rendered => ({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });

/**
 * Any check outcome as an ephemeral Slack reply. `token` is the pending confirmation of a side effect awaiting a
 * click, or the fetch offer behind a priors list's *Fetch* buttons. Never unfurled: a link in a result must not
 * make Slack fetch it and show a preview.
 */
export function renderOutcome(
  outcome: CheckOutcome,
  role: Role,
  now: Date,
  token?: string,
): Rendered & { unfurl_links: false; unfurl_media: false } {
  return { ...renderBlocks(outcome, role, now, token), unfurl_links: false, unfurl_media: false };
}

function renderBlocks(outcome: CheckOutcome, role: Role, now: Date, confirmId?: string): Rendered {
  switch (outcome.kind) {
    case 'unknown':
      return plain('Unknown PACS check. Try `/pacs help`.');
    case 'denied':
    case 'invalid':
    case 'failed':
      return plain(escapeSlack(outcome.message));
    case 'confirm':
      return {
        text: 'Please confirm',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `*Please confirm:* ${escapeSlack(outcome.description)}` } },
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                style: 'danger',
                action_id: ActionId.PacsConfirm,
                value: confirmId ?? '',
                text: { type: 'plain_text', text: 'Confirm' },
              },
              {
                type: 'button',
                action_id: ActionId.PacsCancel,
                value: confirmId ?? '',
                text: { type: 'plain_text', text: 'Cancel' },
              },
            ],
          },
        ],
      };
    case 'result':
      return renderResult(outcome, role, now, confirmId);
  }
}

/** One renderer per check: a check added without one makes this switch fail to compile. */
function renderResult(outcome: ResultOutcome, role: Role, now: Date, offerId?: string): Rendered {
  switch (outcome.id) {
    case CheckId.Study:
      return renderStudy(outcome.result, role);
    case CheckId.Queue:
      return renderQueue(outcome.result, now);
    case CheckId.Echo:
      return renderEcho(outcome.result);
    case CheckId.Unidentified:
      return renderUnidentified(outcome.result, role);
    case CheckId.Anomalies:
      return renderAnomalies(outcome.result, role);
    case CheckId.Status:
      return renderStatus(outcome.result);
    case CheckId.Worklist:
      return renderWorklist(outcome.result, role);
    case CheckId.Priors:
      return renderPriors(outcome.result, role, offerId);
    case CheckId.FetchPrior:
      return renderFetch(outcome.result);
    case CheckId.JobRetry:
    case CheckId.JobCancel: {
      const r = outcome.result;
      return plain(r.ok ? `✅ Done: ${escapeSlack(r.description)}.` : `Not done: ${escapeSlack(r.message)}`);
    }
    default: {
      const unrendered: never = outcome;
      return unrendered;
    }
  }
}
