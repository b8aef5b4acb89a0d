import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import {
  type PacsEnv,
  type PacsSettings,
  singleSiteInput,
  siteEnvKey,
  toPacsSettings,
  worklistEnvProblems,
} from '../config/pacs.js';
import { checkUnique, fixFor, issuePath, pacsFileSchema, type SiteInput, siteSchema } from './pacs-config-schema.js';
import type { PacsKind, SiteConfig } from './types.js';

export interface PacsConfig {
  /** Empty when no PACS is configured (the PACS commands then say so). */
  sites: SiteConfig[];
  settings: PacsSettings;
}

/** Where the sites come from besides the parsed environment. */
export interface PacsSources {
  /** The value of a variable a sites file names for a secret (`passwordEnv`, `bearerTokenEnv`). */
  secret: (name: string) => string | undefined;
  readFile?: (path: string, encoding: 'utf8') => string;
}

/**
 * The PACS sites (the PACS_CONFIG file, or the single-archive PACS_KIND/PACS_URL form) and settings, from the
 * parsed environment; appends each problem, with its fix, to `problems`.
 * @example readPacsConfig(env, problems, { secret }).sites[0].dicomwebUrl // with PACS_KIND=orthanc and
 * // PACS_URL=http://127.0.0.1:8042: 'http://127.0.0.1:8042/dicom-web'
 */
export function readPacsConfig(e: PacsEnv, problems: string[], sources: PacsSources): PacsConfig {
  const settings = toPacsSettings(e);
  const { readFile = readFileSync } = sources;
  let inputs: unknown[] = [];
  if (e.PACS_CONFIG && e.PACS_URL) {
    problems.push(
      'PACS_URL: set together with PACS_CONFIG — fix: describe every site in the PACS_CONFIG file, or unset it',
    );
  }
  problems.push(...worklistEnvProblems(e));
  if (e.PACS_CONFIG) {
    const path = e.PACS_CONFIG;
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
  } else if (e.PACS_URL || e.PACS_KIND || e.DICOMWEB_URL) {
    inputs = [singleSiteInput(e)];
  }
  const sites: SiteConfig[] = [];
  const label = e.PACS_CONFIG ? 'PACS_CONFIG' : 'PACS_URL';
  inputs.forEach((input, index) => {
    const parsed = siteSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = siteEnvKey(String(issue.path[0] ?? ''));
        problems.push(`${key}: ${issue.message} — fix: ${fixFor(issue.path)}`);
      }
      return;
    }
    // File form: "PACS_CONFIG: sites[1].restUrl: …"; env form: "PACS_URL: …" (the variable to fix).
    const report = (p: string) =>
      problems.push(
        label === 'PACS_CONFIG'
          ? `${label}: sites[${index}].${p}`
          : `${siteEnvKey(p.split(/[.:]/)[0] ?? '')}: ${p.slice(p.indexOf(':') + 2)}`,
      );
    const site = toSite(parsed.data, sources.secret, settings, report);
    if (site) sites.push(site);
  });
  checkUnique(sites, problems, label);
  return { sites, settings };
}

function toSite(
  input: SiteInput,
  secret: PacsSources['secret'],
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
    const value = secret(name)?.trim();
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
    worklist: input.worklist ? { ...input.worklist, callingAet: settings.callingAet } : undefined,
    aet: input.aet ?? input.dimse?.calledAet,
    aliases: input.aliases.map((x) => ({ ...x })),
  };
}
