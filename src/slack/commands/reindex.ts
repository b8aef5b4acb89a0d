import type { Subcommand } from './registry.js';

/**
 * `/pacs reindex`: re-reads changed knowledge-base files now, for KB owners who just published a page
 * (the watcher does the same within a second when KB_WATCH is on). Incremental and read-only, so it is
 * open to everyone; the tickets issue's roles can restrict it later.
 */
export const reindexSubcommand: Subcommand = {
  name: 'reindex',
  usage: 'reindex',
  summary: 're-read changed knowledge-base pages now',
  examples: [],
  async run({ respond, deps, userId }) {
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
