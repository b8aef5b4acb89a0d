/**
 * The workspace page's HTML shell. Its code and styles are files in ./browser/, served by ./assets.ts under
 * /page/ (same origin), so the CSP allows no inline script or style.
 */
export function renderPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PACS Desk — local Slack workspace</title>
<link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data: http: https:; style-src 'self'; script-src 'self'; connect-src 'self'">
<link rel="stylesheet" href="/page/style.css">
<script type="module" src="/page/app.js"></script>
</head>
<body>
<div id="app"><aside></aside><main></main><section id="thread" hidden></section></div>
<div class="overlay" id="overlay" hidden></div>
</body>
</html>`;
}
