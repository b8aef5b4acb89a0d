import { randomUUID } from 'node:crypto';
import { securityAlert } from '../../audit/index.js';
import { Role } from '../../core/roles.js';
import { runCheck } from '../../pacs/run-check.js';
import { renderOutcome } from '../blocks/pacs/render-outcome.js';
import type { SlackDeps } from '../deps.js';
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
      const outcome = await runCheck(pacs, { command: check.command, text: args, actor, role, source: 'slack' });
      let confirmId: string | undefined;
      if (outcome.kind === 'confirm') {
        confirmId = randomUUID();
        const pending: PendingConfirmation = { userId, teamId, command: check.command, text: args };
        await deps.state.set(pendingKey(confirmId), pending, confirmTtlMs);
      }
      deps.logger.info({ user: userId, check: check.id, outcome: outcome.kind }, 'pacs check');
      await respond({
        response_type: 'ephemeral',
        ...renderOutcome(outcome, role, new Date(pacs.ctx.now()), confirmId),
      });
    },
  }));
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
