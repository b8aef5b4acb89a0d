import type { ChannelSettings, Queue } from '../../channels/channel-directory.js';
import type { KbScope } from '../../channels/channels-file.js';
import { isAdmin } from '../../core/roles.js';
import { escapeSlack } from '../format/escape.js';
import type { RoleResolver } from '../roles/role-resolver.js';
import type { Subcommand } from './registry.js';

const answers = { mention: 'when mentioned', all: 'every question, no mention needed', off: 'off' } as const;
const visibility = { thread: 'in the thread, for everyone', ephemeral: 'only to the person who asked' } as const;
const checks = {
  associates: 'by role (associates and admins)',
  admins: 'PACS admins only',
  none: 'turned off',
} as const;

const list = (label: string, values: readonly string[]) =>
  values.length > 0 ? [`${label} ${values.map((v) => `\`${escapeSlack(v)}\``).join(', ')}`] : [];

function kbLine(kb: KbScope): string {
  const parts = [...list('folders', kb.folders), ...list('tags', kb.tags), ...list('audience', kb.audience)];
  return parts.length > 0 ? `pages with ${parts.join(' or ')}` : 'the whole knowledge base';
}

function queueLine(id: string, queue: Queue | undefined): string {
  if (!queue) return `\`${escapeSlack(id)}\` (not a configured queue: tickets go to the default queue)`;
  const triage = queue.triageChannel ? `triage in <#${queue.triageChannel}>` : 'no triage channel';
  return `${escapeSlack(queue.name)} (\`${queue.id}\`), ${triage}`;
}

/** The effective settings of one channel, as `/pacs channel` shows them. */
export function describeChannel(settings: ChannelSettings, queue: Queue | undefined, defaultSite?: string): string {
  const where = settings.channelId.startsWith('D') ? 'this direct message' : `<#${settings.channelId}>`;
  const source = settings.listed
    ? `listed in CHANNELS_CONFIG${settings.name ? ` as “${escapeSlack(settings.name)}”` : ''}`
    : 'not listed in CHANNELS_CONFIG: the defaults apply';
  const site = settings.site ?? (defaultSite ? `${defaultSite} (the first configured site)` : 'none configured');
  return [
    `*Settings of ${where}* (${source})`,
    `• Answers: ${answers[settings.answer]}`,
    `• Answer visibility: ${visibility[settings.visibility]}`,
    `• Answered from: ${kbLine(settings.kb)}`,
    `• Ticket queue: ${queueLine(settings.queue, queue)}`,
    `• PACS site when none is named: ${escapeSlack(site)}`,
    `• PACS checks: ${checks[settings.pacsChecks]}`,
    `• Shared with other organisations: ${settings.shared ? 'yes (no patient details here at all)' : 'no'}`,
  ].join('\n');
}

/** `/pacs channel`: this channel's effective settings, for admins (it names queues and triage channels). */
export function channelSubcommand(roles: RoleResolver): Subcommand {
  return {
    name: 'channel',
    usage: 'channel',
    summary: "this channel's settings: answers, visibility, KB scope, queue, site, PACS checks (admins)",
    examples: ['channel'],
    async run({ respond, deps, userId, channelId }) {
      if (!isAdmin(await roles.roleOf(userId))) {
        deps.logger.info({ user: userId }, 'channel settings refused: not an admin');
        await respond({ response_type: 'ephemeral', text: '`channel` is for PACS admins only.' });
        return;
      }
      const settings = deps.channels.settingsFor(channelId);
      const queue = deps.channels.queue(settings.queue);
      const text = describeChannel(settings, queue, deps.pacs?.ctx.defaultSite || undefined);
      await respond({ response_type: 'ephemeral', text });
    },
  };
}
