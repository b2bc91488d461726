import type { Clock } from "./clock.ts";

export type Fetch = typeof globalThis.fetch;

/** What a server said about a resource last time: sent back so that it can answer 304. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type FetchOutcome =
  | { status: "ok"; body: string; url: string; validators: Validators }
  | { status: "not-modified" };

/** A request that failed: the reason is one line for the log. */
export class FetchError extends Error {
  override readonly name = "FetchError";
}

export interface HttpOptions {
  fetch?: Fetch;
  clock: Clock;
  timeoutMs?: number;
  /** Least time between the starts of two requests to one host. */
  hostDelayMs?: number;
  /** Larger responses are refused. */
  maxBytes?: number;
  userAgent?: string;
}

const DEFAULTS = { timeoutMs: 15_000, hostDelayMs: 2_000, maxBytes: 5_000_000, userAgent: "zhusan-bot feed watcher" };

/**
 * GETs pages and feeds politely: conditional requests, a timeout that covers the body too, one
 * request at a time per host with a pause between them, the body decoded in its declared charset.
 */
export class HttpClient {
  private readonly fetch: Fetch;
  private readonly options: typeof DEFAULTS;
  /** Per host: when its last request may start, and the queue of requests waiting for it. */
  private readonly hosts = new Map<string, { next: number; queue: Promise<void> }>();

  constructor(private readonly settings: HttpOptions) {
    this.fetch = settings.fetch ?? globalThis.fetch;
    this.options = { ...DEFAULTS, ...definedOnly(settings) };
  }

  async get(url: string, validators: Validators = {}, signal?: AbortSignal): Promise<FetchOutcome> {
    return this.paced(new URL(url).host, () => this.request(url, validators, signal));
  }

  /** Runs `task` when the host's turn comes: after its previous request and hostDelayMs after that one started. */
  private async paced<T>(host: string, task: () => Promise<T>): Promise<T> {
    const { clock } = this.settings;
    const state = this.hosts.get(host) ?? { next: 0, queue: Promise.resolve() };
    this.hosts.set(host, state);
    const previous = state.queue;
    let release = () => {};
    state.queue = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      const wait = state.next - clock.now();
      if (wait > 0) await clock.sleep(wait);
      state.next = clock.now() + this.options.hostDelayMs;
      return await task();
    } finally {
      release();
    }
  }

  private async request(url: string, validators: Validators, signal?: AbortSignal): Promise<FetchOutcome> {
    const controller = new AbortController();
    const stopTimer = new AbortController();
    let timedOut = false;
    void this.settings.clock.sleep(this.options.timeoutMs, stopTimer.signal).then(() => {
      if (stopTimer.signal.aborted) return;
      timedOut = true;
      controller.abort();
    });
    const onAbort = () => controller.abort();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    const headers: Record<string, string> = { "user-agent": this.options.userAgent, accept: "application/rss+xml, application/atom+xml, application/xml, text/xml, text/html;q=0.9, */*;q=0.5" };
    if (validators.etag) headers["if-none-match"] = validators.etag;
    if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
    try {
      const response = await this.fetch(url, { headers, signal: controller.signal, redirect: "follow" });
      if (response.status === 304) {
        await response.body?.cancel();
        return { status: "not-modified" };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
      }
      const length = Number(response.headers.get("content-length") ?? 0);
      if (length > this.options.maxBytes) throw new FetchError(`too large: ${length} bytes`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > this.options.maxBytes) throw new FetchError(`too large: ${bytes.length} bytes`);
      const etag = response.headers.get("etag");
      const lastModified = response.headers.get("last-modified");
      return {
        status: "ok",
        body: decode(bytes, response.headers.get("content-type")),
        url: response.url || url,
        validators: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) },
      };
    } catch (error) {
      if (timedOut) throw new FetchError(`no answer within ${this.options.timeoutMs / 1000} s`);
      if (error instanceof FetchError) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new FetchError(cause?.code ?? cause?.message ?? (error as Error).message);
    } finally {
      stopTimer.abort();
      signal?.removeEventListener("abort", onAbort);
    }
  }
}

function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The charset named by the Content-Type header, else by the XML declaration or a <meta> tag, else UTF-8. */
function decode(bytes: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const declared =
    /charset=["']?([\w-]+)/i.exec(contentType ?? "")?.[1] ??
    /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]*charset=["']?([\w-]+)/i.exec(head)?.[1] ??
    "utf-8";
  try {
    return new TextDecoder(declared).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
