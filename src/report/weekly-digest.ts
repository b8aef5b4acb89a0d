import type { FetchLike } from '../core/http.js';
import { buildDigestBlocks, digestText } from './digest-blocks.js';
import { renderPng } from './render-png.js';
import { type UploadClient, uploadFile } from './upload-file.js';
import { weeklyChartSvg } from './weekly-chart.js';
import { buildWeeklyReport, type WeeklySources } from './weekly-report.js';

export interface DigestClient extends UploadClient {
  chat: { postMessage(args: { channel: string; text: string; blocks: never[] }): Promise<{ ts?: string }> };
}

const weekMs = 7 * 24 * 3600_000;

/**
 * Posts the week ending `until` to `channel`: the digest message (blocks), then the chart as a PNG shared with
 * Slack's external upload flow. Rejects when either fails (the message may then be there without its chart).
 *
 * @example await postWeeklyDigest({ client: slack.botClient, fetch, sources, channel: 'C0MGR', until: new Date() })
 */
export async function postWeeklyDigest(deps: {
  client: DigestClient;
  fetch: FetchLike;
  sources: WeeklySources;
  channel: string;
  until: Date;
}): Promise<{ ts?: string; fileId: string }> {
  const { client, channel, until } = deps;
  const report = await buildWeeklyReport(deps.sources, { since: new Date(until.getTime() - weekMs), until });
  const posted = await client.chat.postMessage({
    channel,
    text: digestText(report),
    blocks: buildDigestBlocks(report) as never[],
  });
  const period = `${report.since.slice(0, 10)} to ${report.until.slice(0, 10)}`;
  const fileId = await uploadFile(client, deps.fetch, {
    bytes: renderPng(weeklyChartSvg(report)),
    filename: `pacs-desk-digest-${report.until.slice(0, 10)}.png`,
    title: `Tickets by queue, ${period}`,
    altText: `Bar chart of tickets opened, resolved and SLA breaches per queue, ${period}`,
    channel,
  });
  return { ...(posted.ts ? { ts: posted.ts } : {}), fileId };
}
