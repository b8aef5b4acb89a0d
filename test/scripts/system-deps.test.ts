import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ensureServices,
  ensureSystemDeps,
  installCommand,
  missingPackages,
  REQUIREMENTS,
  type SystemDepsIo,
} from '../../scripts/system-deps.mjs';
import { packageRoot } from '../../src/config.js';

const allPaths = REQUIREMENTS.flatMap((r) => r.paths);
const pathsOf = (pkg: string) => REQUIREMENTS.find((r) => r.pkg === pkg)?.paths ?? [];

/** A fake machine: `present` files exist; a successful `apt-get install` makes its packages' files appear. */
function machine(options: { missing: string[]; root: boolean; platform?: string; failInstall?: boolean }) {
  const present = new Set(allPaths.filter((p) => !options.missing.some((pkg) => pathsOf(pkg).includes(p))));
  const runs: { command: string; args: string[]; env: Record<string, string | undefined> }[] = [];
  const lines: string[] = [];
  const io: SystemDepsIo = {
    env: {},
    platform: options.platform ?? 'linux',
    exists: (p) => present.has(p),
    which: (c) => (c === 'apt-get' ? '/usr/bin/apt-get' : undefined),
    isRoot: () => options.root,
    run: (command, args, env) => {
      runs.push({ command, args, env });
      if (args[0] !== 'install') return 0;
      if (options.failInstall) return 100;
      for (const pkg of args.filter((a) => !a.startsWith('-') && a !== 'install'))
        for (const p of pathsOf(pkg)) present.add(p);
      return 0;
    },
    log: (line) => lines.push(line),
    reachable: async () => true,
  };
  return { io, runs, lines };
}

describe('pre-test system packages (scripts/system-deps.mjs)', () => {
  it('runs nothing and prints nothing when every package is present', () => {
    const m = machine({ missing: [], root: true });
    expect(ensureSystemDeps(m.io)).toBe(0);
    expect(m.runs).toEqual([]);
    expect(m.lines).toEqual([]);
  });

  it('as root installs exactly the missing packages with one apt-get install, after apt-get update', () => {
    const m = machine({ missing: ['dcmtk', 'chromium'], root: true });
    expect(ensureSystemDeps(m.io)).toBe(0);
    expect(m.runs.map((r) => [r.command, ...r.args])).toEqual([
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'dcmtk', 'chromium'],
    ]);
    for (const r of m.runs) expect(r.env.DEBIAN_FRONTEND).toBe('noninteractive');
  });

  it('counts dcmtk as missing when only one of its tools is there', () => {
    const present = new Set(allPaths.filter((p) => p !== '/usr/bin/echoscu'));
    expect(missingPackages((p) => present.has(p))).toEqual(['dcmtk']);
  });

  it('when not root exits non-zero with the one command that installs the missing packages, running nothing', () => {
    const m = machine({ missing: ['orthanc', 'orthanc-dicomweb'], root: false });
    expect(ensureSystemDeps(m.io)).toBe(1);
    expect(m.runs).toEqual([]);
    const text = m.lines.join('\n');
    expect(text).toContain(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends orthanc orthanc-dicomweb',
    );
    expect(text).toContain('PACS_DESK_SKIP_SYSTEM_DEPS=1');
  });

  it('without apt-get (another OS) stops with the command instead of trying', () => {
    const m = machine({ missing: ['chromium'], root: true, platform: 'darwin' });
    expect(ensureSystemDeps(m.io)).toBe(1);
    expect(m.runs).toEqual([]);
    expect(m.lines.join('\n')).toContain(installCommand(['chromium'], true));
  });

  it('reports a failed apt-get install with the command to retry', () => {
    const m = machine({ missing: ['dcmtk'], root: true, failInstall: true });
    expect(ensureSystemDeps(m.io)).toBe(1);
    expect(m.lines.join('\n')).toContain('apt-get install failed');
  });

  it('PACS_DESK_SKIP_SYSTEM_DEPS=1 skips the check entirely', () => {
    const m = machine({ missing: ['dcmtk'], root: true });
    expect(ensureSystemDeps({ ...m.io, env: { PACS_DESK_SKIP_SYSTEM_DEPS: '1' } })).toBe(0);
    expect(m.runs).toEqual([]);
  });

  it('checks that PostgreSQL (TEST_DATABASE_URL honoured) and Redis answer, and says how to start the one that does not', async () => {
    const lines: string[] = [];
    const asked: string[] = [];
    const io = {
      env: { TEST_DATABASE_URL: 'postgres://postgres@db.local:6543/test' },
      log: (l: string) => lines.push(l),
      reachable: async (host: string, port: number) => {
        asked.push(`${host}:${port}`);
        return port !== 6379;
      },
    };
    expect(await ensureServices(io)).toBe(1);
    expect(asked).toEqual(['db.local:6543', '127.0.0.1:6379']);
    expect(lines).toEqual([
      expect.stringMatching(/^pacs-desk tests: Redis is not answering on 127\.0\.0\.1:6379: .*redis-server/),
    ]);
    expect(await ensureServices({ ...io, reachable: async () => true })).toBe(0);
    expect(
      await ensureServices({ ...io, env: { PACS_DESK_SKIP_SYSTEM_DEPS: '1' }, reachable: async () => false }),
    ).toBe(0);
  });

  it('is the pretest step of npm test, and passes silently on this machine', () => {
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.pretest).toBe('node scripts/system-deps.mjs');
    const result = spawnSync(process.execPath, [join(packageRoot, 'scripts/system-deps.mjs')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
