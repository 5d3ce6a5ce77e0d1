import { ResponseCache } from './cache.js';
import type { UsageEvent } from './usage.js';

/** A compact Wegweiser as the API keeps it: its JSON, and what the answer needs besides. */
export interface KeptWegweiser {
  /** The compact Wegweiser's JSON, ASCII only (compactWegweiserJson). */
  json: string;
  bytes: number;
  /** No question left open: counted for planning (usage.ts). */
  complete: boolean;
}

/** A request answered before with a kept Wegweiser: its decision, and what answering it counts. */
interface AnsweredRequest {
  decision: string;
  events: readonly UsageEvent[];
}

/** How much is kept; the defaults suit a server (about 14 MB in all). */
export interface KeptWegweisersBounds {
  /** Bytes of kept answers, of about 3 KB each. */
  maxBytes?: number;
  /** Keys of decisions seen once (about 100 bytes each). */
  maxSeenOnce?: number;
  /** Keys of requests answered with a kept Wegweiser (about 200 bytes each). */
  maxRequests?: number;
}

/**
 * Compact Wegweisers of one state of the data, by the router's decision key, never by a
 * profile (ADR 0020). A decision is kept only when it is asked for a second time: a plan nobody
 * else shares is not held, and a stream of distinct plans does not churn the memory.
 *
 * A request answered with a kept Wegweiser is remembered by a keyed hash of its body and day,
 * so that the same request asked again is answered without reading it (ADR 0021). Every key is
 * made by `keyOf` (SHA-256 with the read model's secret): nothing here can be read back into
 * a person's answers without the secret.
 */
export class KeptWegweisers {
  readonly #answers: ResponseCache<KeptWegweiser>;
  readonly #seenOnce = new Set<string>();
  readonly #requests = new Map<string, AnsweredRequest>();
  readonly #maxSeenOnce: number;
  readonly #maxRequests: number;

  constructor(
    private readonly keyOf: (text: string) => string,
    {
      maxBytes = 8 * 1024 * 1024,
      maxSeenOnce = 20_000,
      maxRequests = 20_000,
    }: KeptWegweisersBounds = {},
  ) {
    this.#answers = new ResponseCache((kept) => kept.bytes, maxBytes);
    this.#maxSeenOnce = maxSeenOnce;
    this.#maxRequests = maxRequests;
  }

  /** The Wegweiser kept for a decision key. */
  get(decision: string): KeptWegweiser | undefined {
    return this.#answers.get(decision);
  }

  /** A Wegweiser just built for a decision key: kept if the key was seen before. */
  built(decision: string, wegweiser: KeptWegweiser): void {
    if (this.#seenOnce.delete(decision)) return this.#answers.set(decision, wegweiser);
    // Only a filter: forgetting it all delays keeping, it never loses an answer.
    if (this.#seenOnce.size >= this.#maxSeenOnce) this.#seenOnce.clear();
    this.#seenOnce.add(decision);
  }

  /**
   * The key of a request: the text of its body, on the day it is answered (a body without a
   * date is routed on that day). Equal keys are equal requests, so they get equal answers.
   */
  requestKey(body: string, day: string): string {
    return this.keyOf(`${day}\n${body}`);
  }

  /** The kept Wegweiser a request was answered with before, and what answering it counts. */
  answeredBefore(
    request: string,
  ): { wegweiser: KeptWegweiser; events: readonly UsageEvent[] } | undefined {
    const answered = this.#requests.get(request);
    if (!answered) return undefined;
    const wegweiser = this.#answers.get(answered.decision);
    if (wegweiser) return { wegweiser, events: answered.events };
    // Its Wegweiser made room for newer ones: the request is routed again.
    this.#requests.delete(request);
    return undefined;
  }

  /** A request just answered: remembered only if the Wegweiser of its decision is kept. */
  answered(request: string, decision: string, events: readonly UsageEvent[]): void {
    if (!this.#answers.get(decision) || this.#requests.has(request)) return;
    if (this.#requests.size >= this.#maxRequests) {
      const oldest = this.#requests.keys().next().value;
      if (oldest !== undefined) this.#requests.delete(oldest);
    }
    this.#requests.set(request, { decision, events });
  }

  /** How many Wegweisers are kept. */
  get size(): number {
    return this.#answers.size;
  }

  /** How many requests are remembered. */
  get requests(): number {
    return this.#requests.size;
  }
}
