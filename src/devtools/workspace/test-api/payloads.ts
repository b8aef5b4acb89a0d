import type { ChannelInfo } from '../directory.js';
import { TestApiError } from '../errors.js';
import { botMessageObject } from '../events.js';
import { APP_ID, TEAM_DOMAIN, TEAM_ID, VERIFICATION_TOKEN } from '../ids.js';
import type { Persona } from '../seed.js';
import type { Json, StoredMessage } from '../types.js';

/** Fields every interactivity payload carries (docs.slack.dev/reference/interaction-payloads). */
export function interactionBase(p: Persona, type: string, triggerId: string): Json {
  return {
    type,
    user: { id: p.id, username: p.name, name: p.name, team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    team: { id: TEAM_ID, domain: TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
  };
}

export function channelRef(c: ChannelInfo): Json {
  return { id: c.id, name: c.isIm ? 'directmessage' : c.name };
}

/** The message as Slack puts it into block_actions / message_action payloads. */
export function payloadMessage(m: StoredMessage): Json {
  if (m.bot_id) return { ...botMessageObject(m), ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}) };
  return {
    type: 'message',
    user: m.user,
    ts: m.ts,
    text: m.text,
    team: TEAM_ID,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Finds the interactive element with `action_id` (actions elements, section accessories, input elements). */
export function findElement(blocks: unknown[] | undefined, actionId: string): { block: Obj; element: Obj } | undefined {
  for (const block of blocks ?? []) {
    if (!isObj(block)) continue;
    const candidates = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory, block.element];
    for (const element of candidates) if (isObj(element) && element.action_id === actionId) return { block, element };
  }
  return undefined;
}

function allOptions(el: Obj): Obj[] {
  const direct = Array.isArray(el.options) ? (el.options as Obj[]) : [];
  const grouped = Array.isArray(el.option_groups)
    ? (el.option_groups as Obj[]).flatMap((g) => (g.options as Obj[]) ?? [])
    : [];
  return [...direct, ...grouped];
}

function option(el: Obj, value: string | undefined): Obj {
  const options = allOptions(el);
  const found = value === undefined ? options[0] : options.find((o) => o.value === value);
  if (!found) throw new TestApiError('option_not_found', `No option with value ${value} in ${String(el.action_id)}`);
  return found;
}

/** The `actions[0]` Slack sends when a person uses an element (value picks the option for selects). */
export function actionFor(block: Obj, el: Obj, value: string | undefined, actionTs: string): Json {
  const base: Json = { type: el.type, action_id: el.action_id, block_id: block.block_id, action_ts: actionTs };
  switch (el.type) {
    case 'button':
      return { ...base, text: el.text, value: value ?? el.value, ...(el.style ? { style: el.style } : {}) };
    case 'static_select':
    case 'external_select':
    case 'overflow':
    case 'radio_buttons':
      return {
        ...base,
        selected_option: option(el, value),
        ...(el.placeholder ? { placeholder: el.placeholder } : {}),
      };
    case 'multi_static_select':
    case 'checkboxes':
      return {
        ...base,
        selected_options: (value ?? '')
          .split(',')
          .filter(Boolean)
          .map((v) => option(el, v)),
      };
    case 'users_select':
      return { ...base, selected_user: value };
    case 'conversations_select':
      return { ...base, selected_conversation: value };
    case 'channels_select':
      return { ...base, selected_channel: value };
    case 'datepicker':
      return { ...base, selected_date: value };
    case 'timepicker':
      return { ...base, selected_time: value };
    default:
      return { ...base, value };
  }
}
