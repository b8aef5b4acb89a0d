/** Who may do what. Requesters open and follow their own tickets; associates and admins triage. */
export const Role = { Requester: 'requester', Associate: 'associate', Admin: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];

export function canTriage(role: Role): boolean {
  return role === Role.Associate || role === Role.Admin;
}

export function isAdmin(role: Role): boolean {
  return role === Role.Admin;
}
