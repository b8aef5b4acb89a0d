import { APP_JS } from './app-js.js';
import { RENDER_JS } from './render-js.js';
import { STYLE } from './style.js';

/** The whole single-page app: one HTML response with inline CSS and JS, no external assets. */
export function renderPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PACS Desk — local Slack workspace</title>
<link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data: http: https:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'">
<style>${STYLE}</style>
</head>
<body>
<div id="app"><aside></aside><main></main><section id="thread" hidden></section></div>
<div class="overlay" id="overlay" hidden></div>
<script>${RENDER_JS}
${APP_JS}</script>
</body>
</html>`;
}
