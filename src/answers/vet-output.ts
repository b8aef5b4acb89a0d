import { isCredentialRequest } from '../kb/index.js';
import { emailPattern, type LinkPolicy } from './link-policy.js';

/**
 * Vets what an answer says before anyone sees it, whether the model wrote it or a passage is quoted: the KB and
 * the model are both untrusted. Line by line (with code-fence state), so a streamed answer vetted as its lines
 * arrive reads exactly like the same answer vetted whole.
 * - Slack control sequences (`<!channel>`, `<@U…>`, `<#C…>`, `<!subteam^…>`) are dropped.
 * - Links and e-mail addresses stay only when the link policy allows them; other links keep their label, bare
 *   URLs become inert code text, images become their alt text, addresses are removed.
 * - A sentence asking for a password, PIN, token or MFA code is replaced by a warning.
 * - A sentence claiming the bot did or will do something (open a ticket, requeue a study) is replaced by a note:
 *   the bot has no tools, and actions run only from buttons and commands the user invokes under their own role.
 * - Citations `[n]` to passages that were never sent are dropped.
 */
export interface VetContext {
  policy: LinkPolicy;
  /** Passages numbered [1]..[passageCount] were sent (or quoted); any other number is invented. */
  passageCount: number;
}

export interface VetFindings {
  credentialRequests: number;
  actionClaims: number;
  /** An action claim was about a ticket: the surface may offer its "Open a ticket" button instead. */
  ticketSuggested: boolean;
  links: number;
  emails: number;
  mentions: number;
}

export const CREDENTIAL_NOTICE =
  '_(Removed: this asked for a password or sign-in code. Never share those; the PACS team will never ask for them.)_';
export const ACTION_NOTICE = '_(Removed: PACS Desk cannot take actions itself; use the buttons or a /pacs command.)_';
export const EMAIL_REMOVED = '[e-mail address removed]';

const actionClaim = new RegExp(
  String.raw`\b(?:I(?:'ll| will| have|'ve| am going to|'m going to| can| shall)|let me)\s+(?:now\s+|also\s+|just\s+|quickly\s+|go(?:ne)? ahead and\s+)?` +
    String.raw`(?:re-?)?(?:open(?:ed)?|creat(?:e|ed)|rais(?:e|ed)|log(?:ged)?|fil(?:e|ed)|submit(?:ted)?|queu(?:e|ed)|tr(?:y|ied)|sen[dt]|start(?:ed)?|cancell?(?:ed)?|delet(?:e|ed)|purg(?:e|ed)|r[ua]n|escalat(?:e|ed)|reset|notif(?:y|ied)|pag(?:e|ed)|assign(?:ed)?|push(?:ed)?|unlock(?:ed)?|trigger(?:ed)?|execut(?:e|ed))\b` +
    String.raw`|\b(?:ticket|request|study|studies|job|task|queue|case)\b[^.!?]{0,30}\b(?:has|have) been (?:opened|created|raised|logged|(?:re-?)?queued|(?:re-?)?sent|cancell?ed|deleted|purged|restarted|escalated|submitted)\b`,
  'i',
);
const slackControl = /<[!@#][^>\n]*>/g;
const citation = /\[(\d{1,3})\]/g;
const linkish = new RegExp(
  [
    String.raw`!\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?[^)\n]*\)`, // 1 alt, 2 url: image
    String.raw`\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?[^)\n]*\)`, // 3 label, 4 url: Markdown link
    String.raw`<((?:https?|mailto):[^>|\s]*)(?:\|([^>\n]*))?>`, // 5 url, 6 label: Slack link
    String.raw`(?:\bhttps?:\/\/|\bwww\.)[^\s<>\x60]+`, // bare URL
    String.raw`\bmailto:[^\s<>\x60]+`,
    emailPattern.source,
  ].join('|'),
  'gi',
);

export function emptyFindings(): VetFindings {
  return { credentialRequests: 0, actionClaims: 0, ticketSuggested: false, links: 0, emails: 0, mentions: 0 };
}

/** A vetter keeps the code-fence state across lines; feed it the lines of one answer in order. */
export function createVetter(ctx: VetContext) {
  const findings = emptyFindings();
  let inFence = false;

  function vetSentences(line: string): string {
    return line
      .split(/(?<=[.!?])(?=\s)/)
      .map((sentence) => {
        if (isCredentialRequest(sentence)) {
          findings.credentialRequests++;
          return `${/^\s/.test(sentence) ? ' ' : ''}${CREDENTIAL_NOTICE}`;
        }
        if (actionClaim.test(sentence)) {
          findings.actionClaims++;
          if (/\bticket/i.test(sentence)) findings.ticketSuggested = true;
          return `${/^\s/.test(sentence) ? ' ' : ''}${ACTION_NOTICE}`;
        }
        return sentence;
      })
      .join('');
  }

  function vetUrl(url: string): boolean {
    if (/^mailto:/i.test(url)) return ctx.policy.allowsEmail(url.slice(7).split('?')[0] ?? '');
    return ctx.policy.allowsUrl(/^www\./i.test(url) ? `https://${url}` : url);
  }

  /** Links, addresses and mentions outside code; `label` text is vetted again (it may itself be a URL). */
  function vetLinks(text: string): string {
    return text.replace(linkish, (match, alt, imageUrl, label, linkUrl, slackUrl, slackLabel) => {
      if (imageUrl !== undefined) {
        findings.links++;
        const altText = vetLinks(String(alt ?? '')).trim();
        if (vetUrl(imageUrl)) return `[${altText || 'image'}](${imageUrl})`;
        return altText ? `[image: ${altText}]` : '';
      }
      if (linkUrl !== undefined) {
        if (vetUrl(linkUrl)) return `[${vetLinks(label)}](${linkUrl})`;
        findings.links++;
        return vetLinks(label);
      }
      if (slackUrl !== undefined) {
        const shown = slackLabel ? vetLinks(slackLabel) : undefined;
        if (vetUrl(slackUrl)) return shown ? `[${shown}](${slackUrl})` : slackUrl;
        findings.links++;
        return shown ?? inert(slackUrl);
      }
      if (/^[\w.+-]+@/.test(match)) {
        if (ctx.policy.allowsEmail(match)) return match;
        findings.emails++;
        return EMAIL_REMOVED;
      }
      const url = match.replace(/[.,;:!?)'"]+$/, '');
      const tail = match.slice(url.length);
      if (vetUrl(url)) return match;
      findings.links++;
      return `${/^mailto:/i.test(url) ? EMAIL_REMOVED : inert(url)}${tail}`;
    });
  }

  /** Inside code nothing is a link, but an address is still an address. */
  function vetCode(text: string): string {
    return text.replace(emailPattern, (address) => {
      if (ctx.policy.allowsEmail(address)) return address;
      findings.emails++;
      return EMAIL_REMOVED;
    });
  }

  function line(raw: string): string {
    let text = raw.replace(slackControl, () => {
      findings.mentions++;
      return '';
    });
    const fenceLine = /^\s*(`{3,}|~{3,})/.test(text);
    if (inFence || fenceLine) {
      if (fenceLine) inFence = !inFence;
      return vetCode(text);
    }
    text = vetSentences(text);
    text = text.replace(citation, (m, n: string) => (Number(n) >= 1 && Number(n) <= ctx.passageCount ? m : ''));
    // Odd segments are inline code spans.
    return text
      .split(/(`[^`\n]*`)/)
      .map((part, i) => (i % 2 === 1 ? vetCode(part) : vetLinks(part)))
      .join('');
  }

  return { line, findings };
}

/** Vets a whole answer. */
export function vetAnswer(markdown: string, ctx: VetContext): { markdown: string; findings: VetFindings } {
  const vetter = createVetter(ctx);
  return { markdown: markdown.split('\n').map(vetter.line).join('\n'), findings: vetter.findings };
}

/** A URL shown as text that no client turns back into a link. */
export function inert(url: string): string {
  return `\`${url
    .replace(/^[a-z]+:\/*/i, '')
    .replace(/^[^/@]*@(?=[^/@]*(?:\/|$))/, '')
    .replace(/`/g, '')}\``;
}
