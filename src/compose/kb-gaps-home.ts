import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { isAdmin } from '../core/roles.js';
import type { AppDatabase } from '../db/create-database.js';
import { createLoopQueries } from '../feedback/loop-queries.js';
import type { KnowledgeBase } from '../kb/types.js';
import { type KbGap, kbGaps } from '../knowledge-loop/kb-gaps.js';
import { rangeSince } from '../knowledge-loop/time-range.js';
import { createKbOwnerCheck } from '../slack/blocks/home/kb-owner-check.js';
import type { RoleResolver } from '../slack/roles/role-resolver.js';

/** What App Home needs to show KB owners their gaps. */
export interface KbGapsHome {
  isOwner(userId: string): Promise<boolean>;
  /** The last 30 days' gaps, biggest first. */
  top(): Promise<KbGap[]>;
  days: number;
}

const days = 30;

/** KB owners are `KB_OWNERS_GROUP`'s members, or the admins when it is unset (as for drafts). */
export function kbGapsHome(
  config: Config,
  deps: {
    client: Parameters<typeof createKbOwnerCheck>[0];
    roles: RoleResolver;
    database: AppDatabase;
    kb: Pick<KnowledgeBase, 'search'>;
    logger: Logger;
    now: Clock;
  },
): KbGapsHome {
  const isOwner = createKbOwnerCheck(
    deps.client,
    {
      ownersGroup: config.channels.kbOwnersGroup,
      cacheSeconds: config.roles.cacheSeconds,
      otherwise: async (userId) => isAdmin(await deps.roles.roleOf(userId)),
    },
    deps.logger,
    deps.now,
  );
  const queries = createLoopQueries(deps.database);
  return {
    isOwner,
    days,
    top: async () => {
      const range = rangeSince(undefined, deps.now(), days);
      return range ? kbGaps({ queries, kb: deps.kb }, range) : [];
    },
  };
}
