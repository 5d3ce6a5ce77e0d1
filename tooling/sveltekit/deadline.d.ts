/**
 * Runs an outbound call with a deadline that cannot be lost (see deadline.js): rejects with a
 * `TimeoutError` after `ms` and aborts the signal handed to `run`.
 */
export function withDeadline<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T>;
