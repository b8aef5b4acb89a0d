#!/usr/bin/env node
// Pre-test step (`npm test` and `npm run check` run it as `pretest`): the integration tests start a real
// Orthanc (+ DICOMweb plugin), dcmtk's storescp and Chromium. This checks for them, installs the missing
// Debian packages when it can (root with apt-get), and otherwise stops with the one command that does.
// It also checks that PostgreSQL and Redis answer on loopback (services: it only says how to start them).
// Plain ESM JavaScript on purpose: it must run before anything is built and take well under a second.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the tests need: one Debian package per entry, present when any of its paths exists. */
export const REQUIREMENTS = [
  { pkg: 'orthanc', paths: ['/usr/sbin/Orthanc'], why: 'a real PACS for the PACS tests' },
  {
    pkg: 'orthanc-dicomweb',
    paths: ['/usr/share/orthanc/plugins/libOrthancDicomWeb.so'],
    why: "Orthanc's DICOMweb (QIDO-RS) plugin",
  },
  {
    pkg: 'dcmtk',
    paths: ['/usr/bin/storescp', '/usr/bin/echoscu', '/usr/bin/wlmscpfs', '/usr/bin/dump2dcm', '/usr/bin/findscu'],
    all: true,
    why: 'DIMSE peers (storescp, the wlmscpfs worklist SCP)',
  },
  { pkg: 'chromium', paths: ['/usr/bin/chromium'], why: 'the browser test of the local workspace' },
  {
    pkg: 'fonts-noto-color-emoji',
    paths: ['/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf'],
    why: 'legible browser screenshots',
  },
];

export const SKIP_VARIABLE = 'PACS_DESK_SKIP_SYSTEM_DEPS';

/** The Debian packages whose files are missing, in REQUIREMENTS order. */
export function missingPackages(exists, requirements = REQUIREMENTS) {
  return requirements
    .filter((r) => (r.all ? !r.paths.every((p) => exists(p)) : !r.paths.some((p) => exists(p))))
    .map((r) => r.pkg);
}

/** The one line a person pastes to install `packages` (sudo unless already root). */
export function installCommand(packages, root = false) {
  const sudo = root ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/**
 * Checks and, when possible, installs. Everything with a side effect is injected so tests can drive it:
 * `exists(path)`, `which(command)` (a path or undefined), `isRoot()`, `run(command, args, env)` (exit code),
 * `log(line)`. Returns the exit code for the pretest step (0 = go on).
 */
export function ensureSystemDeps(io) {
  if (io.env[SKIP_VARIABLE] === '1') return 0;
  const missing = missingPackages(io.exists);
  if (missing.length === 0) return 0;
  const fail = (reason) => {
    io.log(
      `pacs-desk tests: missing Debian packages: ${missing.join(', ')} (${reason}).\n` +
        `Install them with:\n\n  ${installCommand(missing, io.isRoot())}\n\n` +
        `or set ${SKIP_VARIABLE}=1 to run without them (the Orthanc, DIMSE and browser tests then fail).`,
    );
    return 1;
  };
  if (io.platform !== 'linux' || !io.which('apt-get')) return fail('no apt-get on this machine');
  if (!io.isRoot()) return fail('installing needs root');
  io.log(`pacs-desk tests: installing missing Debian packages: ${missing.join(' ')}`);
  const env = { ...io.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (io.run('apt-get', ['update', '-qq'], env) !== 0) return fail('apt-get update failed');
  const args = ['install', '-y', '-qq', '--no-install-recommends', ...missing];
  if (io.run('apt-get', args, env) !== 0) return fail('apt-get install failed');
  const still = missingPackages(io.exists);
  if (still.length > 0) return fail(`still missing after apt-get install: ${still.join(', ')}`);
  return 0;
}

/** Servers the store tests use; they are services, not packages, so this only says how to get them. */
export function requiredServices(env) {
  let pg = { host: '127.0.0.1', port: 5432 };
  try {
    if (env.TEST_DATABASE_URL) {
      const u = new URL(env.TEST_DATABASE_URL);
      pg = { host: u.hostname || '127.0.0.1', port: Number(u.port || 5432) };
    }
  } catch {
    // a malformed TEST_DATABASE_URL fails in the tests themselves, with the URL's own error
  }
  return [
    {
      name: 'PostgreSQL',
      ...pg,
      fix:
        'start it (Debian: apt-get install postgresql; pg_ctlcluster <version> main start), with a database `test` ' +
        'that trusts local connections, or set TEST_DATABASE_URL',
    },
    { name: 'Redis', host: '127.0.0.1', port: 6379, fix: 'start it (Debian: apt-get install redis-server)' },
  ];
}

/** Checks that each service accepts a TCP connection; `reachable(host, port)` is injected. Resolves to an exit code. */
export async function ensureServices(io) {
  if (io.env[SKIP_VARIABLE] === '1') return 0;
  const down = [];
  for (const s of requiredServices(io.env)) if (!(await io.reachable(s.host, s.port))) down.push(s);
  for (const s of down) io.log(`pacs-desk tests: ${s.name} is not answering on ${s.host}:${s.port}: ${s.fix}.`);
  return down.length > 0 ? 1 : 0;
}

function tcpReachable(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** `which` without spawning a process: the first executable `command` on PATH. */
function whichOnPath(command, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export const processIo = {
  env: process.env,
  platform: process.platform,
  exists: (path) => existsSync(path),
  which: (command) => whichOnPath(command),
  isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
  run: (command, args, env) => spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1,
  log: (line) => console.error(line),
  reachable: (host, port) => tcpReachable(host, port),
};

function isMain() {
  try {
    return Boolean(process.argv[1]) && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isMain()) process.exitCode = ensureSystemDeps(processIo) || (await ensureServices(processIo));
