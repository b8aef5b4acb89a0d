import { z } from 'zod';
import { channelId, type Fixes, int, userGroupId } from './fields.js';

/** Where ticket cards go, who is paged, the resolution targets and the reminders. */
export const ticketsSchema = z.object({
  TRIAGE_CHANNEL: channelId,
  ONCALL_GROUP: userGroupId,
  SLA_STAT_MINUTES: int(60, 1, 100_000),
  SLA_URGENT_MINUTES: int(240, 1, 100_000),
  SLA_ROUTINE_MINUTES: int(4320, 1, 100_000),
  REMINDER_UNTOUCHED_MINUTES: int(120, 5, 100_000),
  REMINDER_INTERVAL_SECONDS: int(60, 5, 86_400),
});
type TicketsEnv = z.infer<typeof ticketsSchema>;

export const ticketsFixes = {
  TRIAGE_CHANNEL: 'use the channel id (C… or G…: channel details → About → Channel ID), not its name',
  ONCALL_GROUP: 'use the user group id (S…), not its @handle',
  SLA_STAT_MINUTES: 'use whole minutes',
  SLA_URGENT_MINUTES: 'use whole minutes',
  SLA_ROUTINE_MINUTES: 'use whole minutes',
  REMINDER_UNTOUCHED_MINUTES: 'use whole minutes (at least 5)',
  REMINDER_INTERVAL_SECONDS: 'use seconds between 5 and 86400',
} satisfies Fixes<TicketsEnv>;

export interface TicketsSection {
  /** Where triage cards go; without it tickets are still stored, and /pacs ticket says cards are off. */
  triageChannel?: string;
  oncallGroup?: string;
  slaMinutes: { stat: number; urgent: number; routine: number };
  reminderUntouchedMinutes: number;
  reminderIntervalSeconds: number;
}

export const toTickets = (e: TicketsEnv): TicketsSection => ({
  triageChannel: e.TRIAGE_CHANNEL,
  oncallGroup: e.ONCALL_GROUP,
  slaMinutes: { stat: e.SLA_STAT_MINUTES, urgent: e.SLA_URGENT_MINUTES, routine: e.SLA_ROUTINE_MINUTES },
  reminderUntouchedMinutes: e.REMINDER_UNTOUCHED_MINUTES,
  reminderIntervalSeconds: e.REMINDER_INTERVAL_SECONDS,
});
