/**
 * The exported folder's index.html: the lessons in course order, each linked by
 * its title (instructor tooling for `npm run export`; no lesson teaches it).
 */
import { EXPORT_GENERATOR, type PageLink, type PageVersion } from "./page-notebook";

const HEADINGS: Record<PageVersion, string> = {
  learner: "Exercises: the lessons as learners start them, without outputs",
  solution: "Solutions: the lessons solved, with their outputs and charts",
};

/** A self-contained page (no script, no external resource) linking `pages` in the order given. */
export function indexHtml(pages: readonly PageLink[], version: PageVersion): string {
  const items = pages.map((page) => `  <li><a href="${escapeHtml(page.href)}">${escapeHtml(page.title)}</a></li>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="${EXPORT_GENERATOR}">
<title>Sentiment analysis of movie reviews, in TypeScript</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }
li { margin: 0.4em 0; }
</style>
</head>
<body>
<h1>Sentiment analysis of movie reviews, in TypeScript</h1>
<p>${escapeHtml(HEADINGS[version])}.</p>
<ul class="lessons">
${items}
</ul>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
