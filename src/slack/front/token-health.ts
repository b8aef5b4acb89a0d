import { type Clock, systemClock } from '../../core/clock.js';
import type { FetchLike } from '../../core/http.js';

/** Web API errors that mean the bot token no longer works; retrying cannot fix them. */
const deadTokenErrors = new Set(['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed', 'token_expired']);

export interface TokenHealth {
  /** The Slack clients' fetch, watching Web API answers for a dead token. */
  fetch: FetchLike;
  /** A tokens_revoked / app_uninstalled event, or an auth.test failure: the token is dead. */
  markDead(): void;
  /** For /readyz: false once the token is known dead; re-checked with `authTest` at most every `ttlMs`. */
  probe(): Promise<boolean>;
}

/**
 * Tracks whether the bot token still works, so a revoked token fails readiness (the orchestrator stops
 * routing to this instance and alerts) while the process stays up: no crash loop, /healthz stays 200.
 * Rate limits and network errors do not count: those pass, the token is not the problem.
 */
export function createTokenHealth(options: {
  fetch: FetchLike;
  authTest: () => Promise<unknown>;
  ttlMs?: number;
  onDead?: () => void;
  now?: Clock;
}): TokenHealth {
  const now = options.now ?? systemClock;
  const ttlMs = options.ttlMs ?? 60_000;
  let dead = false;
  let checkedAt = now();
  const markDead = () => {
    if (!dead) options.onDead?.();
    dead = true;
  };
  const isDeadTokenError = (error: unknown) =>
    deadTokenErrors.has(String((error as { data?: { error?: unknown } })?.data?.error ?? ''));
  return {
    markDead,
    async fetch(input, init) {
      const res = await options.fetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      // Only Web API answers ({ok:false,error}) are inspected, on a clone, without delaying the caller.
      if (/\/api\/[a-z]+\.[a-zA-Z.]+/.test(url) && (res.headers.get('content-type') ?? '').includes('json')) {
        res
          .clone()
          .json()
          .then((body: unknown) => {
            const answer = body as { ok?: boolean; error?: string } | null;
            if (answer?.ok === false && deadTokenErrors.has(String(answer.error))) markDead();
          })
          .catch(() => undefined);
      }
      return res;
    },
    async probe() {
      if (dead) return false;
      if (now() - checkedAt < ttlMs) return true;
      checkedAt = now();
      try {
        await options.authTest();
      } catch (error) {
        if (isDeadTokenError(error)) markDead();
      }
      return !dead;
    },
  };
}
