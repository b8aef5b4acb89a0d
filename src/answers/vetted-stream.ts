/**
 * Streams an answer through the vetter at safe boundaries: text is released one complete line at a time, each
 * line vetted exactly as the whole answer is vetted afterwards, so what was streamed and what is kept agree.
 * A trailing partial line is released by `flush()` when the model has finished.
 */
export function createVettedStream(
  onDelta: (delta: string) => void | Promise<void>,
  vetLine: (line: string) => string,
) {
  let pending = '';
  return {
    async push(delta: string): Promise<void> {
      pending += delta;
      const cut = pending.lastIndexOf('\n');
      if (cut < 0) return;
      const lines = pending.slice(0, cut).split('\n');
      pending = pending.slice(cut + 1);
      await onDelta(`${lines.map(vetLine).join('\n')}\n`);
    },
    async flush(): Promise<void> {
      if (!pending) return;
      const last = pending;
      pending = '';
      await onDelta(vetLine(last));
    },
  };
}
