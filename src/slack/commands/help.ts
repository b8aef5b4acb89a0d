import { buildHelpBlocks } from '../blocks/help-blocks.js';
import type { Subcommand, SubcommandRegistry } from './registry.js';

export function helpSubcommand(registry: SubcommandRegistry): Subcommand {
  return {
    name: 'help',
    usage: 'help',
    summary: 'what I can do',
    examples: [],
    async run({ respond }) {
      await respond({ response_type: 'ephemeral', ...buildHelpBlocks(registry.list()) });
    },
  };
}
