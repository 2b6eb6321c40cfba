/** One lock per cache folder around downloads and builds. */
import * as path from "node:path";
import { withFileLock } from "../../util/files";
import { cacheDir } from "./paths";

export function withCacheLock<T>(task: () => Promise<T>): Promise<T> {
  const dir = cacheDir();
  return withFileLock(path.join(dir, "imdb.lock"), task, () =>
    console.log(`Waiting for another process to finish preparing the IMDB data in ${dir} ...`),
  );
}
