/** Bounds of int32, the type word indices and padded sequences are stored in (Int32Array). */
export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;
