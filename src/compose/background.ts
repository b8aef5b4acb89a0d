/** Work the bot does on a timer, outside any request: started after the bot listens, stopped after it drains. */
export interface BackgroundTask {
  name: string;
  start(): void;
  stop(): Promise<void> | void;
}

/** Stops every task, each even if another fails; failures are returned for the caller to log. */
export async function stopAll(tasks: readonly BackgroundTask[]): Promise<{ name: string; error: unknown }[]> {
  const results = await Promise.allSettled(tasks.map(async (task) => task.stop()));
  return results.flatMap((r, i) => (r.status === 'rejected' ? [{ name: tasks[i]?.name ?? '?', error: r.reason }] : []));
}

/** A task over a `start → stop function` pair, as the monitor and reminders are written. */
export function timerTask(name: string, begin: () => () => void): BackgroundTask {
  let end: (() => void) | undefined;
  return {
    name,
    start() {
      end ??= begin();
    },
    stop() {
      end?.();
      end = undefined;
    },
  };
}
