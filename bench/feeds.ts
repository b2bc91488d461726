import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { botEnvironment, startBot, TEST_TOKEN } from "../test/e2e/bot-process.ts";
import { startBotApi } from "../test/e2e/stand-in/bot-api.ts";
import { articlePage, rss, type FixtureItem } from "../test/feeds/helpers.ts";
import { relevanceSet } from "../test/feeds/relevance-set.ts";
import { QUESTIONS as BENCH_QUESTIONS, percentile, replyLatencies } from "./harness.ts";

/*
 * Issue 14's target: the feed watcher's polling never holds up answers. The bot answers the same
 * questions twice, without the watcher and then while it polls FEEDS feeds every few seconds; each
 * feed, on an address of its own (127.0.0.1, 127.0.0.2, …, so the per-host delay does not put
 * them in one queue), lists NEW_PER_POLL unrelated headlines it has not listed before, so that
 * every poll has items to classify; the first two feeds also list two about the operation, which
 * become drafts sent to the admin.
 */
const FEEDS = Number(process.env.BENCH_FEEDS ?? 20);
const NEW_PER_POLL = Number(process.env.BENCH_FEED_NEW ?? 5);
const POLL_MINUTES = process.env.BENCH_FEED_POLL_MINUTES ?? "0.05";
const ROUNDS = Number(process.env.BENCH_QUESTIONS ?? 300);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const ADMIN = 4242;

const { tuning, heldOut } = relevanceSet();
const labelled = [...tuning, ...heldOut];
const related = labelled.filter((item) => item.relevant);
const unrelated = labelled.filter((item) => !item.relevant);

/** One site per feed; `served` counts the feed documents handed out. */
async function startSites(): Promise<{ urls: string[]; served: () => number; close: () => Promise<void> }> {
  let served = 0;
  let fresh = 0;
  const servers: Server[] = [];
  const urls: string[] = [];
  for (let n = 1; n <= FEEDS; n++) {
    const host = `127.0.0.${n}`;
    const server = createServer((req, res) => {
      const path = req.url ?? "/";
      const base = `http://${host}:${(server.address() as AddressInfo).port}`;
      if (path === "/feed") {
        served++;
        const items: FixtureItem[] = [
          // Two items about the operation on the first two feeds: each becomes a draft the admin is sent (one a second).
          ...(n <= 2 ? [2 * n, 2 * n + 1] : []).map((i) => ({ title: related[i]!.title, lead: related[i]!.lead, link: `${base}/related/${i}` })),
          ...Array.from({ length: NEW_PER_POLL }, () => {
            const item = unrelated[fresh % unrelated.length]!;
            return { title: item.title, lead: item.lead, link: `${base}/other/${fresh++}` };
          }),
        ];
        res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" }).end(rss(`feed ${n}`, items));
        return;
      }
      const item = path.startsWith("/related/") ? related[Number(path.split("/")[2])] : undefined;
      if (!item) return void res.writeHead(404).end();
      const paragraphs = [item.lead, `${item.title}. ${item.lead}`, "Подробности сообщат позже; материал готовится для публикации в ленте новостей."];
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(articlePage({ lang: item.lang, title: item.title, site: `Site ${n}`, paragraphs }));
    });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    servers.push(server);
    urls.push(`http://${host}:${(server.address() as AddressInfo).port}/feed`);
  }
  return {
    urls,
    served: () => served,
    close: () => Promise.all(servers.map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve()))))).then(() => undefined),
  };
}

/** Asks ROUNDS questions at RATE a second, each from a new user; the update-to-reply times. */
async function replyTimes(env: Record<string, string>): Promise<{ latencies: number[]; output: string }> {
  const api = await startBotApi({ token: TEST_TOKEN });
  const environment = botEnvironment(api, { TELEGRAM_TIMEOUT_SECONDS: "15", ...env });
  if (env.FEEDS_FILE) writeFileSync(env.FEEDS_FILE, feedsYaml);
  const bot = await startBot(api, environment);
  // Let the watcher's first polls (which classify every labelled headline once) run before measuring.
  if (env.FEEDS_FILE) await new Promise((resolve) => setTimeout(resolve, 5000));
  const latencies = await replyLatencies(api, ROUNDS, RATE, BENCH_QUESTIONS);
  const output = bot.output();
  await bot.stop();
  await api.close();
  environment.cleanUp();
  return { latencies, output };
}

const sites = await startSites();
const feedsYaml = `interval_minutes: 30\nfeeds:\n${sites.urls.map((url, i) => `  - {id: f${i + 1}, outlet: Site ${i + 1}, lang: ${i % 2 ? "kk" : "ru"}, feed: "${url}"}`).join("\n")}\n`;
const quiet = await replyTimes({});
const feedsFile = join(process.env.TMPDIR ?? "/tmp", `bench-feeds-${process.pid}.yaml`);
const busy = await replyTimes({ FEEDS_FILE: feedsFile, FEED_POLL_MINUTES: POLL_MINUTES, ADMIN_IDS: String(ADMIN) });
await sites.close();

const polls = busy.output.split("\n").filter((line) => line.includes('"msg":"feeds polled"')).length;
const drafts = busy.output.split("\n").filter((line) => line.includes('"msg":"relevant feed item"')).length;
const describe = (l: number[]) => `p50 ${percentile(l, 50).toFixed(1)} ms, p99 ${percentile(l, 99).toFixed(1)} ms, max ${(l.at(-1) ?? NaN).toFixed(1)} ms`;
console.log(
  `feeds: update to reply without the watcher ${describe(quiet.latencies)} · while it polled ${FEEDS} feeds ` +
    `(${polls} polls, ${sites.served()} feed documents, ${NEW_PER_POLL} new unrelated items a feed a poll, ${drafts} drafts) ${describe(busy.latencies)} ` +
    `· ${ROUNDS} questions at ${RATE}/s each`,
);
