import type { Role } from '../../../core/roles.js';
import type { EchoCheckResult } from '../../../pacs/checks/echo.js';
import type { JobActionResult } from '../../../pacs/checks/job-action.js';
import type { QueueSummary } from '../../../pacs/checks/queue.js';
import type { StatusResult } from '../../../pacs/checks/status.js';
import type { StudyCheckResult } from '../../../pacs/checks/study.js';
import type { UnidentifiedResult } from '../../../pacs/checks/unidentified.js';
import type { CheckOutcome } from '../../../pacs/run-check.js';
import { escapeSlack } from '../../format/escape.js';
import { ActionId } from '../../ids.js';
import {
  type Rendered,
  renderEcho,
  renderQueue,
  renderStatus,
  renderStudy,
  renderUnidentified,
} from './check-result-blocks.js';

const plain = (text: string): Rendered => ({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });

/**
 * Any check outcome as an ephemeral Slack reply; `confirmId` is set for side effects awaiting a click. Never
 * unfurled (checklist P5): a link in a result must not make Slack fetch it and show a preview.
 */
export function renderOutcome(
  outcome: CheckOutcome,
  role: Role,
  now: Date,
  confirmId?: string,
): Rendered & { unfurl_links: false; unfurl_media: false } {
  return { ...renderBlocks(outcome, role, now, confirmId), unfurl_links: false, unfurl_media: false };
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
      return renderResult(outcome.check.id, outcome.result, role, now);
  }
}

function renderResult(id: string, result: unknown, role: Role, now: Date): Rendered {
  switch (id) {
    case 'pacs.study':
      return renderStudy(result as StudyCheckResult, role);
    case 'pacs.queue':
      return renderQueue(result as QueueSummary, now);
    case 'pacs.echo':
      return renderEcho(result as EchoCheckResult);
    case 'pacs.unidentified':
      return renderUnidentified(result as UnidentifiedResult, role);
    case 'pacs.status':
      return renderStatus(result as StatusResult);
    default: {
      const r = result as JobActionResult;
      return plain(r.ok ? `✅ Done: ${escapeSlack(r.description)}.` : `Not done: ${escapeSlack(r.message)}`);
    }
  }
}
