import { z } from 'zod';

/**
 * The field builders every area schema uses, each defined once. An environment variable is a string or unset;
 * each builder turns it into the typed value the Config holds, or one zod issue whose message says what is wrong
 * (the fix is added by config.ts from the area's fixes).
 */

/** How to fix each variable of an area, shown after its problem. */
export type Fixes<Env> = Partial<Record<keyof Env, string>>;

/** AE titles: up to 16 printable characters, no backslash (the DICOM multi-value separator). */
export const aeTitlePattern = /^[\x20-\x5b\x5d-\x7e]{1,16}$/;

/** Trimmed text; blank counts as unset. */
export const text = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/** Trimmed text that must match `pattern` when set. */
export const matching = (pattern: RegExp, message?: string) => text.pipe(z.string().regex(pattern, message).optional());

/** true/false, 1/0, yes/no (any case); blank or unset: `fallback`. */
export const bool = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim().toLowerCase())
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).optional())
    .transform((v) => (v === undefined || v === '' ? fallback : v === 'true' || v === '1' || v === 'yes'));

/**
 * A whole number from `min` to `max`; blank or unset: `fallback`. `describe` words the problem in the area's
 * terms (it gets the trimmed text as written); without it the message is zod's own for numbers.
 */
export const int = (fallback: number, min: number, max: number, describe?: (raw: string) => string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const written = raw?.trim();
      if (!written) return fallback;
      const n = Number(written);
      const problem = Number.isNaN(n)
        ? 'Invalid input: expected number, received NaN'
        : !Number.isInteger(n)
          ? 'Invalid input: expected int, received number'
          : n < min
            ? `Too small: expected number to be >=${min}`
            : n > max
              ? `Too big: expected number to be <=${max}`
              : undefined;
      if (problem === undefined) return n;
      ctx.addIssue({ code: 'custom', input: raw, message: describe ? describe(written) : problem });
      return z.NEVER;
    });

/** An http(s) URL, trimmed; blank or unset: undefined. */
export const httpUrl = text.pipe(z.url({ protocol: /^https?$/ }).optional());

/**
 * A comma-separated list, each item trimmed (`normalise` may change case), blanks dropped; blank or unset:
 * the list in `fallback` (none when omitted).
 */
export const list = (options: { item?: z.ZodString; normalise?: (s: string) => string; fallback?: string } = {}) => {
  const { item = z.string(), normalise = (s: string) => s, fallback = '' } = options;
  return z
    .string()
    .optional()
    .transform((v) =>
      (v?.trim() ? v : fallback)
        .split(',')
        .map((s) => normalise(s.trim()))
        .filter(Boolean),
    )
    .pipe(z.array(item));
};

/** A comma-separated list of Slack ids, each matching `id` (e.g. users U…/W…, workspaces T…/E…). */
export const idList = (id: RegExp) => list({ item: z.string().regex(id) });

export const slackUserIds = idList(/^[UW][A-Z0-9]{2,}$/);
/** A channel id (C… or G…), not a #name. */
export const channelId = matching(/^[CG][A-Z0-9]{2,}$/);
/** A user group id (S…), not an @handle. */
export const userGroupId = matching(/^S[A-Z0-9]{2,}$/);

/** A JavaScript regular expression (`fallback` when blank or unset). */
export const regex = (fallback: string, flags = '') =>
  text.transform((source, ctx) => {
    try {
      return new RegExp(source ?? fallback, flags);
    } catch {
      ctx.addIssue({ code: 'custom', input: source, message: 'not a valid regular expression' });
      return z.NEVER;
    }
  });

/** Our AE title (`fallback` when blank or unset). */
export const aeTitle = (fallback: string) =>
  text.transform((v) => v ?? fallback).pipe(z.string().regex(aeTitlePattern, 'not an AE title'));
