import { parse as parseQuery } from 'node:querystring';

/** The two media types Slack posts: JSON for the Events API, forms for commands and interactivity. */
export const SlackMediaType = { Json: 'application/json', Form: 'application/x-www-form-urlencoded' } as const;
export type SlackMediaType = (typeof SlackMediaType)[keyof typeof SlackMediaType];

/** The bare media type of a Content-Type header if it is one Slack sends, else undefined. */
export function slackMediaType(header: string | undefined): SlackMediaType | undefined {
  const bare = (header ?? '').split(';')[0]?.trim().toLowerCase();
  return bare === SlackMediaType.Json || bare === SlackMediaType.Form ? bare : undefined;
}

export type SlackBody = Record<string, unknown>;

/**
 * Parses a signed body the way Bolt will (JSON, a form, or a form whose `payload` field is JSON),
 * but refuses anything Bolt would choke on: invalid JSON, a non-object, a repeated `payload`.
 */
export function parseSlackBody(type: SlackMediaType, raw: Buffer): SlackBody | undefined {
  const text = raw.toString('utf8');
  if (type === SlackMediaType.Json) return parseObject(text);
  const form = parseQuery(text);
  if (form.payload === undefined) return form;
  return typeof form.payload === 'string' ? parseObject(form.payload) : undefined;
}

function parseObject(text: string): SlackBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as SlackBody) : undefined;
  } catch {
    return undefined;
  }
}

/** Whom a request is for: workspace, Enterprise Grid org and app, wherever the payload kind puts them. */
export function tenantOf(body: SlackBody): { teamId?: string; enterpriseId?: string; appId?: string } {
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const idOf = (v: unknown) => (v && typeof v === 'object' ? str((v as { id?: unknown }).id) : undefined);
  return {
    // events and commands carry team_id/enterprise_id; interactivity payloads carry team/enterprise objects
    teamId: str(body.team_id) ?? idOf(body.team),
    enterpriseId: str(body.enterprise_id) ?? idOf(body.enterprise),
    appId: str(body.api_app_id),
  };
}

export interface AllowList {
  /** Team (T…) or Enterprise Grid (E…) ids; empty: every workspace. */
  teamIds: readonly string[];
  /** This app's id (A…); unset: any. */
  appId?: string;
}

/** True when the request's workspace or org, and app, are ones this deployment serves. */
export function isAllowed(body: SlackBody, allow: AllowList): boolean {
  const tenant = tenantOf(body);
  if (allow.appId && tenant.appId !== allow.appId) return false;
  if (allow.teamIds.length === 0) return true;
  return [tenant.teamId, tenant.enterpriseId].some((id) => id !== undefined && allow.teamIds.includes(id));
}
