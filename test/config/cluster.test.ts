import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { problemsOf } from './problems-of.js';

describe('cluster settings', () => {
  it('defaults to one replica with 15 s leader leases, 30 s inbox leases and a 5 s sweep', () => {
    expect(loadConfig({}).cluster).toEqual({
      replicas: 1,
      replicaId: undefined,
      leaderLeaseMs: 15_000,
      inboxLeaseMs: 30_000,
      inboxSweepMs: 5_000,
    });
  });

  it('refuses several replicas on SQLite or without Redis, naming the variable to set', () => {
    const problems = problemsOf({ REPLICAS: '3' });
    expect(problems.join('\n')).toMatch(/REPLICAS: 3 replicas cannot share SQLite.*DATABASE_URL=postgres/);
    expect(problems.join('\n')).toMatch(/REPLICAS: 3 replicas need shared state.*REDIS_URL=redis/);
    expect(problemsOf({ REPLICAS: '2', DATABASE_URL: 'postgres://h/db' })).toHaveLength(1);
  });

  it('accepts several replicas on PostgreSQL and Redis, with a replica name', () => {
    const config = loadConfig({
      REPLICAS: '3',
      REPLICA_ID: 'desk-1',
      DATABASE_URL: 'postgres://127.0.0.1/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LEADER_LEASE_SECONDS: '6',
    });
    expect(config.cluster).toMatchObject({ replicas: 3, replicaId: 'desk-1', leaderLeaseMs: 6000 });
  });

  it('rejects a replica name with spaces and a lease below the floor', () => {
    expect(problemsOf({ REPLICA_ID: 'desk one' }).join('\n')).toMatch(/^REPLICA_ID: letters, digits/);
    expect(problemsOf({ LEADER_LEASE_SECONDS: '1' }).join('\n')).toMatch(/LEADER_LEASE_SECONDS: .*fix: use seconds/);
  });
});
