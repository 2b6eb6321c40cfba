/**
 * The exported folder's index.html: the lessons in course order, each with
 * its number, title, aims, the models it trains and its headline result, and
 * a link to the live demo (instructor tooling for `npm run export`; no lesson
 * teaches it).
 */
import type { Lesson } from "../lessons";
import { EXPORT_GENERATOR, type PageVersion } from "./page-notebook";

const COURSE_TITLE = "Sentiment analysis of movie reviews, in TypeScript";

const HEADINGS: Record<PageVersion, string> = {
  learner: "Exercises: the lessons as learners start them, without outputs",
  solution: "Solutions: the lessons solved, with their outputs and charts",
};

export interface IndexEntry extends Pick<Lesson, "number" | "title"> {
  href: string;
  /** Paragraphs (markdown) saying what the lesson is about. */
  aims: string[];
  /** The models the lesson trains and saves, in a few words each. */
  trains: string[];
  /** The lesson's headline result, as its solution printed it. */
  result?: string;
}

/** A self-contained page (no script, no external resource) presenting `lessons` in the order given and linking `demo`. */
export function indexHtml(lessons: readonly IndexEntry[], version: PageVersion, demo: { href: string } | undefined): string {
  const cards = lessons.map((lesson) => {
    const number = Number.isFinite(lesson.number) ? `<span class="number">${lesson.number}</span>` : `<span class="number">·</span>`;
    const facts = [
      lesson.trains.length > 0 ? `<dt>Trains</dt><dd>${lesson.trains.map(escapeHtml).join("<br>")}</dd>` : "",
      lesson.result !== undefined ? `<dt>Result</dt><dd class="result">${escapeHtml(lesson.result)}</dd>` : "",
    ].join("");
    return `<li class="lesson">
${number}
<div>
<h2><a href="${escapeHtml(lesson.href)}">${escapeHtml(lesson.title)}</a></h2>
${lesson.aims.map(markdownBlockHtml).join("\n")}
${facts ? `<dl>${facts}</dl>` : ""}
</div>
</li>`;
  }).join("\n");
  const demoLink = demo === undefined ? "" : `<p class="demo"><a href="${escapeHtml(demo.href)}">Live demo</a>: type a review and watch every saved model's verdict change as you type, in this browser.</p>`;
  return `${pageHead(COURSE_TITLE, `
body { font-family: system-ui, sans-serif; max-width: 58em; margin: 2em auto; padding: 0 1.5em; line-height: 1.5; color: #222; }
.lessons { list-style: none; padding: 0; }
.lesson { display: grid; grid-template-columns: 3em 1fr; gap: 1em; padding: 1em 0; border-top: 1px solid #e3e3e3; }
.lesson .number { font-size: 2em; font-weight: 700; color: #777; text-align: right; line-height: 1.2; }
.lesson h2 { margin: 0 0 0.3em; font-size: 1.3em; }
.lesson p, .lesson ul { margin: 0.3em 0; }
dl { display: grid; grid-template-columns: 5em 1fr; margin: 0.5em 0 0; gap: 0.2em 0.5em; }
dt { font-weight: 600; color: #555; }
dd { margin: 0; }
.result { font-weight: 600; }
.demo { padding: 0.8em 1em; background: #eef6ee; border-left: 4px solid #2e8b57; font-size: 1.1em; }
code { background: #f3f3f3; padding: 0 0.2em; border-radius: 3px; }
`)}
<body>
<h1>${escapeHtml(COURSE_TITLE)}</h1>
<p>${escapeHtml(HEADINGS[version])}.</p>
${demoLink}
<ol class="lessons">
${cards}
</ol>
</body>
</html>
`;
}

/** An exported page's doctype and head, up to `<body>`: its title (plain text) and its stylesheet. */
export function pageHead(title: string, css: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="${EXPORT_GENERATOR}">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>`;
}

/** A paragraph or a "- " list of the lessons' markdown, with inline code, bold, italics and links. */
function markdownBlockHtml(block: string): string {
  const lines = block.split("\n");
  if (lines.every((line) => /^\s*[-*]\s/.test(line) || /^\s{2,}\S/.test(line))) {
    const items = block.split(/\n(?=\s*[-*]\s)/).map((item) => `<li>${markdownInlineHtml(item.replace(/^\s*[-*]\s+/, ""))}</li>`);
    return `<ul>\n${items.join("\n")}\n</ul>`;
  }
  return `<p>${markdownInlineHtml(block)}</p>`;
}

function markdownInlineHtml(text: string): string {
  // Code spans first, so that * and _ inside them stay as they are.
  return text.split(/(`[^`]+`)/).map((part) => {
    if (/^`[^`]+`$/.test(part)) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
    return escapeHtml(part)
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, "$1<em>$2</em>");
  }).join("");
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
