/** A summary suggestion: the message's first line, without Slack markup, at most 150 characters. */
export function firstLine(text: string): string {
  const line =
    text
      .replace(/<[^>]*>/g, '')
      .split('\n')
      .find((l) => l.trim()) ?? '';
  return line.trim().slice(0, 150);
}
