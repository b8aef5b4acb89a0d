/** The local Slack web page (phase 2). */
export function renderPage(): string {
  return '<!doctype html><title>PACS Desk workspace</title><p>Local Slack workspace.</p>';
}
