/**
 * Finding the two source files locally: in the `IMDB_MIRROR` folder, already
 * in the cache folder, or downloaded into it (from an `IMDB_MIRROR` URL or the
 * official addresses).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { errorMessage } from "../../util/errors";
import { downloadFile } from "./download";
import {
  ARCHIVE_FILE, OFFICIAL_ARCHIVE_SHA256, OFFICIAL_ARCHIVE_URL, OFFICIAL_WORD_INDEX_URL, WORD_INDEX_FILE,
  cacheDir, mirror,
} from "./paths";
import type { ProgressListener } from "./progress";

export type SourceFile = typeof ARCHIVE_FILE | typeof WORD_INDEX_FILE;

export interface LocalSource {
  path: string;
  /** True when the file was downloaded into the cache, so it can be deleted if it proves bad. */
  inCache: boolean;
}

/** The local path of `file`, downloading it first when needed. The caller holds the cache lock. */
export async function localSource(file: SourceFile, onProgress: ProgressListener): Promise<LocalSource> {
  const from = mirror();
  if (from.kind === "folder") {
    const candidate = path.join(from.folder, file);
    if (!fs.existsSync(candidate)) {
      throw new Error(
        `${file} is missing: looked for ${candidate} (IMDB_MIRROR=${from.setting}, taken from the project root). ` +
          `Put ${file} there (it is published at ${officialUrl(file)}), or unset IMDB_MIRROR to download it.`,
      );
    }
    return { path: candidate, inCache: false };
  }
  const cached = path.join(cacheDir(), file);
  if (fs.existsSync(cached)) return { path: cached, inCache: true };
  const url = from.kind === "url" ? `${from.baseUrl}/${file}` : officialUrl(file);
  // The mirror's copy is re-packed, so only the official archive has a known checksum;
  // every archive is also checked by its layout when the cache is built.
  const sha256 = from.kind === "official" && file === ARCHIVE_FILE ? OFFICIAL_ARCHIVE_SHA256 : undefined;
  try {
    await downloadFile({ url, destination: cached, sha256, onProgress });
  } catch (error) {
    throw new Error(
      `${file} is missing and could not be downloaded. ${errorMessage(error)} ` +
        `Looked for it in ${cached}${from.kind === "url" ? ` and at IMDB_MIRROR=${from.setting}` : ""}. ` +
        `To work offline, set IMDB_MIRROR to a folder holding ${ARCHIVE_FILE} and ${WORD_INDEX_FILE}, or copy ${file} to ${cached}.`,
    );
  }
  return { path: cached, inCache: true };
}

function officialUrl(file: SourceFile): string {
  return file === ARCHIVE_FILE ? OFFICIAL_ARCHIVE_URL : OFFICIAL_WORD_INDEX_URL;
}
