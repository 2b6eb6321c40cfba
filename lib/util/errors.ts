/**
 * Reading caught values, which TypeScript types as `unknown`: anything can be
 * thrown, so they are narrowed with `instanceof` rather than cast.
 */

/** An Error's message; anything else thrown, as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether `error` is a Node system error with this `code` ("ENOENT", "EEXIST", ...). */
export function isErrnoException(error: unknown, code: string): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error && error.code === code;
}
