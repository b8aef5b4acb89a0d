import { z } from 'zod';
import { aeTitlePattern } from '../config/fields.js';
import type { SiteConfig } from './types.js';

/** The PACS_CONFIG sites file (a file, not the environment: the env settings come from src/config/pacs.ts). */

/** Site ids and aliases: what people type in Slack (`/pacs echo ct3`). */
const idPattern = /^[a-z0-9-]{1,32}$/;

const aet = z.string().trim().regex(aeTitlePattern, 'is not an AE title (1–16 characters, no backslash)');
const url = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: 'is not an http(s) URL' }))
  .refine(
    (u) => !URL.canParse(u) || !new URL(u).username,
    'must not carry credentials (use auth.user/auth.passwordEnv)',
  )
  .transform((u) => u.replace(/\/+$/, ''));
const id = z.string().trim().regex(idPattern, 'must be lower-case letters, digits and dashes (1–32)');
const port = z.coerce.number().int().min(1).max(65535);

/** Secrets may sit in the file or, better, in a variable the file names (`passwordEnv: PACS_MAIN_PASSWORD`). */
const auth = z.union([
  z.strictObject({ user: z.string().min(1), password: z.string().min(1) }),
  z.strictObject({ user: z.string().min(1), passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/) }),
  z.strictObject({ bearerToken: z.string().min(1) }),
  z.strictObject({ bearerTokenEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/) }),
]);

const alias = z
  .strictObject({
    alias: id,
    description: z.string().optional(),
    via: z.enum(['pacs', 'direct']).default('pacs'),
    pacsName: z.string().trim().min(1).max(64).optional(),
    host: z.string().trim().min(1).max(253).optional(),
    port: port.optional(),
    aet: aet.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.via === 'direct' && (!a.host || !a.port || !a.aet)) {
      ctx.addIssue({ code: 'custom', message: 'a direct alias needs host, port and aet' });
    }
    if (a.via === 'pacs' && (a.host || a.port)) {
      ctx.addIssue({ code: 'custom', message: 'a pacs alias takes pacsName, not host/port (use via: direct)' });
    }
  });

export const siteSchema = z.strictObject({
  id,
  name: z.string().trim().min(1).optional(),
  kind: z.enum(['orthanc', 'dcm4chee', 'dicomweb']),
  restUrl: url.optional(),
  dicomwebUrl: url.optional(),
  auth: auth.optional(),
  dimse: z
    .strictObject({ host: z.string().trim().min(1), port, calledAet: aet, callingAet: aet.optional() })
    .optional(),
  /** The Modality Worklist SCP; our calling AE title is PACS_CALLING_AET. */
  worklist: z.strictObject({ aet, host: z.string().trim().min(1).max(253), port }).optional(),
  /** The archive's own AE title: the destination when a prior is fetched into this site. */
  aet: aet.optional(),
  aliases: z.array(alias).default([]),
});
export type SiteInput = z.infer<typeof siteSchema>;

export const pacsFileSchema = z.strictObject({ sites: z.array(siteSchema).min(1) });

/** `sites[0].restUrl`-style path of a zod issue. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

const fileFixes: Record<string, string> = {
  id: 'use lower-case letters, digits and dashes, e.g. main',
  alias: 'use lower-case letters, digits and dashes, e.g. ct3',
  kind: 'use orthanc, dcm4chee or dicomweb',
  restUrl: 'use the archive base URL, e.g. http://127.0.0.1:8042 or https://arc:8443/dcm4chee-arc',
  dicomwebUrl: 'use the QIDO-RS base, e.g. https://arc:8443/dcm4chee-arc/aets/DCM4CHEE/rs',
  auth: 'give user + password (or passwordEnv), or bearerToken (or bearerTokenEnv)',
  password: 'set PACS_PASSWORD (with PACS_USER) to the archive account password',
  aet: 'use the AE title, 1–16 characters',
  port: 'use the DICOM port, 1–65535',
  host: 'use the host name or IP address it listens on',
  worklist: 'give the worklist SCP as worklist: { aet: RISWL, host: ris.example, port: 104 }',
  sites: 'list at least one site: sites: [{ id: main, kind: orthanc, restUrl: … }]',
};

/** How to fix the field a zod issue points at (its last named path segment). */
export function fixFor(path: readonly PropertyKey[]): string {
  const field = String([...path].reverse().find((p) => typeof p === 'string') ?? '');
  return fileFixes[field] ?? 'see the PACS section of the README';
}

/** Site ids and aliases are typed without a site, so each must be unique across the file. */
export function checkUnique(sites: SiteConfig[], problems: string[], label: string): void {
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
