import { isActionRole, roleOf } from '../kb/chunk/section-role.js';
import { type KbChunk, SectionRole } from '../kb/types.js';
import { QuestionIntent } from './lead-intent.js';
import { isIntro } from './matched-line.js';

/**
 * Where a problem's way out can be: the page's action sections. A how-to or a bare request that matched a page's
 * introduction can also be answered by a section that only describes the feature (manuals often do), but never by a
 * symptom list, a cause or the introduction itself.
 */
export function leadCandidates(chunks: readonly KbChunk[], intent: QuestionIntent, fromIntro: boolean): KbChunk[] {
  const howTo = intent === QuestionIntent.HowTo || intent === QuestionIntent.Other;
  if (!howTo || !fromIntro) return actionSections(chunks, intent);
  const seen = new Set<string>();
  return chunks.filter((chunk) => {
    if (seen.has(chunk.anchor)) return false;
    seen.add(chunk.anchor);
    const role = roleOf(chunk);
    return isActionRole(role) || (role === SectionRole.Overview && !isIntro(chunk));
  });
}

/** The page's action sections, one chunk per section (its first part), in page order. */
export function actionSections(chunks: readonly KbChunk[], intent?: QuestionIntent): KbChunk[] {
  const seen = new Set<string>();
  return chunks.filter((chunk) => {
    if (seen.has(chunk.anchor)) return false;
    seen.add(chunk.anchor);
    const role = roleOf(chunk);
    return intent === QuestionIntent.Contact ? role === SectionRole.Contact : isActionRole(role);
  });
}
