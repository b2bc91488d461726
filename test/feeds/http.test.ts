import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchError, HttpClient } from "../../src/feeds/http.ts";
import { LocalSite, ManualClock, until } from "./helpers.ts";

let site: LocalSite;
beforeAll(async () => {
  site = await LocalSite.start();
});
afterAll(() => site.close());

describe("fetching feeds and pages", () => {
  it("sends the validators back and gets 304", async () => {
    site.serve("/rss", "application/rss+xml", "<rss/>", '"v1"');
    const http = new HttpClient({ clock: new ManualClock(), hostDelayMs: 0 });
    const first = await http.get(site.url("/rss"));
    expect(first).toMatchObject({ status: "ok", body: "<rss/>", validators: { etag: '"v1"', lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" } });
    const second = await http.get(site.url("/rss"), first.status === "ok" ? first.validators : {});
    expect(second).toEqual({ status: "not-modified" });
    expect(site.requests.at(-1)?.headers).toMatchObject({ "if-none-match": '"v1"', "if-modified-since": "Tue, 01 Dec 2026 10:00:00 GMT" });
  });

  it("says what went wrong: an HTTP status, no answer in time", async () => {
    const clock = new ManualClock();
    const http = new HttpClient({ clock, hostDelayMs: 0, timeoutMs: 10_000 });
    await expect(http.get(site.url("/missing"))).rejects.toThrow(new FetchError("HTTP 404 Not Found"));
    site.route("/hang", () => {});
    const hanging = http.get(site.url("/hang"));
    await until(() => site.count("/hang") === 1, "the request");
    clock.advance(10_000);
    await expect(hanging).rejects.toThrow("no answer within 10 s");
  });

  it("decodes a page in the charset it declares", async () => {
    const bytes = Buffer.from([0xc6, 0xf3, 0xf1, 0xe0, 0xed]); // «Жусан» in windows-1251
    site.route("/cp1251", (_req, res) => res.writeHead(200, { "content-type": "text/html; charset=windows-1251" }).end(bytes));
    const page = await new HttpClient({ clock: new ManualClock(), hostDelayMs: 0 }).get(site.url("/cp1251"));
    expect(page.status === "ok" && page.body).toBe("Жусан");
  });

  it("waits between two requests to one host", async () => {
    site.serve("/a", "text/plain", "a");
    site.serve("/b", "text/plain", "b");
    const clock = new ManualClock();
    const http = new HttpClient({ clock, hostDelayMs: 3_000 });
    const before = site.requests.length;
    const first = http.get(site.url("/a"));
    const second = http.get(site.url("/b"));
    await first;
    await until(() => clock.waiting.includes(3_000), "the pause");
    expect(site.requests.length - before).toBe(1);
    clock.advance(3_000);
    await expect(second).resolves.toMatchObject({ status: "ok", body: "b" });
    expect(site.requests.length - before).toBe(2);
  });
});
