import { type ChannelState, type ChannelStatus, ChannelState as S } from '../engine-types.js';

/**
 * NextGen Connect's JSON is its XStream XML turned into JSON, with the quirks that come with it:
 * - a list is wrapped in its element name: `{"list": {"dashboardStatus": [ … ]}}`;
 * - a list of one is an object, not an array (`{"list": {"dashboardStatus": { … }}}`), an empty one is `{"list": ""}`
 *   or `{"list": null}`;
 * - a `Map<Status, Long>` is `{"entry": [{"com.mirth.connect.donkey.model.message.Status": "RECEIVED", "long": 12}]}`;
 * - a `java.util.Calendar` is `{"time": 1733140800000, "timezone": "America/Chicago"}`.
 * Model classes: com.mirth.connect.model.DashboardStatus, com.mirth.connect.donkey.model.message.Message.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The items of an XStream list, whatever its size: `{list: {<element>: item | item[]}}` or a bare array. */
export function listOf(body: unknown, element: string): Json[] {
  const wrapped = isObject(body) && 'list' in body ? body.list : body;
  const items = Array.isArray(wrapped) ? wrapped : isObject(wrapped) ? wrapped[element] : undefined;
  if (items === undefined || items === null || items === '') return [];
  return (Array.isArray(items) ? items : [items]).filter(isObject);
}

const STATUS_KEY = 'com.mirth.connect.donkey.model.message.Status';

/** `Map<Status, Long>` → `{ RECEIVED: 12, … }`. */
export function statusCounts(map: unknown): Record<string, number> {
  const counts: Record<string, number> = {};
  if (!isObject(map)) return counts;
  const entries = Array.isArray(map.entry) ? map.entry : isObject(map.entry) ? [map.entry] : [];
  for (const entry of entries.filter(isObject)) {
    const status = entry[STATUS_KEY];
    const n = Number(entry.long);
    if (typeof status === 'string' && Number.isFinite(n)) counts[status] = n;
  }
  return counts;
}

/** A serialized Calendar (or epoch ms, or an ISO string) → epoch ms. */
export function calendarMs(value: unknown): number | undefined {
  const raw = isObject(value) ? value.time : value;
  const n = typeof raw === 'string' && !/^\d+$/.test(raw) ? Date.parse(raw) : Number(raw);
  return raw !== undefined && raw !== null && Number.isFinite(n) ? n : undefined;
}

/** Donkey's DeployedState names (UNDEPLOYED … SYNCING) → ours; anything new reads as unknown. */
export function channelState(value: unknown): ChannelState {
  const known = Object.values(S) as string[];
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  return (known.includes(lower) ? lower : S.Unknown) as ChannelState;
}

const count = (v: unknown) => (Number.isFinite(Number(v)) ? Number(v) : 0);

/** One channel-level DashboardStatus → ChannelStatus (connectors' childStatuses are not needed for the rules). */
export function toChannelStatus(d: Json): ChannelStatus | undefined {
  if (typeof d.channelId !== 'string') return undefined;
  const stats = statusCounts(d.statistics);
  return {
    id: d.channelId,
    name: typeof d.name === 'string' ? d.name : d.channelId,
    state: channelState(d.state),
    received: count(stats.RECEIVED),
    sent: count(stats.SENT),
    // DashboardStatus.queued is the channel's total; older servers only put QUEUED in the statistics map.
    queued: count(d.queued ?? stats.QUEUED),
    errored: count(stats.ERROR),
    filtered: count(stats.FILTERED),
  };
}

/** The dashboard list → channels; only CHANNEL rows (a list may hold connector rows when filtered). */
export function parseStatusList(body: unknown): ChannelStatus[] {
  return listOf(body, 'dashboardStatus')
    .filter((d) => d.statusType === undefined || d.statusType === 'CHANNEL')
    .map(toChannelStatus)
    .filter((c): c is ChannelStatus => c !== undefined);
}

/** The newest message's received date from `GET /channels/{id}/messages?limit=1` (content never requested). */
export function newestReceivedAt(body: unknown): number | undefined {
  const dates = listOf(body, 'message')
    .map((m) => calendarMs(m.receivedDate))
    .filter((t): t is number => t !== undefined);
  return dates.length ? Math.max(...dates) : undefined;
}
