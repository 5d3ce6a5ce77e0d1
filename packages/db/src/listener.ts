import pg from 'pg';

export type NotificationHandler = (payload: string) => void;

export interface ListenOptions {
  /**
   * Called after the listening connection was lost and re-established. Notifications sent
   * while it was down are lost (PostgreSQL does not queue them for a closed session), so a
   * subscriber that keeps a cache should rebuild it here.
   */
  onReconnect?: () => void;
}

interface Subscription {
  handler: NotificationHandler;
  onReconnect: (() => void) | undefined;
}

/** Channel names are plain lower-case identifiers, so they never need quoting rules. */
const channelPattern = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkChannel(channel: string): void {
  if (!channelPattern.test(channel)) {
    throw new TypeError(
      `invalid channel name ${JSON.stringify(channel)}: use a lower-case identifier (a-z, 0-9, _)`,
    );
  }
}

/**
 * A failed attempt against a server that is down costs one refused connection, so retrying
 * every second is cheap; a longer pause would leave this process serving stale data for that
 * long after the database is back (its pool recovers at once, its LISTEN only on the next try).
 */
const maxRetryDelayMs = 1_000;

/**
 * LISTEN on PostgreSQL through one dedicated client (a pooled client would be handed to
 * others and lose its LISTENs). When the connection drops (server restart, failover,
 * `pg_terminate_backend`), it reconnects with backoff, LISTENs again on every channel and
 * tells the subscribers, who may have missed notifications meanwhile.
 */
export class PgListener {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly channels = new Map<string, Set<Subscription>>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly onError: (error: Error) => void,
  ) {}

  /** True while the listening connection is up (or nothing needs it yet). */
  get connected(): boolean {
    return this.channels.size === 0 || this.client !== undefined;
  }

  async listen(
    channel: string,
    handler: NotificationHandler,
    options: ListenOptions = {},
  ): Promise<() => Promise<void>> {
    checkChannel(channel);
    if (this.closed) throw new Error('the database is closed');
    const subscription: Subscription = { handler, onReconnect: options.onReconnect };
    let subscriptions = this.channels.get(channel);
    if (!subscriptions) {
      subscriptions = new Set();
      this.channels.set(channel, subscriptions);
    }
    subscriptions.add(subscription);
    try {
      const client = await this.connect();
      // LISTEN is idempotent; `open` may already have listened on this channel.
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      // A connection lost during LISTEN is retried by the reconnect loop, which LISTENs on
      // every registered channel; only a failure to connect at all is the caller's problem.
      if (this.client === undefined && this.retryTimer === undefined) {
        this.remove(channel, subscription);
        throw error;
      }
    }
    return async () => {
      if (!this.remove(channel, subscription)) return;
      const client = this.client;
      if (client) await client.query(`UNLISTEN "${channel}"`).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    this.channels.clear();
    await client?.end().catch(() => undefined);
  }

  /** Removes a subscription; true when its channel has no subscribers left. */
  private remove(channel: string, subscription: Subscription): boolean {
    const subscriptions = this.channels.get(channel);
    if (!subscriptions?.delete(subscription)) return false;
    if (subscriptions.size > 0) return false;
    this.channels.delete(channel);
    return true;
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client(this.config);
    client.on('notification', (message) => this.dispatch(message.channel, message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new Error('the database is closed');
    }
    this.client = client;
    this.attempt = 0;
    return client;
  }

  private dispatch(channel: string, payload: string): void {
    for (const subscription of this.channels.get(channel) ?? []) {
      try {
        subscription.handler(payload);
      } catch (error) {
        this.onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  private lost(client: pg.Client, error?: Error): void {
    if (client !== this.client) return;
    this.client = undefined;
    if (error) this.onError(error);
    client.end().catch(() => undefined);
    if (!this.closed && this.channels.size > 0) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.closed) return;
    const delay = Math.min(maxRetryDelayMs, 100 * 2 ** this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.connect().then(
        () => {
          this.retryTimer = undefined;
          for (const subscriptions of this.channels.values()) {
            for (const { onReconnect } of subscriptions) {
              try {
                onReconnect?.();
              } catch (error) {
                this.onError(error instanceof Error ? error : new Error(String(error)));
              }
            }
          }
        },
        (error: unknown) => {
          this.retryTimer = undefined;
          if (this.closed) return;
          this.onError(error instanceof Error ? error : new Error(String(error)));
          this.scheduleReconnect();
        },
      );
    }, delay);
    // A process that only waits for a reconnect should still be allowed to exit.
    this.retryTimer.unref?.();
  }
}
