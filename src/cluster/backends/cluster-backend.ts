import type { ClaimsBackend } from '../claims.js';
import type { LeaseBackend } from '../lease.js';

/** Claims and leases kept in one shared store; pass it to `createClaims` and `createLeaderLease`. */
export interface ClusterBackend {
  claims: ClaimsBackend;
  leases: LeaseBackend;
}
