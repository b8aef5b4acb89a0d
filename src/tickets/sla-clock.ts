import type { Ticket } from './types.js';

export interface SlaState {
  dueAt: Date;
  breached: boolean;
  /** Minutes until due (negative once breached). */
  minutesLeft: number;
}

/** The SLA clock of a ticket as of `now`. */
export function slaState(ticket: Pick<Ticket, 'slaDueAt'>, now: Date): SlaState {
  const dueAt = new Date(ticket.slaDueAt);
  const minutesLeft = Math.round((dueAt.getTime() - now.getTime()) / 60_000);
  return { dueAt, breached: minutesLeft < 0, minutesLeft };
}

/** "2 h 5 min", "40 min", "3 d 4 h". */
export function formatMinutes(total: number): string {
  const m = Math.abs(total);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const days = Math.floor(m / (24 * 60));
  const hours = Math.floor((m % (24 * 60)) / 60);
  return `${days} d${hours ? ` ${hours} h` : ''}`;
}
