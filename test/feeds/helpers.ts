import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setImmediate as tick } from "node:timers/promises";
import type { Clock } from "../../src/feeds/clock.ts";
import type { SeenStore } from "../../src/feeds/seen.ts";
import type { FeedLog } from "../../src/feeds/watcher.ts";

/** A clock that moves only when the test says so. */
export class ManualClock implements Clock {
  private time = 1_700_000_000_000;
  private sleepers: { at: number; resolve: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper = { at: this.time + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener("abort", () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        resolve();
      }, { once: true });
    });
  }

  /** Sleepers waiting, and for how long each still would. */
  get waiting(): number[] {
    return this.sleepers.map((s) => s.at - this.time);
  }

  advance(ms: number): void {
    this.time += ms;
    const due = this.sleepers.filter((s) => s.at <= this.time);
    this.sleepers = this.sleepers.filter((s) => s.at > this.time);
    for (const sleeper of due) sleeper.resolve();
  }
}

/** For tests only: the storage implements SeenStore for real. */
export class InMemorySeenStoreForTests implements SeenStore {
  readonly keys = new Set<string>();
  async has(key: string): Promise<boolean> {
    return this.keys.has(key);
  }
  async add(key: string): Promise<void> {
    this.keys.add(key);
  }
}

export class CapturedLog implements FeedLog {
  readonly lines: { level: "info" | "warn"; message: string; fields: Record<string, unknown> }[] = [];
  info(fields: object, message: string): void {
    this.lines.push({ level: "info", message, fields: fields as Record<string, unknown> });
  }
  warn(fields: object, message: string): void {
    this.lines.push({ level: "warn", message, fields: fields as Record<string, unknown> });
  }
  warnings(): string[] {
    return this.lines.filter((l) => l.level === "warn").map((l) => `${l.message}: ${String(l.fields.url)}: ${String(l.fields.reason)}`);
  }
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A web server on 127.0.0.1 whose routes a test sets; it records every request. */
export class LocalSite {
  readonly requests: { path: string; headers: IncomingMessage["headers"] }[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly server: Server;
  private port = 0;

  private constructor() {
    this.server = createServer((req, res) => {
      const path = req.url ?? "/";
      this.requests.push({ path, headers: req.headers });
      const handler = this.routes.get(path);
      if (handler) handler(req, res);
      else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    });
  }

  static async start(): Promise<LocalSite> {
    const site = new LocalSite();
    await new Promise<void>((resolve) => site.server.listen(0, "127.0.0.1", resolve));
    site.port = (site.server.address() as AddressInfo).port;
    return site;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  route(path: string, handler: Handler): void {
    this.routes.set(path, handler);
  }

  /** Serves `body` with an ETag and Last-Modified, and 304 to a request that sends them back. */
  serve(path: string, type: string, body: string | (() => string), etag?: string): void {
    this.route(path, (req, res) => {
      const text = typeof body === "function" ? body() : body;
      const tag = etag ?? `"${Buffer.from(text).length}-${text.length % 97}"`;
      const modified = "Tue, 01 Dec 2026 10:00:00 GMT";
      if (req.headers["if-none-match"] === tag || (!req.headers["if-none-match"] && req.headers["if-modified-since"] === modified)) {
        res.writeHead(304, { etag: tag, "last-modified": modified }).end();
        return;
      }
      res.writeHead(200, { "content-type": type, etag: tag, "last-modified": modified }).end(text);
    });
  }

  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Lets pending promises and I/O callbacks run until `condition` holds (no timer involved). */
export async function until(condition: () => boolean, what = "condition"): Promise<void> {
  for (let i = 0; i < 5000; i++) {
    if (condition()) return;
    await tick();
  }
  throw new Error(`${what} never came true`);
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export interface FixtureItem {
  title: string;
  lead: string;
  link: string;
  date?: string;
}

export function rss(title: string, items: FixtureItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${escape(title)}</title><link>http://127.0.0.1/</link><description>news</description>
${items
  .map((i) => `<item><title>${escape(i.title)}</title><link>${escape(i.link)}</link><guid>${escape(i.link)}</guid>${i.date ? `<pubDate>${i.date}</pubDate>` : ""}<description><![CDATA[<p>${i.lead}</p>]]></description></item>`)
  .join("\n")}
</channel></rss>`;
}

export function atom(title: string, items: FixtureItem[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${escape(title)}</title><id>urn:feed</id><updated>2026-12-01T10:00:00Z</updated>
${items
  .map((i) => `<entry><title>${escape(i.title)}</title><id>${escape(i.link)}</id><link rel="alternate" href="${escape(i.link)}"/><updated>${i.date ?? "2026-12-01T10:00:00Z"}</updated><summary type="html">${escape(i.lead)}</summary></entry>`)
  .join("\n")}
</feed>`;
}

/** An article page as news sites publish them: metadata in og: tags, the text in <article>. */
export function articlePage(page: { lang: "ru" | "kk"; title: string; site: string; published?: string; paragraphs: string[] }): string {
  return `<!doctype html>
<html lang="${page.lang}"><head><meta charset="utf-8">
<title>${escape(page.title)} — ${escape(page.site)}</title>
<meta property="og:title" content="${escape(page.title)}">
<meta property="og:site_name" content="${escape(page.site)}">
${page.published ? `<meta property="article:published_time" content="${page.published}">` : ""}
</head><body>
<header><nav><a href="/">Главная</a> <a href="/news/">Новости</a></nav></header>
<main><article><h1>${escape(page.title)}</h1>
${page.paragraphs.map((p) => `<p>${escape(p)}</p>`).join("\n")}
</article></main>
<footer>© ${escape(page.site)}</footer>
</body></html>`;
}
