/**
 * The seeded workspace's ids the bot is configured with when it runs against it (npm start without
 * Slack tokens): the triage channel and the user groups that carry roles and on-call.
 */
export const localWorkspaceDefaults = {
  TRIAGE_CHANNEL: 'C0PTRIAGE',
  ROLE_ASSOCIATE_GROUP: 'S0PACSASC',
  ROLE_ADMIN_GROUP: 'S0PACSADM',
  ONCALL_GROUP: 'S0PACSONC',
} as const;
