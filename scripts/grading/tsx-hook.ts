/** tsx's require hook, for the grader's own TypeScript child processes (compile and model workers). */

// Loaded through tsx's namespaced require (as checks files load this code), require.resolve appends "?namespace=…".
export const TSX_REQUIRE_HOOK = require.resolve("tsx/cjs").replace(/\?.*$/, "");
