/** One dependency probe for /readyz: true when usable. Throwing or hanging counts as failing. */
export type ReadinessProbe = () => boolean | Promise<boolean>;

export interface ReadinessReport {
  ready: boolean;
  /** Dependency name → ok | failing; names and states only, never a message, host or secret. */
  checks: Record<string, 'ok' | 'failing'>;
}

/** Runs every probe at once, each bounded by `timeoutMs`, so /readyz answers even when a dependency hangs. */
export async function runReadiness(probes: Record<string, ReadinessProbe>, timeoutMs = 2000): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => [name, await bounded(probe, timeoutMs)] as const),
  );
  const checks = Object.fromEntries(entries.map(([name, ok]) => [name, ok ? 'ok' : 'failing'] as const));
  return { ready: entries.every(([, ok]) => ok), checks };
}

async function bounded(probe: ReadinessProbe, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(probe), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
