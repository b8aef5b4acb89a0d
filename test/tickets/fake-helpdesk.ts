import type { ExternalTicketInput } from '../../src/tickets/helpdesk/types.js';
import { type ExternalRef, type HelpdeskAdapter, HelpdeskError } from '../../src/tickets/helpdesk/types.js';

/**
 * An in-memory helpdesk with the idempotency the real adapters promise: `create` finds a ticket by our
 * key first, `addComment` skips a known idempotency key. It can be down, reject a ticket, or lose the
 * response to a create that it did make.
 */
export function fakeHelpdesk() {
  const tickets = new Map<string, { ref: ExternalRef; input: ExternalTicketInput }>();
  const commentKeys = new Set<string>();
  /** Remote state changes, in the order they happened: `PACS-1 create`, `PACS-1 comment`, … */
  const effects: string[] = [];
  const calls: string[] = [];
  const state = {
    down: undefined as (() => HelpdeskError) | undefined,
    rejectKeys: new Set<string>(),
    loseNextCreateResponses: 0,
  };
  const keyOf = (ref: ExternalRef) => [...tickets.entries()].find(([, t]) => t.ref.id === ref.id)?.[0] ?? '?';
  const adapter: HelpdeskAdapter = {
    system: 'jira',
    async create(input) {
      calls.push(`${input.key} create`);
      if (state.down) throw state.down();
      if (state.rejectKeys.has(input.key))
        throw new HelpdeskError('400 field category invalid', { retryable: false, status: 400 });
      let ticket = tickets.get(input.key);
      if (!ticket) {
        ticket = {
          ref: { system: 'jira', id: `SD-${tickets.size + 1}`, url: `https://jira.example/SD-${tickets.size + 1}` },
          input,
        };
        tickets.set(input.key, ticket);
        effects.push(`${input.key} create`);
      }
      if (state.loseNextCreateResponses > 0) {
        state.loseNextCreateResponses--;
        throw new HelpdeskError('socket hang up after the request was sent', { retryable: true });
      }
      return ticket.ref;
    },
    async addComment(ref, comment) {
      calls.push(`${keyOf(ref)} comment`);
      if (state.down) throw state.down();
      if (commentKeys.has(comment.idempotencyKey)) return;
      commentKeys.add(comment.idempotencyKey);
      effects.push(`${keyOf(ref)} comment`);
    },
    async setStatus(ref, status) {
      calls.push(`${keyOf(ref)} status`);
      if (state.down) throw state.down();
      effects.push(`${keyOf(ref)} status ${status}`);
    },
  };
  return { adapter, tickets, effects, calls, state };
}
