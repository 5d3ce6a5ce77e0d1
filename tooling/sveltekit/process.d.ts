import type { ChildProcess } from 'node:child_process';

/** Starts a Node script (a server of ours) and resolves once it says `ready`. */
export function startReady(script: string, env: Record<string, string>): Promise<ChildProcess>;

/** A port that is free now, chosen by the system: for a server started in a test. */
export function freePort(): Promise<number>;
