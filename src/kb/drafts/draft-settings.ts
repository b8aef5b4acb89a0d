import type { Config } from '../../config.js';

/** What the draft listeners need beyond SlackDeps: where the KB is and who reviews drafts. */
export interface DraftSettings {
  kbDir: string;
  /** KB_OWNERS_GROUP: its members get drafts and alone may publish or discard them. */
  ownersGroup?: string;
  /** Without KB_OWNERS_GROUP the admins review drafts: their group and fixed ids. */
  adminGroup?: string;
  adminUsers: string[];
}

/** The draft settings from the loaded configuration (the composition root sets `SlackDeps.drafts` with this). */
export function draftSettingsFrom(config: Pick<Config, 'kb' | 'channels' | 'roles'>): DraftSettings {
  return {
    kbDir: config.kb.dir,
    ownersGroup: config.channels.kbOwnersGroup,
    adminGroup: config.roles.adminGroup,
    adminUsers: config.roles.adminUsers,
  };
}
