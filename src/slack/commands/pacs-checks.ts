import { randomUUID } from 'node:crypto';
import { securityAlert } from '../../audit/index.js';
import { Role } from '../../core/roles.js';
import type { CheckOutcome } from '../../pacs/checks/check-outcome.js';
import { runCheck } from '../../pacs/run-check.js';
import { renderOutcome } from '../blocks/pacs/render-outcome.js';
import type { SlackDeps } from '../deps.js';
import { offerFetches } from '../pacs/fetch-offer.js';
import type { PacsDeps } from '../pacs/pacs-context.js';
import { confirmTtlMs, type PendingConfirmation, pendingKey } from '../pacs/pending-confirmation.js';
import type { PhiDenial } from '../roles/phi-access.js';
import type { RoleResolver } from '../roles/role-resolver.js';
import type { Subcommand } from './registry.js';

/**
 * One `/pacs` subcommand per registered check, so `/pacs help` lists them from the same registry. Every
 * reply is ephemeral: results never enter a channel's timeline, and their notification text is generic.
 */
export function pacsSubcommands(pacs: PacsDeps, roles: RoleResolver): Subcommand[] {
  return pacs.registry.list().map((check) => ({
    name: check.command,
    usage: check.usage,
    summary: `${check.summary}${check.requiredRole === Role.Admin ? ' (admins)' : ' (associates)'}`,
    examples: [...check.examples],
    async run({ args, userId, teamId, channelId, respond, deps }) {
      const role = await roles.roleOf(userId);
      const actor = { userId, teamId };
      // Checks that show patient details: only for full members of this workspace, never in a shared channel.
      if (check.returnsPhi && pacs.registry.allowed(check, role)) {
        const access = await roles.phiAccess({ userId, teamId, channelId });
        if (!access.ok) {
          await refusalAudit(pacs, { actor, command: check.id, reason: access.reason }, deps);
          deps.logger.info({ user: userId, check: check.id, refused: access.reason }, 'pacs check refused');
          return void (await respond({ response_type: 'ephemeral', text: access.message }));
        }
      }
      const { outcome, token } = await runForSlack(pacs, deps, { command: check.command, text: args, actor, role });
      deps.logger.info({ user: userId, check: check.id, outcome: outcome.kind }, 'pacs check');
      await respond({ response_type: 'ephemeral', ...renderOutcome(outcome, role, new Date(pacs.ctx.now()), token) });
    },
  }));
}

/**
 * Runs a check for a Slack user and keeps what its buttons will need: the pending confirmation of a side effect,
 * or an admin's fetch offer under a priors list. `token` rides on those buttons.
 */
export async function runForSlack(
  pacs: PacsDeps,
  deps: SlackDeps,
  request: { command: string; text: string; actor: { userId: string; teamId?: string }; role: Role },
): Promise<{ outcome: CheckOutcome; token?: string }> {
  const { command, text, actor, role } = request;
  const outcome = await runCheck(pacs, { command, text, actor, role, source: 'slack' });
  if (outcome.kind === 'confirm') {
    const token = randomUUID();
    const pending: PendingConfirmation = { ...actor, command, text };
    await deps.state.set(pendingKey(token), pending, confirmTtlMs);
    return { outcome, token };
  }
  const token = role === Role.Admin ? await offerFetches(deps.state, outcome, actor) : undefined;
  return { outcome, token };
}

/** A Security Alert for a PHI refusal; the refusal stands even when the audit trail cannot be written. */
async function refusalAudit(
  pacs: PacsDeps,
  refusal: { actor: { userId: string; teamId?: string }; command: string; reason: PhiDenial },
  deps: SlackDeps,
): Promise<void> {
  const correlationId = randomUUID().slice(0, 8);
  await securityAlert(pacs.audit, {
    actor: refusal.actor,
    source: 'slack',
    command: refusal.command,
    correlationId,
    description: `patient details refused: ${refusal.reason}`,
  }).catch((error: unknown) =>
    deps.logger.error({ reference: correlationId, err: (error as Error).message }, 'refusal not audited'),
  );
}
