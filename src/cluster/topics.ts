import { z } from 'zod';

/**
 * What the replicas tell each other. Every replica hears every topic; a message is a small JSON object (an id or
 * a hint to re-read shared state), never the state itself, because PostgreSQL's NOTIFY carries under 8000 bytes.
 */
export const Topic = {
  /** `/pacs reindex` ran on one replica: every replica rebuilds its KB index. */
  Reindex: 'reindex',
  /** A KB file changed on disk (or in shared storage): every replica re-reads the KB. */
  KbChanged: 'kb_changed',
  /** A Slack user group's members changed (`subteam_members_changed`): every replica drops that role cache. */
  RoleGroupChanged: 'role_group_changed',
  /** Slack answered 429: every replica holds calls to that method until `Retry-After` has passed. */
  SlackRateLimited: 'slack_rate_limited',
} as const;

export type Topic = (typeof Topic)[keyof typeof Topic];

const shortText = z.string().min(1).max(200);

/** One schema per topic: a message that does not match is dropped (and logged) before any handler sees it. */
export const topicSchemas = {
  [Topic.Reindex]: z.object({ requestedBy: shortText.optional() }),
  [Topic.KbChanged]: z.object({ paths: z.array(z.string().min(1).max(500)).max(50) }),
  [Topic.RoleGroupChanged]: z.object({ subteamId: shortText }),
  [Topic.SlackRateLimited]: z.object({
    /** The Web API method that was limited (`chat.postMessage`); absent when the limit was global. */
    method: shortText.optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600),
  }),
} as const satisfies Record<Topic, z.ZodType>;

/** What a publisher sends on `topic`. */
export type MessageOf<T extends Topic> = z.infer<(typeof topicSchemas)[T]>;

export const topics: readonly Topic[] = Object.values(Topic);

export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (topics as readonly string[]).includes(value);
}
