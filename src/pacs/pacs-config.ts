import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { idPattern, issuePath, pacsFileSchema, type SiteInput, siteSchema } from './pacs-config-schema.js';
import { type PacsSettings, readPacsSettings } from './pacs-settings.js';
import type { PacsKind, SiteConfig } from './types.js';

export type { PacsSettings } from './pacs-settings.js';
export { pacsDefaults } from './pacs-settings.js';

export interface PacsConfig {
  /** Empty when no PACS is configured (the PACS commands then say so). */
  sites: SiteConfig[];
  settings: PacsSettings;
}

type ReadFile = (path: string, encoding: 'utf8') => string;

/**
 * Reads the PACS sites (PACS_CONFIG file, or the single-archive PACS_KIND/PACS_URL form) and settings from
 * `env`; appends each problem, with its fix, to `problems` (like readHelpdeskConfig).
 * @example readPacsConfig({ PACS_KIND: 'orthanc', PACS_URL: 'http://127.0.0.1:8042' }, problems).sites[0].dicomwebUrl
 * // 'http://127.0.0.1:8042/dicom-web'
 */
export function readPacsConfig(
  env: NodeJS.ProcessEnv,
  problems: string[],
  readFile: ReadFile = readFileSync,
): PacsConfig {
  const settings = readPacsSettings(env, problems);
  const v = (name: string) => env[name]?.trim() || undefined;
  let inputs: unknown[] = [];
  if (v('PACS_CONFIG') && v('PACS_URL')) {
    problems.push(
      'PACS_URL: set together with PACS_CONFIG — fix: describe every site in the PACS_CONFIG file, or unset it',
    );
  }
  if (v('PACS_CONFIG')) {
    const path = v('PACS_CONFIG') ?? '';
    let raw: unknown;
    try {
      const text = readFile(path, 'utf8');
      raw = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
    } catch (error) {
      problems.push(
        `PACS_CONFIG: cannot read ${path} (${(error as Error).message.split('\n')[0]}) — fix: point it at a YAML or JSON file with a sites: list`,
      );
      return { sites: [], settings };
    }
    const parsed = pacsFileSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`PACS_CONFIG: ${issuePath(issue.path) || 'file'} ${issue.message} — fix: ${fixFor(issue.path)}`);
      }
      return { sites: [], settings };
    }
    inputs = parsed.data.sites;
  } else if (v('PACS_URL') || v('PACS_KIND') || v('DICOMWEB_URL')) {
    inputs = [singleSite(env)];
  }
  const sites: SiteConfig[] = [];
  const label = v('PACS_CONFIG') ? 'PACS_CONFIG' : 'PACS_URL';
  inputs.forEach((input, index) => {
    const parsed = siteSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = envKeyOf(String(issue.path[0] ?? ''));
        problems.push(`${key}: ${issue.message} — fix: ${fixFor(issue.path)}`);
      }
      return;
    }
    // File form: "PACS_CONFIG: sites[1].restUrl: …"; env form: "PACS_URL: …" (the variable to fix).
    const report = (p: string) =>
      problems.push(
        label === 'PACS_CONFIG'
          ? `${label}: sites[${index}].${p}`
          : `${envKeyOf(p.split(/[.:]/)[0] ?? '')}: ${p.slice(p.indexOf(':') + 2)}`,
      );
    const site = toSite(parsed.data, env, settings, report);
    if (site) sites.push(site);
  });
  checkUnique(sites, problems, label);
  return { sites, settings };
}

function singleSite(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const v = (name: string) => env[name]?.trim() || undefined;
  const aliases = (v('PACS_ECHO_ALIASES') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => {
      const [alias = '', pacsName] = a.split('=').map((s) => s.trim());
      return { alias, via: 'pacs', pacsName: pacsName || alias };
    });
  return {
    id: v('PACS_SITE_ID') ?? 'main',
    name: v('PACS_SITE_NAME'),
    kind: (v('PACS_KIND') ?? 'orthanc').toLowerCase(),
    restUrl: v('PACS_URL'),
    dicomwebUrl: v('DICOMWEB_URL'),
    auth: v('PACS_TOKEN')
      ? { bearerToken: v('PACS_TOKEN') }
      : v('PACS_USER')
        ? { user: v('PACS_USER'), password: v('PACS_PASSWORD') ?? '' }
        : undefined,
    aliases,
  };
}

const envKeys: Record<string, string> = {
  id: 'PACS_SITE_ID',
  name: 'PACS_SITE_NAME',
  kind: 'PACS_KIND',
  restUrl: 'PACS_URL',
  dicomwebUrl: 'DICOMWEB_URL',
  auth: 'PACS_PASSWORD',
  aliases: 'PACS_ECHO_ALIASES',
};
const envKeyOf = (field: string) => envKeys[field] ?? 'PACS_URL';

function fixFor(path: readonly PropertyKey[]): string {
  const field = String([...path].reverse().find((p) => typeof p === 'string') ?? '');
  const fixes: Record<string, string> = {
    id: 'use lower-case letters, digits and dashes, e.g. main',
    alias: 'use lower-case letters, digits and dashes, e.g. ct3',
    kind: 'use orthanc, dcm4chee or dicomweb',
    restUrl: 'use the archive base URL, e.g. http://127.0.0.1:8042 or https://arc:8443/dcm4chee-arc',
    dicomwebUrl: 'use the QIDO-RS base, e.g. https://arc:8443/dcm4chee-arc/aets/DCM4CHEE/rs',
    auth: 'give user + password (or passwordEnv), or bearerToken (or bearerTokenEnv)',
    password: 'set PACS_PASSWORD (with PACS_USER) to the archive account password',
    aet: 'use the AE title, 1–16 characters',
    port: 'use the DICOM port, 1–65535',
    sites: 'list at least one site: sites: [{ id: main, kind: orthanc, restUrl: … }]',
  };
  return fixes[field] ?? 'see the PACS section of the README';
}

function toSite(
  input: SiteInput,
  env: NodeJS.ProcessEnv,
  settings: PacsSettings,
  problem: (text: string) => void,
): SiteConfig | undefined {
  const before = { count: 0 };
  const fail = (text: string) => {
    before.count++;
    problem(text);
  };
  let auth: SiteConfig['auth'];
  const a = input.auth;
  const fromEnv = (name: string, field: string) => {
    const value = env[name]?.trim();
    if (!value) fail(`auth.${field}: ${name} is not set — fix: set ${name} in the environment`);
    return value ?? '';
  };
  if (a && 'password' in a) auth = { user: a.user, password: a.password };
  else if (a && 'passwordEnv' in a) auth = { user: a.user, password: fromEnv(a.passwordEnv, 'passwordEnv') };
  else if (a && 'bearerToken' in a) auth = { bearerToken: a.bearerToken };
  else if (a && 'bearerTokenEnv' in a) auth = { bearerToken: fromEnv(a.bearerTokenEnv, 'bearerTokenEnv') };
  let { restUrl, dicomwebUrl } = input;
  if (input.kind !== 'dicomweb' && !restUrl) {
    fail(
      `restUrl: required for kind ${input.kind} — fix: set it (PACS_URL in the single-archive form) to the archive base URL`,
    );
  }
  // Orthanc's DICOMweb plugin defaults to /dicom-web/; dcm4chee's default archive AE is DCM4CHEE.
  if (input.kind === 'orthanc' && restUrl) dicomwebUrl ??= `${restUrl}/dicom-web`;
  if (input.kind === 'dcm4chee' && restUrl) dicomwebUrl ??= `${restUrl}/aets/DCM4CHEE/rs`;
  if (input.kind === 'dicomweb') {
    restUrl = undefined;
    if (!dicomwebUrl && !input.dimse) fail('dicomwebUrl: required (or dimse) — fix: set the QIDO-RS base URL');
  }
  if (before.count > 0) return undefined;
  return {
    id: input.id,
    name: input.name ?? input.id,
    kind: input.kind as PacsKind,
    restUrl,
    dicomwebUrl,
    auth,
    dimse: input.dimse ? { ...input.dimse, callingAet: input.dimse.callingAet ?? settings.callingAet } : undefined,
    aliases: input.aliases.map((x) => ({ ...x })),
  };
}

function checkUnique(sites: SiteConfig[], problems: string[], label: string): void {
  const ids = new Set<string>();
  const aliases = new Map<string, string>();
  for (const site of sites) {
    if (ids.has(site.id))
      problems.push(`${label}: site id "${site.id}" is used twice — fix: give each site its own id`);
    ids.add(site.id);
    for (const { alias } of site.aliases) {
      const other = aliases.get(alias);
      if (other) {
        problems.push(
          `${label}: alias "${alias}" is used by sites ${other} and ${site.id} — fix: aliases are typed without a site, so make them unique`,
        );
      }
      aliases.set(alias, site.id);
    }
  }
}

/** True when `id` is a valid site id or alias (for command parsing). */
export const isPacsId = (id: string) => idPattern.test(id);
