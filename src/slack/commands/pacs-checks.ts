import { randomUUID } from 'node:crypto';
import { securityAlert } from '../../audit/index.js';
import type { ChannelSettings } from '../../channels/channel-directory.js';
import { PacsChecksIn } from '../../channels/channels-file.js';
import { isAdmin, Role } from '../../core/roles.js';
import type { CheckOutcome } from '../../pacs/checks/check-outcome.js';
import type { AnyPacsCheck } from '../../pacs/checks/registry.js';
import { runCheck } from '../../pacs/run-check.js';
import { renderOutcome } from '../blocks/pacs/render-outcome.js';
import type { SlackDeps } from '../deps.js';
import { offerFetches } from '../pacs/fetch-offer.js';
import type { PacsDeps } from '../pacs/pacs-context.js';
import { confirmTtlMs, type PendingConfirmation, pendingKey } from '../pacs/pending-confirmation.js';
import { PhiDenial, phiDenialMessages } from '../roles/phi-access.js';
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
      const settings = deps.channels.settingsFor(channelId);
      const refused = channelRefusal(check, settings, role);
      if (refused) {
        await refusalAudit(pacs, { actor, command: check.id, description: refused.description }, deps);
        deps.logger.info({ user: userId, check: check.id, refused: refused.description }, 'pacs check refused');
        return void (await respond({ response_type: 'ephemeral', text: refused.message }));
      }
      // Checks that show patient details: only for full members of this workspace, never in a shared channel.
      if (check.returnsPhi && pacs.registry.allowed(check, role)) {
        const access = await roles.phiAccess({ userId, teamId, channelId });
        if (!access.ok) {
          const description = `patient details refused: ${access.reason}`;
          await refusalAudit(pacs, { actor, command: check.id, description }, deps);
          deps.logger.info({ user: userId, check: check.id, refused: access.reason }, 'pacs check refused');
          return void (await respond({ response_type: 'ephemeral', text: access.message }));
        }
      }
      const site = check.sideEffects ? undefined : settings.site;
      const request = { command: check.command, text: args, actor, role, ...(site ? { site } : {}) };
      const { outcome, token } = await runForSlack(pacs, deps, request);
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
  request: {
    command: string;
    text: string;
    actor: { userId: string; teamId?: string };
    role: Role;
    /** The channel's site: the one a check uses when the text names none (an unknown one is ignored). */
    site?: string;
  },
): Promise<{ outcome: CheckOutcome; token?: string }> {
  const { command, text, actor, role, site } = request;
  const known = site !== undefined && pacs.ctx.connectors.has(site);
  if (site !== undefined && !known) deps.logger.warn({ site }, 'channel site is not a configured PACS site; ignored');
  // Checks fall back to ctx.defaultSite only when the person named no site, so an explicit one always wins.
  const checks = known ? { ...pacs, ctx: { ...pacs.ctx, defaultSite: site } } : pacs;
  const outcome = await runCheck(checks, { command, text, actor, role, source: 'slack' });
  if (outcome.kind === 'confirm') {
    const token = randomUUID();
    const pending: PendingConfirmation = { ...actor, command, text };
    await deps.state.set(pendingKey(token), pending, confirmTtlMs);
    return { outcome, token };
  }
  const token = role === Role.Admin ? await offerFetches(deps.state, outcome, actor) : undefined;
  return { outcome, token };
}

/**
 * What the channel's settings forbid, before any PACS call: checks turned off there, checks for admins only there,
 * or patient details in a channel marked `shared` (refused as in a Slack Connect channel, whatever the role).
 */
function channelRefusal(
  check: AnyPacsCheck,
  settings: ChannelSettings,
  role: Role,
): { message: string; description: string } | undefined {
  if (settings.pacsChecks === PacsChecksIn.None)
    return { message: 'PACS checks are turned off in this channel.', description: 'pacs checks off in this channel' };
  if (settings.pacsChecks === PacsChecksIn.Admins && !isAdmin(role))
    return {
      message: 'In this channel, PACS checks are for PACS admins only.',
      description: `${role} may not run checks in an admins-only channel`,
    };
  if (settings.shared && check.returnsPhi)
    return {
      message: phiDenialMessages[PhiDenial.SharedChannel],
      description: `patient details refused: ${PhiDenial.SharedChannel}`,
    };
  return undefined;
}

/** A Security Alert for a refusal; the refusal stands even when the audit trail cannot be written. */
async function refusalAudit(
  pacs: PacsDeps,
  refusal: { actor: { userId: string; teamId?: string }; command: string; description: string },
  deps: SlackDeps,
): Promise<void> {
  const correlationId = randomUUID().slice(0, 8);
  await securityAlert(pacs.audit, {
    actor: refusal.actor,
    source: 'slack',
    command: refusal.command,
    correlationId,
    description: refusal.description,
  }).catch((error: unknown) =>
    deps.logger.error({ reference: correlationId, err: (error as Error).message }, 'refusal not audited'),
  );
}
