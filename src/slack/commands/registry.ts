import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../deps.js';

export interface SubcommandContext {
  /** Everything after the subcommand name, trimmed. */
  args: string;
  userId: string;
  channelId: string;
  teamId?: string;
  triggerId: string;
  client: WebClient;
  respond: RespondFn;
  deps: SlackDeps;
}

/** One `/pacs <name>` subcommand. The registry also generates `/pacs help`, so docs cannot drift. */
export interface Subcommand {
  name: string;
  usage: string;
  summary: string;
  examples: string[];
  run(ctx: SubcommandContext): Promise<void>;
}

export function createSubcommandRegistry() {
  const byName = new Map<string, Subcommand>();
  return {
    add(subcommand: Subcommand) {
      if (byName.has(subcommand.name)) throw new Error(`duplicate /pacs subcommand ${subcommand.name}`);
      byName.set(subcommand.name, subcommand);
    },
    /** Exact, lower-case match only: never fuzzy-match a typo to another command. */
    find(name: string): Subcommand | undefined {
      return byName.get(name);
    },
    list(): Subcommand[] {
      return [...byName.values()];
    },
  };
}

export type SubcommandRegistry = ReturnType<typeof createSubcommandRegistry>;
