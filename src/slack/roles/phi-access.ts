import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';

/** Why patient details were refused; stable values for logs and the audit trail. */
export const PhiDenial = {
  Guest: 'guest',
  External: 'external',
  Deleted: 'deleted',
  Bot: 'bot',
  UserUnverified: 'user_unverified',
  SharedChannel: 'shared_channel',
  ChannelUnverified: 'channel_unverified',
} as const;
export type PhiDenial = (typeof PhiDenial)[keyof typeof PhiDenial];

export type PhiDecision = { ok: true } | { ok: false; reason: PhiDenial; message: string };

export interface PhiRequest {
  /** The signed `user_id` of the request, never a name or a mention in its text. */
  userId: string;
  /** The signed `team_id` of the request. */
  teamId?: string;
  /** Where the answer would be shown. */
  channelId?: string;
}

export interface PhiAccess {
  /** Whether this person, here, may see patient details at all (the role is checked separately). */
  check(request: PhiRequest): Promise<PhiDecision>;
}

/** What a refused person is told, per reason. */
export const phiDenialMessages: Record<PhiDenial, string> = {
  guest: 'Patient details are shown only to full members of this workspace, not to guests.',
  external: 'Patient details are shown only to members of this workspace.',
  deleted: 'Patient details are shown only to active members of this workspace.',
  bot: 'Patient details are never shown to bots or apps.',
  user_unverified:
    "I couldn't confirm your account with Slack just now, so I can't show patient details. Please try again in a minute.",
  shared_channel:
    'Patient details are never shown in a channel shared with another organisation, not even privately. Send me the same command in a direct message.',
  channel_unverified:
    "I couldn't check this channel with Slack just now, so I can't show patient details here. Send me the same command in a direct message.",
};

interface SlackUser {
  deleted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_stranger?: boolean;
  team_id?: string;
  enterprise_user?: { enterprise_id?: string };
}

/** The bot's own workspace (and Enterprise Grid org, if any), from auth.test. */
interface Home {
  team: string;
  enterprise?: string;
}

interface SlackChannel {
  is_im?: boolean;
  is_shared?: boolean;
  is_org_shared?: boolean;
  is_ext_shared?: boolean;
  is_pending_ext_shared?: boolean;
  shared_team_ids?: string[];
}

function userProblem(user: SlackUser, home: Home): PhiDenial | undefined {
  if (user.deleted) return PhiDenial.Deleted;
  if (user.is_bot || user.is_app_user) return PhiDenial.Bot;
  if (user.is_restricted || user.is_ultra_restricted) return PhiDenial.Guest;
  // On Enterprise Grid, a member of another workspace of the same org is not external.
  const sameOrg = home.enterprise !== undefined && user.enterprise_user?.enterprise_id === home.enterprise;
  if (user.is_stranger || (user.team_id !== home.team && !sameOrg)) return PhiDenial.External;
  return undefined;
}

function channelProblem(channel: SlackChannel, home: Home): PhiDenial | undefined {
  const foreign = (channel.shared_team_ids ?? []).some((t) => t !== home.team);
  const shared = channel.is_ext_shared || channel.is_pending_ext_shared || foreign;
  return shared || (channel.is_shared && !channel.is_org_shared) ? PhiDenial.SharedChannel : undefined;
}

/**
 * Who may see patient details, beyond their role: only full, active members of the bot's own workspace (no
 * guests, external or deactivated users, bots), and only outside channels shared with other organisations.
 * Asks Slack (users.info, conversations.info: Tier 4, cached for `cacheSeconds`); when Slack cannot answer and
 * the cached answer has expired, it fails closed.
 */
export function createPhiAccess(client: WebClient, cacheSeconds: number, logger: Logger, now: Clock): PhiAccess {
  let homeTeam: Promise<Home> | undefined;
  const team = () => {
    homeTeam ??= client.auth.test().then(
      (r) => ({ team: r.team_id ?? '', enterprise: r.enterprise_id || undefined }),
      (error: unknown) => {
        homeTeam = undefined;
        throw error;
      },
    );
    return homeTeam;
  };
  // users.info / conversations.info answers, trusted for the role cache's TTL like group membership.
  const cached = <T>(lookup: (id: string) => Promise<T>) => {
    const entries = new Map<string, { value: T; at: number }>();
    return async (id: string): Promise<T> => {
      const entry = entries.get(id);
      if (entry && now() - entry.at < cacheSeconds * 1000) return entry.value;
      entries.delete(id);
      const value = await lookup(id);
      entries.set(id, { value, at: now() });
      return value;
    };
  };
  const user = cached(async (id) => ((await client.users.info({ user: id })).user ?? {}) as SlackUser);
  const channel = cached(
    async (id) => ((await client.conversations.info({ channel: id })).channel ?? {}) as SlackChannel,
  );

  const deny = (reason: PhiDenial): PhiDecision => ({ ok: false, reason, message: phiDenialMessages[reason] });

  return {
    async check({ userId, teamId, channelId }) {
      let home: Home;
      let person: SlackUser;
      try {
        [home, person] = await Promise.all([team(), user(userId)]);
      } catch (error) {
        logger.warn({ user: userId, err: (error as Error).message }, 'could not verify user; patient details refused');
        return deny(PhiDenial.UserUnverified);
      }
      if (teamId && teamId !== home.team && !home.enterprise) return deny(PhiDenial.External);
      const problem = userProblem(person, home);
      if (problem) return deny(problem);
      if (!channelId) return { ok: true };
      try {
        const found = channelProblem(await channel(channelId), home);
        return found ? deny(found) : { ok: true };
      } catch (error) {
        logger.warn(
          { channel: channelId, err: (error as Error).message },
          'could not check channel; patient details refused',
        );
        return deny(PhiDenial.ChannelUnverified);
      }
    },
  };
}
