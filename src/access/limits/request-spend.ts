/** What a key request spent and what refused it, for its usage row (KeyUseHook), keyed by the request. */

/** Credits the request spent (API.md §15). */
export const creditsSpentOn = new WeakMap<object, number>();
/** The name of the limit that refused it (`default`: the hourly rateLimit). */
export const refusedByLimit = new WeakMap<object, string>();
