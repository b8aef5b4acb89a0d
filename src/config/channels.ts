import { z } from 'zod';
import { channelId, type Fixes, text, userGroupId } from './fields.js';

// Five cron fields (minute hour day-of-month month day-of-week): `*`, numbers, ranges, lists and steps.
const cronField = /^(\*|\d{1,2}(-\d{1,2})?(,\d{1,2}(-\d{1,2})?)*)(\/\d{1,2})?$/;
const cron = text.pipe(
  z
    .string()
    .default('0 8 * * 1')
    .refine(
      (v) =>
        v.trim().split(/\s+/).length === 5 &&
        v
          .trim()
          .split(/\s+/)
          .every((f) => cronField.test(f)),
      {
        message: 'is not a five-field cron expression',
      },
    ),
);

/** Per-channel behaviour and queues (a file), the manager digest and the KB owners. */
export const channelsSchema = z.object({
  CHANNELS_CONFIG: text,
  DIGEST_CHANNEL: channelId,
  DIGEST_CRON: cron,
  KB_OWNERS_GROUP: userGroupId,
});
type ChannelsEnv = z.infer<typeof channelsSchema>;

export const channelsFixes = {
  CHANNELS_CONFIG: 'give the path of a YAML or JSON file with defaults, channels and queues (see README)',
  DIGEST_CHANNEL: 'use the channel id (C… or G…) of the managers’ channel',
  DIGEST_CRON: 'use five cron fields in local time, e.g. 0 8 * * 1 (Monday 08:00)',
  KB_OWNERS_GROUP: 'use the user group id (S…) of the knowledge-base owners, not its @handle',
} satisfies Fixes<ChannelsEnv>;

export interface ChannelsSection {
  /** Path of the channels file; unset: every channel on the built-in behaviour, one default queue. */
  file?: string;
  digestChannel?: string;
  digestCron: string;
  kbOwnersGroup?: string;
}

export const toChannels = (e: ChannelsEnv): ChannelsSection => ({
  ...(e.CHANNELS_CONFIG ? { file: e.CHANNELS_CONFIG } : {}),
  ...(e.DIGEST_CHANNEL ? { digestChannel: e.DIGEST_CHANNEL } : {}),
  digestCron: e.DIGEST_CRON.trim(),
  ...(e.KB_OWNERS_GROUP ? { kbOwnersGroup: e.KB_OWNERS_GROUP } : {}),
});
