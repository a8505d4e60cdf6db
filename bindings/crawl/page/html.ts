/** @module crawl/page/html — the people-search page that loads a published snapshot (script: dist/crawl-page.js). */
export function searchPageHtml(scriptSrc: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>People search (published snapshot)</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>People search</h1><p id="status">loading and verifying the snapshot…</p>
<input id="q" type="search" placeholder="name, display name, description, account" autofocus>
<ol id="results"></ol>
<script type="module" src="${scriptSrc}"></script></body></html>
`;
}
