import { isAdmin } from '../../core/roles.js';
import type { RoleResolver } from '../roles/role-resolver.js';
import type { Subcommand } from './registry.js';

/**
 * `/pacs reindex`: re-reads changed knowledge-base files now, for KB owners who just published a page
 * (the watcher does the same within a second when KB_WATCH is on). Admins only: it reads the disk and
 * costs embedding calls, so nobody else can trigger it at will.
 */
export function reindexSubcommand(roles: RoleResolver): Subcommand {
  return {
    name: 'reindex',
    usage: 'reindex',
    summary: 're-read changed knowledge-base pages now (admins)',
    examples: [],
    async run({ respond, deps, userId }) {
      if (!isAdmin(await roles.roleOf(userId))) {
        deps.logger.info({ user: userId }, 'kb reindex refused: not an admin');
        await respond({ response_type: 'ephemeral', text: '`reindex` is for PACS admins only.' });
        return;
      }
      const stats = await deps.reindex();
      deps.logger.info(
        { user: userId, documents: stats.documents, failures: stats.failures.length },
        'kb reindexed on command',
      );
      const failed =
        stats.failures.length > 0 ? ` ${stats.failures.length} file(s) could not be read: see the bot's log.` : '';
      await respond({
        response_type: 'ephemeral',
        text: `Knowledge base re-indexed: ${stats.documents} articles, ${stats.chunks} passages, in ${Math.round(stats.buildMs)} ms.${failed}`,
      });
    },
  };
}
