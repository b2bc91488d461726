import { dirname, isAbsolute, join, resolve } from "node:path";

/** A configuration problem, told to the operator in one line that names the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export type DatabaseConfig = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

export interface WebhookConfig {
  url: string;
  secret: string;
  port: number;
}

export interface Config {
  botToken: string;
  apiRoot: string;
  /** How long one Bot API request may take before it is abandoned and retried (not getUpdates). */
  requestTimeoutSeconds: number;
  database: DatabaseConfig;
  knowledgeDir: string;
  adminIds: number[];
  webhook: WebhookConfig | null;
  /** Announcements a second at most, all chats together. */
  broadcastPerSecond: number;
  /** How long an instance's claims on updates and announcements hold without renewal: how soon another takes over from one that died. */
  leaseSeconds: number;
  /** The feeds the watcher polls for new material (FEEDS_FILE; default feeds.yaml in the knowledge folder). */
  feedsFile: string;
  /**
   * Minutes between polls of the feeds (FEED_POLL_MINUTES; fractions allowed); 0 turns the watcher
   * off; null when not set: the feeds file's interval_minutes.
   */
  feedPollMinutes: number | null;
  /** In polling mode, the port of /healthz, /readyz and /metrics (none unless HEALTH_PORT or PORT is set); webhook mode serves them on its own port. */
  healthPort: number | null;
}

type Env = Record<string, string | undefined>;

const DEFAULT_DATABASE = "data/zhusan.sqlite";
const TOKEN = /^\d{3,}:[\w-]{20,}$/;
const BOTFATHER = "open @BotFather in Telegram (https://t.me/BotFather), send /newbot, and put the token it gives you into BOT_TOKEN (in the environment or in .env)";

/** Where the knowledge base is: all the command-line tools need, none of them the database. */
export const knowledgeDirOf = (env: Env = process.env): string => env.KNOWLEDGE_DIR?.trim() || "knowledge";

/** Everything but the token, which only `npm start` needs. */
export function loadSharedConfig(env: Env = process.env): Omit<Config, "botToken" | "webhook" | "apiRoot" | "requestTimeoutSeconds" | "broadcastPerSecond" | "healthPort" | "leaseSeconds" | "feedsFile" | "feedPollMinutes"> {
  return {
    database: parseDatabaseUrl(env.DATABASE_URL),
    knowledgeDir: knowledgeDirOf(env),
    adminIds: parseAdminIds(env.ADMIN_IDS),
  };
}

export function loadConfig(env: Env = process.env): Config {
  const token = env.BOT_TOKEN?.trim();
  if (!token) throw new ConfigError(`BOT_TOKEN is not set: ${BOTFATHER}.`);
  if (!TOKEN.test(token)) throw new ConfigError(`BOT_TOKEN does not look like a bot token (digits, a colon, then letters): ${BOTFATHER}.`);
  return {
    ...loadSharedConfig(env),
    botToken: token,
    apiRoot: parseApiRoot(env.TELEGRAM_API_ROOT),
    requestTimeoutSeconds: parsePositive(env.TELEGRAM_TIMEOUT_SECONDS, "TELEGRAM_TIMEOUT_SECONDS", 15),
    webhook: parseWebhook(env),
    broadcastPerSecond: parseBroadcastRate(env.BROADCAST_PER_SECOND),
    leaseSeconds: parsePositive(env.CLAIM_LEASE_SECONDS, "CLAIM_LEASE_SECONDS", 15),
    healthPort: env.HEALTH_PORT?.trim() ? parsePositive(env.HEALTH_PORT, "HEALTH_PORT", 0) : env.PORT?.trim() ? parsePositive(env.PORT, "PORT", 0) : null,
    feedsFile: env.FEEDS_FILE?.trim() || join(knowledgeDirOf(env), "feeds.yaml"),
    feedPollMinutes: parsePollMinutes(env.FEED_POLL_MINUTES),
  };
}

function parseApiRoot(value: string | undefined): string {
  const root = value?.trim() || "https://api.telegram.org";
  if (!isHttpUrl(root)) throw new ConfigError(`TELEGRAM_API_ROOT must be an http(s) URL, got "${root}".`);
  return root.replace(/\/+$/, "");
}

export function parseDatabaseUrl(value: string | undefined): DatabaseConfig {
  const url = value?.trim() || `file:${DEFAULT_DATABASE}`;
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!path) throw new ConfigError('DATABASE_URL "file:" needs a path, e.g. file:data/zhusan.sqlite.');
    return { kind: "sqlite", path: path === ":memory:" ? path : isAbsolute(path) ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return { kind: "postgres", url };
  }
  throw new ConfigError(`DATABASE_URL must be file:<path> (SQLite) or postgres://user:password@host:port/database (PostgreSQL), got "${url}".`);
}

/** The database as it may be shown in logs and messages: the SQLite file, or the PostgreSQL URL without its password. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === "sqlite") return database.path;
  // By hand rather than with URL: PostgreSQL's host1:port1,host2:port2 is not a valid URL.
  const [, scheme, user, hosts, path] = /^([a-z]+:\/\/)(?:([^:@]*)(?::.*)?@)?([^/?#@]*)(\/[^?#]*)?/.exec(database.url) ?? [];
  return `${scheme ?? ""}${user ? `${user}@` : ""}${hosts ?? ""}${path ?? ""}`;
}

/** The folder the bot may always write to: beside the SQLite file, or data/ with PostgreSQL. */
export function dataDirOf(database: DatabaseConfig): string {
  return database.kind === "sqlite" ? dirname(database.path) : resolve(DEFAULT_DATABASE, "..");
}

function parseAdminIds(value: string | undefined): number[] {
  if (!value?.trim()) return [];
  return value.split(",").map((part) => {
    const id = Number(part.trim());
    if (!Number.isSafeInteger(id) || id <= 0) throw new ConfigError(`ADMIN_IDS must be comma-separated Telegram user ids, got "${part.trim()}".`);
    return id;
  });
}

function parseWebhook(env: Env): WebhookConfig | null {
  const url = env.WEBHOOK_URL?.trim();
  if (!url) return null;
  if (!/^https:\/\//.test(url) && !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) {
    throw new ConfigError(`WEBHOOK_URL must be an https URL that Telegram can reach, got "${url}".`);
  }
  const secret = env.WEBHOOK_SECRET?.trim();
  if (!secret || !/^[A-Za-z0-9_-]{16,256}$/.test(secret)) {
    throw new ConfigError("WEBHOOK_SECRET must be set with WEBHOOK_URL: 16 to 256 characters of A-Z, a-z, 0-9, _ and -.");
  }
  return { url, secret, port: parsePositive(env.PORT, "PORT", 8080) };
}

/** Telegram allows about 30 messages a second in all; announcements must leave room for answers. */
const MAX_BROADCAST_PER_SECOND = 30;

function parseBroadcastRate(value: string | undefined): number {
  const rate = parsePositive(value, "BROADCAST_PER_SECOND", 25);
  if (rate > MAX_BROADCAST_PER_SECOND) throw new ConfigError(`BROADCAST_PER_SECOND must be at most ${MAX_BROADCAST_PER_SECOND} (Telegram's limit), got ${rate}.`);
  return rate;
}

function parsePollMinutes(value: string | undefined): number | null {
  if (!value?.trim()) return null;
  const minutes = Number(value);
  if (!Number.isFinite(minutes) || minutes < 0) throw new ConfigError(`FEED_POLL_MINUTES must be a number of minutes (0 turns the feed watcher off), got "${value}".`);
  return minutes;
}

function parsePositive(value: string | undefined, name: string, fallback: number): number {
  if (!value?.trim()) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new ConfigError(`${name} must be a positive whole number, got "${value}".`);
  return number;
}

function isHttpUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
