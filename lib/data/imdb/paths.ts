/**
 * Where the IMDB files come from and where the cache goes.
 *
 * Both are read from the environment at each call, so a notebook or a test can
 * change them between calls.
 */
import * as path from "node:path";
import { projectRoot } from "../../util/project-root";

export const ARCHIVE_FILE = "aclImdb_v1.tar.gz";
export const WORD_INDEX_FILE = "imdb_word_index.json";

export const OFFICIAL_ARCHIVE_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz";
export const OFFICIAL_ARCHIVE_SHA256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe";
export const OFFICIAL_WORD_INDEX_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json";

/** Where the archive and word index are fetched from when they are not in the cache yet. */
export type Mirror =
  | { kind: "folder"; folder: string; setting: string }
  | { kind: "url"; baseUrl: string; setting: string }
  | { kind: "official" };

/**
 * `IMDB_CACHE_DIR` (relative paths from the project root), else
 * `<project>/data`. Exported as `imdbCacheDir` (lesson 0, "Setup").
 */
export function cacheDir(): string {
  const setting = process.env.IMDB_CACHE_DIR;
  if (setting === undefined || setting === "") return path.join(projectRoot(), "data");
  return path.resolve(projectRoot(), setting);
}

/**
 * `IMDB_MIRROR`: an http(s) URL, or a folder (a relative folder is taken from
 * the project root, so CI's `IMDB_MIRROR=../shared/imdb` works from any
 * working directory). Unset or empty: the official sources. Exported as
 * `imdbMirror` (lesson 0, "Setup").
 */
export function mirror(): Mirror {
  const setting = process.env.IMDB_MIRROR;
  if (setting === undefined || setting === "") return { kind: "official" };
  if (/^https?:\/\//i.test(setting)) return { kind: "url", baseUrl: setting.replace(/\/+$/, ""), setting };
  return { kind: "folder", folder: path.resolve(projectRoot(), setting), setting };
}
