/**
 * Finds what an exported page would fetch from outside its folder, so an export
 * that needs the network fails instead of silently drawing nothing offline
 * (instructor tooling for `npm run export`; no lesson teaches it).
 */
import path from "node:path";

// Elements whose attribute makes the browser fetch at load time. Links in <a href> are only followed on a click.
const FETCHING_ATTRIBUTES: readonly [string, string][] = [
  ["script", "src"],
  ["link", "href"],
  ["img", "src"],
  ["img", "srcset"],
  ["source", "src"],
  ["source", "srcset"],
  ["iframe", "src"],
  ["embed", "src"],
  ["video", "src"],
  ["video", "poster"],
  ["audio", "src"],
  ["object", "data"],
  ["input", "src"],
];

/**
 * Every resource `html` loads that is not inside its own folder: absolute URLs
 * (http:, https:, //host, file:), relative paths that leave the folder or name
 * a file `existsInFolder` does not know. `data:` URLs are inline and fine.
 */
export function resourcesOutsideFolder(html: string, existsInFolder: (relativePath: string) => boolean): string[] {
  const found: string[] = [];
  // Script bodies hold data (chart traces may quote review text with tags in it), not markup.
  const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, "$1</script>");
  for (const [element, attribute] of FETCHING_ATTRIBUTES) {
    const tag = new RegExp(`<${element}\\b[^>]*>`, "gi");
    for (const [tagText] of markup.matchAll(tag)) {
      const value = attributeValue(tagText, attribute);
      if (value === undefined) continue;
      const urls = attribute === "srcset" ? value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0]) : [value];
      found.push(...urls.filter((url) => url && !isInsideFolder(url, existsInFolder)));
    }
  }
  for (const css of styleTexts(markup)) {
    for (const [, , url] of css.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/gi)) {
      if (!isInsideFolder(url, existsInFolder)) found.push(url);
    }
    for (const [, url] of css.matchAll(/@import\s+(?:url\()?\s*["']?([^"');\s]+)/gi)) {
      if (!isInsideFolder(url, existsInFolder)) found.push(url);
    }
  }
  return [...new Set(found)];
}

function attributeValue(tagText: string, attribute: string): string | undefined {
  const match = new RegExp(`\\s${attribute}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tagText);
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? match[3]).trim();
}

function styleTexts(html: string): string[] {
  const blocks = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
  const inline = [...html.matchAll(/\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => decodeEntities(m[1] ?? m[2]));
  return [...blocks, ...inline];
}

function isInsideFolder(url: string, existsInFolder: (relativePath: string) => boolean): boolean {
  if (/^data:/i.test(url) || url.startsWith("#")) return true;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//") || url.startsWith("/")) return false;
  const relative = path.posix.normalize(decodeURIComponent(url.split(/[?#]/)[0]));
  if (relative.startsWith("../") || relative === "..") return false;
  return existsInFolder(relative);
}

/** Text of HTML with its character references (named ones nbconvert and the exporter write, and numeric ones) resolved. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
