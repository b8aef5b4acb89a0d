/**
 * Outbound URLs that would carry data without TLS. HIPAA's transmission security (§164.312(e)) expects every hop
 * that can carry PHI or tokens (Slack, the LLM, the helpdesk, the PACS) to be encrypted, so `http://` to another
 * host is a configuration problem unless `ALLOW_PLAINTEXT_HTTP=true` says the hop is protected some other way
 * (a TLS-terminating proxy on the same host, an isolated VLAN). Loopback is always allowed: it never leaves
 * the machine (a local OpenAI-compatible server, an Orthanc beside the bot).
 */
export function plainHttpUrls(urls: ReadonlyArray<readonly [name: string, url: string | undefined]>): string[] {
  return urls.filter(([, url]) => url !== undefined && isPlainRemote(url)).map(([name]) => name);
}

export const plainHttpFix =
  'use https://, or set ALLOW_PLAINTEXT_HTTP=true if this hop is protected another way (a TLS proxy on the same host, an isolated network)';

/** One problem per plain-HTTP setting, unless ALLOW_PLAINTEXT_HTTP says those hops are protected. */
export function plainHttpProblems(names: string[], allowed: boolean): string[] {
  if (allowed) return [];
  return names.map((name) => `${name}: http:// would send data unencrypted to another host — fix: ${plainHttpFix}`);
}

function isPlainRemote(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false; // malformed URLs are reported by their own check
  }
  return parsed.protocol === 'http:' && !isLoopback(parsed.hostname);
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
