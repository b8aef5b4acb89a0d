import { type KbChunk, SectionRole } from '../types.js';

/** Bump when the rules below change: chunks cached with roles read by older rules must be re-read. */
export const SECTION_ROLE_RULES = 1;

/**
 * Reads what a section is for from its heading and its text, with cues that hold in any KB (help-desk pages,
 * product manuals, FAQs): numbered steps and imperative lines mean steps, phone numbers and "call"/"escalate"
 * mean contact, "X is a …" means definition, "you may see"/"error" lists mean symptoms. Each cue adds weight to a
 * role; the heaviest role wins, and a section with no cue at all is an overview.
 *
 * @example classifySection('Fix it on your PC', '1. Close the viewer.\n2. Log out and back in.') // 'steps'
 */
export function classifySection(heading: string, text: string): SectionRole {
  const scores = new Map<SectionRole, number>();
  const add = (role: SectionRole, weight: number) => scores.set(role, (scores.get(role) ?? 0) + weight);
  const h = heading.toLowerCase();
  // Text before the first heading introduces the page.
  if (h === '') add(SectionRole.Overview, 3);
  for (const [role, pattern] of headingCues) if (pattern.test(h)) add(role, 3);
  // "Restart the router", "Changing the layout": a task named by its verb.
  if (imperativeStart.test(h) || /^[a-z]{3,}ing\b(?! (?:is|are)\b)/.test(h)) add(SectionRole.Steps, 2);
  const body = stripCode(text);
  const lines = body.split('\n').map((l) => l.trim());
  const items = lines.filter((l) => listItem.test(l));
  const numbered = lines.filter((l) => /^\d+[.)]\s/.test(l)).length;
  const imperative = lines.filter((l) => imperativeStart.test(l.replace(listItem, '').replace(/^\*\*|^_/, ''))).length;
  // Prose instructions too: "Large studies stream series by series. Wait a minute, then scroll."
  const imperativeSentences = body
    .split(/(?<=[.!?;])\s+/)
    .slice(1)
    .filter((sentence) => imperativeStart.test(sentence.replace(/^\*\*|^_/, ''))).length;
  if (numbered >= 2) add(SectionRole.Steps, 3);
  if (imperative + imperativeSentences > 0) add(SectionRole.Steps, Math.min(3, 0.5 + imperative + imperativeSentences));
  if (/```|~~~/.test(text) || /^ {4}\S/m.test(text)) add(SectionRole.Steps, 1);
  // A number to call mentioned in passing does not make a section a contact list; several do.
  const contactHits = (body.match(contactCue) ?? []).length;
  if (contactHits > 0) add(SectionRole.Contact, Math.min(2.5, contactHits / 2));
  if (definitionCue.test(firstSentence(body).replace(/[*_`]/g, ''))) add(SectionRole.Definition, 2);
  const symptomItems = items.filter((l) => symptomLine.test(l) && !imperativeStart.test(l.replace(listItem, '')));
  if (symptomItems.length >= 2 && symptomItems.length >= items.length / 2) add(SectionRole.Symptoms, 2);
  if (
    /\byou (?:may|might|will|would) (?:see|notice|get)\b|\b(?:appears?|is shown|shows?) (?:an? )?(?:error|message|warning)/i.test(
      body,
    )
  )
    add(SectionRole.Symptoms, 1);
  // Instructions written as prose ("If you click the layout icon, you can …").
  if (
    /\b(?:you can|you need to|you must|you should|you have to|make sure|click(?:ing)?|drag|right-click)\b/i.test(body)
  )
    add(SectionRole.Steps, 1.5);
  if (/\b(?:because|this happens when|caused by|is due to|the reason)\b/i.test(body)) add(SectionRole.Cause, 1);
  // One weak cue is not enough to leave the default.
  let best: SectionRole = SectionRole.Overview;
  let bestScore = 1;
  for (const [role, score] of scores) {
    if (
      score > bestScore ||
      (score === bestScore && best !== SectionRole.Overview && tieOrder.indexOf(role) < tieOrder.indexOf(best))
    ) {
      best = role;
      bestScore = score;
    }
  }
  return best;
}

/** The chunk's role; caches written before roles existed lack the field, so it is read from the text then. */
export function roleOf(chunk: Pick<KbChunk, 'role' | 'heading' | 'text'>): SectionRole {
  return chunk.role ?? classifySection(chunk.heading, chunk.text);
}

/** The role a heading alone announces ("Symptoms", "Who to call", "Why …"), if any. */
export function headingRole(heading: string): SectionRole | undefined {
  const h = heading.toLowerCase();
  return headingCues.find(([, pattern]) => pattern.test(h))?.[0];
}

/** Roles that tell the reader what to do (the way out of a problem). */
export function isActionRole(role: SectionRole): boolean {
  return role === SectionRole.Steps || role === SectionRole.Contact;
}

// When two roles weigh the same, the more specific wins.
const tieOrder: SectionRole[] = [
  SectionRole.Steps,
  SectionRole.Contact,
  SectionRole.Symptoms,
  SectionRole.Cause,
  SectionRole.Definition,
  SectionRole.Overview,
];

const headingCues: [SectionRole, RegExp][] = [
  [
    SectionRole.Symptoms,
    /\b(?:symptoms?|signs?\b|what you (?:will |may |might )?see|how you (?:will |'ll )?know|error messages?|problem description)/,
  ],
  [SectionRole.Cause, /^why\b|\b(?:causes?|reasons?|root cause|explanation)\b/],
  [
    SectionRole.Contact,
    /\b(?:who (?:to|do i) (?:call|contact|ask)|contacts?|contact details|escalat\w*|support tiers?|getting help|get help|phone|when to (?:open|raise|log|file) a (?:ticket|call|case)|reporting (?:a )?(?:bug|problem|issue))\b/,
  ],
  [
    SectionRole.Definition,
    /^what (?:is|are|does)\b|^what (?:an?|the) .* (?:is|are|means?)$|\b(?:definitions?|glossary|terminology|meaning|what .* means?)\b/,
  ],
  [SectionRole.Overview, /^(?:overview|introduction|about|background|summary|the big picture|preamble|general)\b/],
  [
    SectionRole.Steps,
    /\b(?:how (?:to|do i|can i)|step(?:s| by step)?|fix(?:ing)?|resolv\w*|solution|workaround|do this|first:|check (?:first|the)|troubleshoot\w*|set(?:ting)? ?up|install\w*|configur\w*|usage|recover\w*|reset\w*|request(?:ing)? )\b/,
  ],
];

// Imperative verbs at a line start: a manual's instructions in any domain.
const imperativeStart =
  /^(?:add|allow|ask|avoid|build|call|cancel|change|check|choose|clear|click|close|configure|confirm|connect|contact|copy|create|delete|disable|do|don't|double-click|download|drag|edit|email|enable|enter|ensure|export|find|fill|follow|go|import|include|install|keep|launch|leave|load|log|look|make|mark|move|never|note|open|phone|pick|place|press|pull|push|put|raise|re-?\w+|remove|rename|replace|report|request|restart|right-click|run|save|scroll|search|select|send|set|share|start|stop|switch|tell|test|try|turn|type|uncheck|update|upload|use|verify|wait|write)\b/i;
const listItem = /^(?:[-*+]|\d+[.)])\s+/;
const contactCue =
  /\b(?:x\d{3,5}|ext(?:ension|\.)?\s*\d{3,5}|bleep\s*\d+|phone|call|ring|escalat\w*|on-?call|service ?desk|help ?desk)\b|\(\d{2,5}\)\s*\d{3,}|\b\d{3,5}[ -]\d{3,4}[ -]\d{3,4}\b|#[a-z][\w-]*-help\b/gi;
const definitionCue =
  /^(?:an?|the)?\s*[\w\s"'`()/-]{1,60}?\b(?:is|are) (?:an?|the|one|what|how|a set of)\b|\b(?:refers? to|stands? for|is short for|is defined as|means that)\b/i;
const symptomLine =
  /\b(?:shows?|says|appears?|displays?|stays?|never|does not|doesn't|cannot|can't|won't|fails?|error|blank|missing|empty|slow|frozen|wrong|no longer)\b/i;

function stripCode(text: string): string {
  return text.replace(/```[\s\S]*?(?:```|$)/g, '').replace(/`[^`\n]*`/g, 'code');
}

function firstSentence(text: string): string {
  const plain = text.replace(/^>.*$/gm, '').trim();
  return (plain.split(/(?<=[.!?])\s/)[0] ?? '').slice(0, 240);
}
