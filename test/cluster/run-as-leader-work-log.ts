/** Which replicas run the work now, and the most that ever ran it at once. */
export function workLog() {
  const running = new Set<string>();
  let most = 0;
  return {
    running,
    most: () => most,
    work: (id: string) => ({
      start() {
        running.add(id);
        most = Math.max(most, running.size);
      },
      stop() {
        running.delete(id);
      },
    }),
  };
}
