import type { GuideStep, TroubleshootingGuide } from '../../answers/types.js';

/**
 * A guide's path, numbered from 1: step 1 is the section the answer led with, steps 2..total are the
 * page's remaining action sections in page order.
 */
export function guideTotal(guide: TroubleshootingGuide): number {
  return 1 + guide.remaining.length;
}

/** The section posted as step `n` (2..total); undefined for step 1 (it is the answer) or out of range. */
export function guideStep(guide: TroubleshootingGuide, n: number): GuideStep | undefined {
  return Number.isInteger(n) && n >= 2 ? guide.remaining[n - 2] : undefined;
}

/** Headings of steps 1..n, in order: what the person has already tried. */
export function stepsTried(guide: TroubleshootingGuide, n: number): string[] {
  const upTo = Math.max(1, Math.min(n, guideTotal(guide)));
  return [guide.shown, ...guide.remaining.slice(0, upTo - 1).map((s) => s.heading)];
}

/** Heading and citation of step n (1..total), for the resolution record. */
export function stepLabel(guide: TroubleshootingGuide, n: number): { heading: string; cite: string } {
  const step = guideStep(guide, n);
  if (step) return { heading: step.heading, cite: `${step.source}#${step.anchor}` };
  return { heading: guide.shown, cite: guide.source };
}

/** Button values carry only the answer id and a step number; the guide itself stays server-side. */
export function guideValue(answerId: string, n: number): string {
  return `${answerId}:${n}`;
}

const valuePattern = /^([0-9a-f-]{36}):(\d{1,3})$/;

/** Parses a button value; undefined for anything that is not an answer id and a step number (forged, old). */
export function parseGuideValue(value: string | undefined): { answerId: string; n: number } | undefined {
  const m = valuePattern.exec(value ?? '');
  if (!m?.[1] || !m[2]) return undefined;
  return { answerId: m[1], n: Number(m[2]) };
}
