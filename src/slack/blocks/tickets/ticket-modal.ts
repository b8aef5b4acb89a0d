import type { View } from '@slack/types';
import { categoryLabels, ticketLimits, urgencyLabels } from '../../../tickets/ticket-input.js';
import type { TicketCategory, Urgency } from '../../../tickets/types.js';
import { CallbackId } from '../../ids.js';

export interface TicketPrefill {
  summary?: string;
  description?: string;
  category?: TicketCategory;
  urgency?: Urgency;
}

/** Where the ticket came from; carried through the modal in private_metadata (max 3000 chars). */
export interface TicketOrigin {
  channel?: string;
  ts?: string;
  permalink?: string;
}

const option = (value: string, text: string) => ({ value, text: { type: 'plain_text' as const, text } });

/** The "New PACS ticket" modal. Block ids equal the field names the validator reports errors on. */
export function buildTicketModal(prefill: TicketPrefill = {}, origin: TicketOrigin = {}): View {
  const categories = Object.entries(categoryLabels).map(([v, t]) => option(v, t));
  const urgencies = Object.entries(urgencyLabels).map(([v, t]) => option(v, t));
  const initialCategory = categories.find((c) => c.value === prefill.category);
  const initialUrgency = urgencies.find((u) => u.value === (prefill.urgency ?? 'routine'));
  return {
    type: 'modal',
    callback_id: CallbackId.TicketNew,
    private_metadata: JSON.stringify(origin).slice(0, 3000),
    title: { type: 'plain_text', text: 'New PACS ticket' },
    submit: { type: 'plain_text', text: 'Open ticket' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'summary',
        label: { type: 'plain_text', text: 'What is wrong?' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          max_length: ticketLimits.summaryMax,
          ...(prefill.summary ? { initial_value: prefill.summary.slice(0, ticketLimits.summaryMax) } : {}),
          placeholder: { type: 'plain_text', text: 'e.g. Outside CT from St Elsewhere not visible' },
        },
      },
      {
        type: 'input',
        block_id: 'description',
        optional: true,
        label: { type: 'plain_text', text: 'Details' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: ticketLimits.descriptionMax,
          ...(prefill.description ? { initial_value: prefill.description.slice(0, ticketLimits.descriptionMax) } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'category',
        label: { type: 'plain_text', text: 'Category' },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: categories,
          ...(initialCategory ? { initial_option: initialCategory } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'urgency',
        label: { type: 'plain_text', text: 'Clinical urgency' },
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options: urgencies,
          ...(initialUrgency ? { initial_option: initialUrgency } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'site',
        optional: true,
        label: { type: 'plain_text', text: 'Site or department' },
        element: { type: 'plain_text_input', action_id: 'value', max_length: ticketLimits.siteMax },
      },
      {
        type: 'input',
        block_id: 'accession',
        optional: true,
        label: { type: 'plain_text', text: 'Accession number' },
        hint: {
          type: 'plain_text',
          text: 'Only the PACS team sees it; it is never shown in channels. No names or MRNs, please.',
        },
        element: { type: 'plain_text_input', action_id: 'value', max_length: 40 },
      },
    ],
  };
}

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

/** Reads the submitted fields back out of `view.state.values`. */
export function readTicketFields(values: StateValues): Record<string, string | undefined> {
  const field = (id: string) => {
    const v = values[id]?.value;
    return v?.selected_option?.value ?? v?.value ?? undefined;
  };
  return Object.fromEntries(
    ['summary', 'description', 'category', 'urgency', 'site', 'accession'].map((id) => [id, field(id)]),
  );
}

export function parseOrigin(raw: string): TicketOrigin {
  try {
    const o = JSON.parse(raw) as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    return { channel: str('channel'), ts: str('ts'), permalink: str('permalink') };
  } catch {
    return {};
  }
}
