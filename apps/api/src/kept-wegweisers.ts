import { ResponseCache } from './cache.js';

/** A compact Wegweiser as the API keeps it: its JSON, and what the answer needs besides. */
export interface KeptWegweiser {
  /** The compact Wegweiser's JSON, ASCII only (compactWegweiserJson). */
  json: string;
  bytes: number;
  /** No question left open: counted for planning (usage.ts). */
  complete: boolean;
}

/**
 * Compact Wegweisers of one state of the data, by the router's decision key (a keyed hash,
 * read-model.ts), never by a profile (ADR 0020). A decision is kept only when it is asked for
 * a second time: a plan nobody else shares is not held, and a stream of distinct plans does
 * not churn the memory. Bounded: 8 MB of answers of about 3 KB, and 20,000 keys of decisions
 * seen once (about 2 MB).
 */
export class KeptWegweisers {
  readonly #answers: ResponseCache<KeptWegweiser>;
  readonly #seenOnce = new Set<string>();
  constructor(
    maxBytes = 8 * 1024 * 1024,
    private readonly maxSeenOnce = 20_000,
  ) {
    this.#answers = new ResponseCache((kept) => kept.bytes, maxBytes);
  }

  /** The Wegweiser kept for a decision key. */
  get(key: string): KeptWegweiser | undefined {
    return this.#answers.get(key);
  }

  /** A Wegweiser just built for a decision key: kept if the key was seen before. */
  built(key: string, wegweiser: KeptWegweiser): void {
    if (this.#seenOnce.delete(key)) return this.#answers.set(key, wegweiser);
    // Only a filter: forgetting it all delays keeping, it never loses an answer.
    if (this.#seenOnce.size >= this.maxSeenOnce) this.#seenOnce.clear();
    this.#seenOnce.add(key);
  }

  get size(): number {
    return this.#answers.size;
  }
}
