import { z } from 'zod';
import { TicketCategory } from '../tickets/types.js';

/**
 * `CHANNELS_CONFIG`: how the bot behaves per channel, and the ticket queues. Every field of a channel is optional;
 * what it leaves out comes from `defaults`, and `defaults` itself from the built-in behaviour (answer when
 * mentioned, in the thread, from the whole KB, into the default queue, PACS checks for associates).
 */
const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'use lower-case letters, digits and dashes');
const channelIdField = z
  .string()
  .trim()
  .regex(/^[CGD][A-Z0-9]{2,}$/, 'use the channel id (C…, G… or D…), not its name');
const groupId = z
  .string()
  .trim()
  .regex(/^S[A-Z0-9]{2,}$/, 'use the user group id (S…), not its @handle');
const minutes = z.number().int().min(1).max(100_000);

export const AnswerMode = { Mention: 'mention', All: 'all', Off: 'off' } as const;
export type AnswerMode = (typeof AnswerMode)[keyof typeof AnswerMode];
export const Visibility = { Thread: 'thread', Ephemeral: 'ephemeral' } as const;
export type Visibility = (typeof Visibility)[keyof typeof Visibility];
/** Who may run `/pacs` checks in a channel: the roles as usual, only admins, or nobody. */
export const PacsChecksIn = { Associates: 'associates', Admins: 'admins', None: 'none' } as const;
export type PacsChecksIn = (typeof PacsChecksIn)[keyof typeof PacsChecksIn];

/** Which part of the KB answers a channel: pages under these folders, or with one of these tags or audiences. */
const kbScope = z.strictObject({
  folders: z.array(z.string().trim().min(1).max(200)).default([]),
  tags: z.array(z.string().trim().min(1).max(64)).default([]),
  audience: z.array(z.string().trim().min(1).max(64)).default([]),
});
export type KbScope = z.infer<typeof kbScope>;

const behaviour = {
  answer: z.enum([AnswerMode.Mention, AnswerMode.All, AnswerMode.Off]).optional(),
  visibility: z.enum([Visibility.Thread, Visibility.Ephemeral]).optional(),
  kb: kbScope.optional(),
  queue: slug.optional(),
  site: slug.optional(),
  pacsChecks: z.enum([PacsChecksIn.Associates, PacsChecksIn.Admins, PacsChecksIn.None]).optional(),
  /** Shared with other organisations (Slack Connect): no patient data at all, whatever the roles say. */
  shared: z.boolean().optional(),
};

const channelEntry = z.strictObject({ id: channelIdField, name: z.string().trim().max(80).optional(), ...behaviour });

const queueEntry = z.strictObject({
  id: slug,
  name: z.string().trim().min(1).max(80).optional(),
  triageChannel: channelIdField.optional(),
  oncallGroup: groupId.optional(),
  /** Tickets of these categories go here (when their channel names no queue). */
  categories: z.array(z.enum(Object.values(TicketCategory) as [TicketCategory, ...TicketCategory[]])).default([]),
  /** Tickets about a study on one of these PACS sites go here (after channel and category). */
  sites: z.array(slug).default([]),
  /** Resolution targets in minutes; unset ones are the `SLA_*_MINUTES` of the default queue. */
  sla: z.strictObject({ stat: minutes.optional(), urgent: minutes.optional(), routine: minutes.optional() }).optional(),
});

export const channelsFileSchema = z.strictObject({
  defaults: z.strictObject(behaviour).optional(),
  channels: z.array(channelEntry).default([]),
  queues: z.array(queueEntry).default([]),
});
export type ChannelsFile = z.infer<typeof channelsFileSchema>;
export type ChannelEntry = z.infer<typeof channelEntry>;
export type QueueEntry = z.infer<typeof queueEntry>;
