/**
 * Each exported lesson page's table of contents, from the section headings
 * nbconvert wrote with their ids (instructor tooling for `npm run export`;
 * no lesson teaches it).
 */
import { escapeHtml } from "./index-page";
import { decodeEntities } from "./offline-check";

/** Where the page template leaves room for the table of contents. */
export const TOC_PLACEHOLDER = "<!-- imdb-course-toc -->";

export interface Heading {
  id: string;
  text: string;
}

/** The page's section headings (h2), in order, as links can name them. */
export function sectionHeadings(html: string): Heading[] {
  const headings: Heading[] = [];
  for (const [, id, inner] of html.matchAll(/<h2\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h2>/gi)) {
    const text = decodeEntities(inner.replace(/<a\b[^>]*class="anchor-link"[\s\S]*?<\/a>/gi, "").replace(/<[^>]+>/g, "")).trim();
    if (text) headings.push({ id, text });
  }
  return headings;
}

/** `html` with its table of contents in place of TOC_PLACEHOLDER (an error if the template left none). */
export function withTableOfContents(html: string, page: string): string {
  if (!html.includes(TOC_PLACEHOLDER)) throw new Error(`${page} has no place for its table of contents: the page template lost ${TOC_PLACEHOLDER}.`);
  const items = sectionHeadings(html).map((heading) => `<li><a href="#${escapeHtml(heading.id)}">${escapeHtml(heading.text)}</a></li>`);
  const toc = items.length === 0 ? "" : `<h2 class="imdb-course-toc-title">Contents</h2>\n<ol>\n${items.join("\n")}\n</ol>`;
  return html.replace(TOC_PLACEHOLDER, () => toc);
}
