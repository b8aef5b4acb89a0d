import { parse as parseYaml } from 'yaml';
import { defaultQueueId } from './channel-directory.js';
import { type ChannelsFile, channelsFileSchema } from './channels-file.js';

const path = (p: readonly PropertyKey[]) =>
  p.map((x, i) => (typeof x === 'number' ? `[${x}]` : `${i > 0 ? '.' : ''}${String(x)}`)).join('');

/**
 * Parses and checks a `CHANNELS_CONFIG` text (YAML or JSON): the schema, then what one entry says of another (a
 * channel's queue must exist, ids are unique, a site must be a configured PACS site). Every problem is listed with
 * its place in the file, so an admin fixes it in one pass.
 *
 * @example `parseChannelsFile('channels: [{ id: C0ED, queue: ed }]', []).problems` → `['channels[0].queue: no queue "ed" …']`
 */
export function parseChannelsFile(
  text: string,
  siteIds: readonly string[],
): { file: ChannelsFile; problems: [] } | { file?: undefined; problems: string[] } {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    return { problems: [`not valid YAML or JSON (${(error as Error).message.split('\n')[0]})`] };
  }
  const parsed = channelsFileSchema.safeParse(raw ?? {});
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${path(i.path) || 'file'}: ${i.message}`) };
  const file = parsed.data;
  const problems: string[] = [];
  const queueIds = new Set([defaultQueueId, ...file.queues.map((q) => q.id)]);
  const seen = (ids: string[], label: string) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) problems.push(`${label}[${i}].id: "${id}" is listed twice`);
    });
  };
  seen(
    file.channels.map((c) => c.id),
    'channels',
  );
  seen(
    file.queues.map((q) => q.id),
    'queues',
  );
  const knownSite = (site: string) => siteIds.length === 0 || siteIds.includes(site);
  const checkRefs = (label: string, entry: { queue?: string; site?: string }) => {
    if (entry.queue && !queueIds.has(entry.queue)) {
      problems.push(`${label}.queue: no queue "${entry.queue}" — fix: add it under queues, or use ${defaultQueueId}`);
    }
    if (entry.site && !knownSite(entry.site)) {
      problems.push(`${label}.site: no PACS site "${entry.site}" — fix: use one of ${siteIds.join(', ')}`);
    }
  };
  if (file.defaults) checkRefs('defaults', file.defaults);
  for (const [i, c] of file.channels.entries()) checkRefs(`channels[${i}]`, c);
  for (const [i, q] of file.queues.entries()) {
    for (const site of q.sites) if (!knownSite(site)) problems.push(`queues[${i}].sites: no PACS site "${site}"`);
  }
  return problems.length ? { problems } : { file, problems: [] };
}
