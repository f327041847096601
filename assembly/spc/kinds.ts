// Chart kinds of the core's streaming SPC (ABI.md, "Streaming SPC", chart kinds and parameters).
export const SPC_IMR: i32 = 0;
export const SPC_XBAR_R: i32 = 1;
export const SPC_XBAR_S: i32 = 2;
export const SPC_EWMA: i32 = 3;
export const SPC_CUSUM: i32 = 4;
export const SPC_KINDS: i32 = 5;
