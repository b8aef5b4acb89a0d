import type { KbChunk } from '../kb/types.js';

/**
 * Which links and e-mail addresses an answer may keep: hosts on the configured allow-list (and their
 * subdomains), or ones written in a passage of a page the KB owner marked `trusted: true`. Everything else
 * in KB text is untrusted, however it reached the answer (the model, or a quoted passage).
 */
export interface LinkPolicy {
  allowsUrl(url: string): boolean;
  allowsEmail(address: string): boolean;
}

export function createLinkPolicy(allowHosts: readonly string[], passages: readonly KbChunk[]): LinkPolicy {
  const hosts = allowHosts.map((h) => h.trim().toLowerCase().replace(/^\*\./, '')).filter(Boolean);
  const trustedText = passages.filter((c) => c.trusted).map((c) => `${c.text}\n${c.url ?? ''}`);
  const trustedUrls = new Set(trustedText.flatMap(urlsIn));
  const trustedEmails = new Set(
    trustedText.flatMap((t) => [...t.matchAll(emailPattern)].map((m) => m[0].toLowerCase())),
  );
  const hostAllowed = (host: string) => hosts.some((h) => host === h || host.endsWith(`.${h}`));
  return {
    allowsUrl(url) {
      if (trustedUrls.has(url)) return true;
      const parsed = parseUrl(url);
      // Credentials in a URL are never shown, and plain http only when the trusted page itself wrote it.
      return parsed !== undefined && parsed.protocol === 'https:' && !parsed.username && hostAllowed(parsed.hostname);
    },
    allowsEmail(address) {
      const lower = address.toLowerCase();
      return trustedEmails.has(lower) || hostAllowed(lower.slice(lower.lastIndexOf('@') + 1));
    },
  };
}

export const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

export function urlsIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s)<>|\]`'"]+/g)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
