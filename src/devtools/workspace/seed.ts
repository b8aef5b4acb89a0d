import { BOT_ID, BOT_NAME, BOT_USER_ID, TEAM_ID } from './ids.js';
import type { Json } from './types.js';

/** A seeded person the tests and the web page act as. */
export interface Persona {
  persona: string;
  id: string;
  name: string;
  realName: string;
  displayName: string;
  title: string;
  isAdmin: boolean;
  dm: string;
}

export const PERSONAS: readonly Persona[] = [
  {
    persona: 'clinician',
    id: 'U0CLINIC1',
    name: 'casey.clinician',
    realName: 'Dr. Casey Clinician',
    displayName: 'Casey',
    title: 'Radiologist',
    isAdmin: false,
    dm: 'D0CLINIC1',
  },
  {
    persona: 'associate',
    id: 'U0ASSOC01',
    name: 'alex.associate',
    realName: 'Alex Associate',
    displayName: 'Alex',
    title: 'PACS Associate',
    isAdmin: false,
    dm: 'D0ASSOC01',
  },
  {
    persona: 'admin',
    id: 'U0ADMIN01',
    name: 'avery.admin',
    realName: 'Avery Admin',
    displayName: 'Avery',
    title: 'PACS Administrator',
    isAdmin: true,
    dm: 'D0ADMIN01',
  },
];

/** #pacs-managers: where `npm start` without tokens posts the weekly digest (DIGEST_CHANNEL). */
export const MANAGERS_CHANNEL = 'C0PMANAGE';

export const CHANNELS = [
  { id: 'C0RADHELP', name: 'radiology-help', purpose: 'Ask the PACS team for help' },
  { id: 'C0PTRIAGE', name: 'pacs-triage', purpose: 'Triage of PACS incidents' },
  { id: MANAGERS_CHANNEL, name: 'pacs-managers', purpose: 'Weekly PACS Desk digest for managers' },
] as const;

export const USERGROUPS = [
  { id: 'S0PACSASC', handle: 'pacs-associates', name: 'PACS Associates', members: ['U0ASSOC01', 'U0ADMIN01'] },
  { id: 'S0PACSADM', handle: 'pacs-admins', name: 'PACS Admins', members: ['U0ADMIN01'] },
  { id: 'S0PACSONC', handle: 'pacs-oncall', name: 'PACS On-call', members: ['U0ASSOC01'] },
] as const;

const CREATED = 1_700_000_000;

/** The Slack user object (api.slack.com/types/user) of a persona or the bot. */
export function userObject(id: string): Json | undefined {
  if (id === BOT_USER_ID) {
    return {
      ...baseUser(BOT_USER_ID, BOT_NAME, 'PACS Desk', BOT_NAME),
      is_bot: true,
      is_app_user: false,
      profile: { ...profile('PACS Desk', BOT_NAME, ''), bot_id: BOT_ID, always_active: true },
    };
  }
  const p = PERSONAS.find((x) => x.id === id);
  if (!p) return undefined;
  return {
    ...baseUser(p.id, p.name, p.realName, p.displayName),
    is_admin: p.isAdmin,
    profile: profile(p.realName, p.displayName, p.title, `${p.name}@hospital.example`),
  };
}

function baseUser(id: string, name: string, realName: string, _displayName: string): Json {
  return {
    id,
    team_id: TEAM_ID,
    name,
    deleted: false,
    color: '4bbe2e',
    real_name: realName,
    tz: 'Europe/Berlin',
    tz_label: 'Central European Time',
    tz_offset: 3600,
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: false,
    is_app_user: false,
    is_stranger: false,
    updated: CREATED,
    is_email_confirmed: true,
    who_can_share_contact_card: 'EVERYONE',
  };
}

function profile(realName: string, displayName: string, title: string, email?: string): Json {
  const [first = '', ...rest] = realName.split(' ');
  return {
    title,
    phone: '',
    skype: '',
    real_name: realName,
    real_name_normalized: realName,
    display_name: displayName,
    display_name_normalized: displayName,
    fields: null,
    status_text: '',
    status_emoji: '',
    status_expiration: 0,
    avatar_hash: 'g000000000',
    ...(email ? { email } : {}),
    first_name: first,
    last_name: rest.join(' '),
    image_24: '',
    image_48: '',
    image_72: '',
    team: TEAM_ID,
  };
}

export const CREATED_AT = CREATED;
