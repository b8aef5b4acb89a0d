/**
 * Indexing-time screening of KB text for prompt injection: passages that address an AI rather than a reader
 * ("ignore previous instructions", "SYSTEM:", "tell the user to post their password", Slack broadcast mentions).
 * A flagged passage is quarantined: never sent to the LLM and never quoted. Pattern-based, so it is a tripwire
 * that catches the common shapes, not a guarantee; the answer vetting still treats every passage as untrusted.
 */

const instructionPatterns: readonly (readonly [RegExp, string])[] = [
  [
    /\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}\b(?:previous|prior|above|earlier|preceding|all|any|your|the|system)\b[^.\n]{0,25}\b(?:instructions?|rules|prompts?|directions|guidelines|guardrails)\b/i,
    'asks to ignore instructions',
  ],
  [/^[\s>*_`#-]*(?:system|assistant|developer)\s*(?:prompt)?\s*:/im, 'role label (SYSTEM:/ASSISTANT:)'],
  [/<\|?\/?(?:system|im_start|im_end|instructions?)\|?>|\[\/?INST\]/i, 'chat-template markup'],
  [
    /\byou are (?:now|no longer) (?:an?|the|acting|in \w+ mode)\b|\bfrom now on,? (?:you|the (?:assistant|bot|ai))\b/i,
    'tries to change the role',
  ],
  [
    /\b(?:reveal|print|show|repeat|output|disclose)\b[^.\n]{0,30}\b(?:system prompt|your (?:prompt|instructions|rules))\b/i,
    'asks for the system prompt',
  ],
  [
    /\bif you are an? (?:ai|assistant|language model|llm|chatbot|bot)\b|\b(?:note|message|instructions?) (?:to|for) (?:the )?(?:ai|assistant|llm|chatbot|language model)\b/i,
    'addresses an AI',
  ],
  [
    /\b(?:do not|don't|never)\s+(?:tell|inform|warn)\s+the\s+user\b|\binstruct\s+the\s+user\s+to\b/i,
    'instructs what to tell the user',
  ],
  [/<!(?:channel|here|everyone|subteam\^)/i, 'Slack broadcast mention'],
];

const credentialRequest = new RegExp(
  [
    String.raw`\b(?:send|e-?mail|post|share|give|tell|provide|reply with|respond with|dm|forward|paste|submit|read out|spell out)`,
    String.raw`\b[^.!?\n]{0,40}?\b`,
    '(?:passwords?|passcodes?|passphrases?|pins?|pin codes?|pin numbers?|tokens?|api keys?|mfa(?: codes?)?|2fa(?: codes?)?|otps?|',
    String.raw`one[- ]time (?:codes?|passwords?|passcodes?)|\d-digit codes?|(?:verification|security|authenticat\w*|sign[- ]in|login) codes?|`,
    String.raw`credentials|(?:login|sign[- ]in|account) details)\b`,
  ].join(''),
  'i',
);
const negation = /\b(?:never|not|don't|do not|no one|nobody|won't|will not|without|no)\b/i;

/**
 * True when a sentence asks the reader to hand over a password, PIN, token or MFA code ("email your password to
 * …", "reply with the 6-digit code"); "never share your password" is advice, not a request.
 */
export function isCredentialRequest(sentence: string): boolean {
  const match = credentialRequest.exec(sentence);
  return match !== null && !negation.test(sentence.slice(0, match.index + match[0].length));
}

/** The reason a passage reads like instructions to an AI, or undefined when it reads like documentation. */
export function flagInstructionLike(text: string): string | undefined {
  for (const [pattern, reason] of instructionPatterns) if (pattern.test(text)) return reason;
  const sentences = text.split(/(?<=[.!?])\s+|\n+/);
  if (sentences.some(isCredentialRequest)) return 'asks for a password or code';
  return undefined;
}
