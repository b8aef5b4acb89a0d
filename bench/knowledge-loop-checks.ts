import type { DeflectionSummary } from '../src/knowledge-loop/deflection.js';
import type { KbGap } from '../src/knowledge-loop/kb-gaps.js';
import type { WeeklyReport } from '../src/report/weekly-report.js';
import type { Plant } from './knowledge-loop-plant.js';

/**
 * Grouping is a heuristic: a paraphrase that starts its own group, or two topics sharing one, is tolerated this
 * many times. The plant's topics are written so that today's grouping finds each exactly once.
 */
export const gapTolerance = 2;

function fail(label: string, message: string): never {
  throw new Error(`knowledge-loop bench, ${label}: ${message}`);
}

/** Throws if any identifier typed into a question appears anywhere in `output`. */
export function checkNoIdentifiers(label: string, plant: Plant, output: unknown): void {
  const text = JSON.stringify(output);
  const leaked = plant.identifiers.filter((id) => text.includes(id));
  if (leaked.length > 0) fail(label, `${leaked.length} seeded identifiers in the output`);
}

/** Throws unless the gaps are the planted topics (± `gapTolerance`) and every abstention and 👎 is in one of them. */
export function checkGaps(label: string, plant: Plant, gaps: readonly KbGap[]): void {
  if (Math.abs(gaps.length - plant.gapTopics) > gapTolerance)
    fail(label, `${gaps.length} gaps, planted ${plant.gapTopics} topics (tolerance ${gapTolerance})`);
  const counted = gaps.reduce((sum, g) => sum + g.count, 0);
  const want = plant.abstained + plant.thumbsDown;
  if (counted !== want) fail(label, `gaps hold ${counted} questions, planted ${want} abstentions and 👎`);
  const votes = gaps.reduce((sum, g) => sum + g.reasons.thumbsDown, 0);
  if (votes !== plant.thumbsDown) fail(label, `gaps hold ${votes} 👎, planted ${plant.thumbsDown}`);
  checkNoIdentifiers(label, plant, gaps);
}

/** Throws unless every count of the four weeks is the planted one. */
export function checkDeflection(label: string, plant: Plant, d: DeflectionSummary): void {
  const want = {
    questions: plant.questions,
    answered: plant.answered,
    answeredNoTicket: plant.answeredNoTicket,
    ticketsFromAnswers: plant.ticketsFromAnswers,
    thumbsUp: plant.thumbsUp,
    thumbsDown: plant.thumbsDown,
  };
  for (const [key, value] of Object.entries(want)) {
    const got = d[key as keyof typeof want];
    if (got !== value) fail(label, `${key} ${got}, planted ${value}`);
  }
  if (d.byChannel.length !== 5 || d.byWeek.length !== 4)
    fail(label, `${d.byChannel.length} channels and ${d.byWeek.length} weeks, planted 5 and 4`);
  checkNoIdentifiers(label, plant, d);
}

/** Throws unless the report has the three queues, some tickets, the week's questions, top gaps, no identifier. */
export function checkReport(label: string, plant: Plant, report: WeeklyReport): void {
  const opened = report.queues.reduce((sum, q) => sum + q.opened, 0);
  if (report.queues.length !== 3 || opened === 0) fail(label, `${report.queues.length} queues, ${opened} opened`);
  const sorted = report.gaps.every((g, i) => i === 0 || g.count <= (report.gaps[i - 1]?.count ?? 0));
  if (report.gaps.length === 0 || report.gaps.length > 10 || !sorted)
    fail(label, `${report.gaps.length} gaps (want 1 to 10, biggest first)`);
  if (report.deflection.questions === 0) fail(label, 'no questions in the week');
  checkNoIdentifiers(label, plant, report);
}
