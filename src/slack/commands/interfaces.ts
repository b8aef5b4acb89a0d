import { canTriage } from '../../core/roles.js';
import { renderInterfacesBlocks } from '../blocks/interfaces/interfaces-blocks.js';
import type { RoleResolver } from '../roles/role-resolver.js';
import type { Subcommand } from './registry.js';

/** What to tell someone who asks with no engine configured. */
const noEngine =
  'No interface engine is configured: an admin sets INTERFACE_ENGINE=mirth with MIRTH_URL, MIRTH_USER and MIRTH_PASSWORD.';

/**
 * `/pacs interfaces`: the interface engine's channels (state, received, queued, errored, last message), problems
 * first. Associates and admins: it names the hospital's feeds. No patient data: channel names and counts only.
 * A subcommand rather than a PACS check: it reads the interface engine, not an archive, and works without a PACS.
 */
export function interfacesSubcommand(roles: RoleResolver): Subcommand {
  return {
    name: 'interfaces',
    usage: 'interfaces',
    summary: 'interface engine channels: stopped, erroring or silent feeds first (associates)',
    examples: ['interfaces'],
    async run({ respond, deps, userId }) {
      if (!canTriage(await roles.roleOf(userId))) {
        await respond({
          response_type: 'ephemeral',
          text: '`interfaces` is for PACS associates and admins only.',
        });
        return;
      }
      const report = await deps.interfaces?.();
      if (!report) {
        await respond({ response_type: 'ephemeral', text: noEngine });
        return;
      }
      const { text, blocks } = renderInterfacesBlocks(report);
      await respond({ response_type: 'ephemeral', text, blocks });
    },
  };
}
