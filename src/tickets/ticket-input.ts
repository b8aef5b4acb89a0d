import { z } from 'zod';
import { TicketCategory, Urgency } from './types.js';

export const ticketLimits = { summaryMin: 5, summaryMax: 150, descriptionMax: 3000, siteMax: 60 } as const;

/** Accession numbers: letters, digits and dashes only, so nothing can be smuggled into a PACS query. */
export const defaultAccessionPattern = /^[A-Za-z0-9-]{1,16}$/;

export const categoryLabels: Record<TicketCategory, string> = {
  missing_study: 'Missing or unavailable study',
  images_not_displaying: 'Images not displaying',
  patient_mismatch: 'Unidentified or mismatched patient',
  merge_split: 'Merge or split request',
  prior_import: 'Prior or outside exam import',
  worklist_modality: 'Worklist or modality',
  viewer_access: 'Viewer or access',
  hardware: 'Hardware',
  other: 'Other',
};

export const urgencyLabels: Record<Urgency, string> = {
  stat: 'STAT: patient care is blocked now',
  urgent: 'Urgent: needed today',
  routine: 'Routine',
};

/** Field names match the modal's block ids, so errors land on the right field. */
export const ticketInputSchema = z.object({
  summary: z
    .string()
    .trim()
    .min(ticketLimits.summaryMin, `Write at least ${ticketLimits.summaryMin} characters.`)
    .max(ticketLimits.summaryMax, `Keep it under ${ticketLimits.summaryMax} characters.`),
  description: z
    .string()
    .trim()
    .max(ticketLimits.descriptionMax, `Keep it under ${ticketLimits.descriptionMax} characters.`),
  category: z.enum(Object.values(TicketCategory) as [TicketCategory, ...TicketCategory[]], {
    message: 'Choose a category.',
  }),
  urgency: z.enum(Object.values(Urgency) as [Urgency, ...Urgency[]], { message: 'Choose how urgent it is.' }),
  site: z.string().trim().max(ticketLimits.siteMax, `Keep it under ${ticketLimits.siteMax} characters.`).optional(),
  accession: z
    .string()
    .trim()
    .normalize('NFKC')
    .regex(defaultAccessionPattern, 'Use letters, digits and dashes only (up to 16), e.g. CT24-0012345.')
    .optional(),
});

export type TicketInput = z.infer<typeof ticketInputSchema>;

/** Validates raw field values; returns the input or one message per field. */
export function validateTicketInput(
  raw: Record<string, string | undefined>,
): { ok: true; input: TicketInput } | { ok: false; errors: Record<string, string> } {
  const cleaned = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v?.trim() ? v : undefined]));
  const parsed = ticketInputSchema.safeParse({ ...cleaned, description: cleaned.description ?? '' });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'summary');
    errors[field] ??= field === 'summary' && issue.code === 'invalid_type' ? 'Write a short summary.' : issue.message;
  }
  return { ok: false, errors };
}
