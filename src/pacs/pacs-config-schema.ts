import { z } from 'zod';

/** Site ids and aliases: what people type in Slack (`/pacs echo ct3`). */
export const idPattern = /^[a-z0-9-]{1,32}$/;
/** AE titles: up to 16 printable characters, no backslash (the DICOM multi-value separator). */
const aetPattern = /^[\x20-\x5b\x5d-\x7e]{1,16}$/;

const aet = z.string().trim().regex(aetPattern, 'is not an AE title (1–16 characters, no backslash)');
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
  aliases: z.array(alias).default([]),
});
export type SiteInput = z.infer<typeof siteSchema>;

export const pacsFileSchema = z.strictObject({ sites: z.array(siteSchema).min(1) });

/** `sites[0].restUrl`-style path of a zod issue. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}
