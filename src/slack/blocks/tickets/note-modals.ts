import type { View } from '@slack/types';
import { CallbackId } from '../../ids.js';

export const maxNoteChars = 2000;

function noteModal(callbackId: string, title: string, label: string, submit: string, key: string, hint: string): View {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: JSON.stringify({ key }),
    title: { type: 'plain_text', text: title },
    submit: { type: 'plain_text', text: submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Ticket *${key}*` }] },
      {
        type: 'input',
        block_id: 'note',
        label: { type: 'plain_text', text: label },
        hint: { type: 'plain_text', text: hint },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: maxNoteChars },
      },
    ],
  };
}

/** Resolving needs a note: it goes to the requester and onto the ticket. */
export function buildResolveModal(key: string): View {
  return noteModal(
    CallbackId.TicketResolve,
    'Resolve ticket',
    'What was done?',
    'Resolve',
    key,
    'The requester sees this note.',
  );
}

/** "Waiting on requester": the question the requester must answer, sent to them by DM. */
export function buildAskRequesterModal(key: string): View {
  return noteModal(
    CallbackId.TicketAskRequester,
    'Ask the requester',
    'What do you need from them?',
    'Send',
    key,
    'Sent to the requester by direct message; their reply comes back to the ticket.',
  );
}

export function readNote(values: Record<string, Record<string, { value?: string | null }>>, privateMetadata: string) {
  let key = '';
  try {
    key = String((JSON.parse(privateMetadata) as { key?: unknown }).key ?? '');
  } catch {
    key = '';
  }
  return { key, note: (values.note?.value?.value ?? '').trim() };
}
