import { describe, expect, it } from 'vitest';
import type { Role } from '../../../src/core/roles.js';
import { CheckId } from '../../../src/pacs/checks/check-types.js';
import { checkRoles, createCheckRegistry, pacsChecks } from '../../../src/pacs/checks/registry.js';

const registry = createCheckRegistry();
const roles: (Role | undefined)[] = ['requester', 'associate', 'admin', undefined];

// The documented roles matrix, every command × every role (undefined = no role at all).
const expected: Record<string, [requester: boolean, associate: boolean, admin: boolean, none: boolean]> = {
  study: [false, true, true, false],
  worklist: [false, true, true, false],
  priors: [false, true, true, false],
  queue: [false, true, true, false],
  echo: [false, true, true, false],
  unidentified: [false, true, true, false],
  anomalies: [false, true, true, false],
  status: [false, true, true, false],
  retry: [false, false, true, false],
  cancel: [false, false, true, false],
  fetch: [false, false, true, false],
};

describe('check registry', () => {
  it('lists every check in help order with unique ids and commands', () => {
    expect(registry.list().map((c) => c.command)).toEqual(Object.keys(expected));
    expect(new Set(pacsChecks.map((c) => c.id)).size).toBe(pacsChecks.length);
  });

  it.each(Object.entries(expected))('allows %s for exactly the documented roles', (command, allowed) => {
    const check = registry.find(command);
    if (!check) throw new Error(`missing ${command}`);
    expect(roles.map((role) => registry.allowed(check, role))).toEqual(allowed);
  });

  it('flags side effects and PHI as documented', () => {
    const flags = Object.fromEntries(pacsChecks.map((c) => [c.command, [c.sideEffects, c.returnsPhi]]));
    expect(flags).toEqual({
      study: [false, true],
      worklist: [false, true],
      priors: [false, true],
      queue: [false, false],
      echo: [false, false],
      unidentified: [false, true],
      anomalies: [false, true],
      status: [false, false],
      retry: [true, false],
      cancel: [true, false],
      fetch: [true, false],
    });
    for (const check of pacsChecks) if (check.sideEffects) expect(check.describe).toBeTypeOf('function');
  });

  it('exports the roles table', () => {
    expect(checkRoles).toEqual({
      [CheckId.Study]: 'associate',
      [CheckId.Worklist]: 'associate',
      [CheckId.Priors]: 'associate',
      [CheckId.Queue]: 'associate',
      [CheckId.Echo]: 'associate',
      [CheckId.Unidentified]: 'associate',
      [CheckId.Anomalies]: 'associate',
      [CheckId.Status]: 'associate',
      [CheckId.JobRetry]: 'admin',
      [CheckId.JobCancel]: 'admin',
      [CheckId.FetchPrior]: 'admin',
    });
  });

  it('denies an unknown role string', () => {
    const check = registry.find('status');
    if (!check) throw new Error('missing');
    expect(registry.allowed(check, 'superuser' as Role)).toBe(false);
    expect(registry.allowed(check, '__proto__' as Role)).toBe(false);
  });

  // Checklist B1: never fuzzy, never a look-alike.
  it.each(['stud', 'studies', 'Study ', 'ѕtudy', 'retr y', 'ret', 'cancel-all', 'help', '', 'pacs.study', 'job'])(
    'finds nothing for %j',
    (command) => {
      expect(registry.find(command)).toBeUndefined();
    },
  );

  it('finds commands exactly, ignoring ASCII case only', () => {
    expect(registry.find('study')?.id).toBe(CheckId.Study);
    expect(registry.find('RETRY')?.id).toBe(CheckId.JobRetry);
  });

  it('generates help from the registry, filtered by role', () => {
    expect(registry.help('requester')).toEqual([]);
    expect(registry.help('associate').map((h) => h.command)).toEqual([
      'study',
      'worklist',
      'priors',
      'queue',
      'echo',
      'unidentified',
      'anomalies',
      'status',
    ]);
    const retry = registry.help('admin').find((h) => h.command === 'retry');
    expect(retry).toMatchObject({ usage: 'retry JOB-ID [site]', sideEffects: true, requiredRole: 'admin' });
    for (const entry of registry.help()) {
      expect(entry.summary.length).toBeGreaterThan(20);
      expect(entry.examples.length).toBeGreaterThan(0);
      for (const example of entry.examples) expect(example.startsWith(entry.command)).toBe(true);
    }
  });

  it('refuses duplicate commands', () => {
    const [first] = pacsChecks;
    if (!first) throw new Error('empty');
    expect(() => createCheckRegistry([first, first])).toThrow(/duplicate/);
  });
});
