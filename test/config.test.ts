import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, dataDirOf, describeDatabase, loadConfig, loadSharedConfig, parseDatabaseUrl } from "../src/config.ts";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const env = (extra: Record<string, string | undefined> = {}) => ({ BOT_TOKEN: TOKEN, ...extra });

/** The ConfigError that `work` throws (failing the test if it throws nothing or something else). */
function configError(work: () => unknown): ConfigError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError, but nothing was thrown");
}

describe("loadConfig: the bot token", () => {
  it("takes a well-formed token, trimmed", () => {
    expect(loadConfig({ BOT_TOKEN: `  ${TOKEN}\n` }).botToken).toBe(TOKEN);
  });

  it("explains where to get a token when BOT_TOKEN is missing or blank", () => {
    for (const value of [undefined, "", "   "]) {
      const error = configError(() => loadConfig({ BOT_TOKEN: value }));
      expect(error.name).toBe("ConfigError");
      expect(error.message).toContain("BOT_TOKEN");
      expect(error.message).toContain("@BotFather");
      expect(error.message).toMatch(/not set/);
    }
  });

  it("refuses a token that does not look like one, and says where to get a real one", () => {
    for (const value of ["hello", "123456789", "123456789:short", "abc:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "12:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", `${TOKEN} extra`]) {
      const error = configError(() => loadConfig({ BOT_TOKEN: value }));
      expect(error.message, value).toContain("BOT_TOKEN");
      expect(error.message, value).toContain("@BotFather");
      expect(error.message, value).toMatch(/does not look like a bot token/);
    }
  });

  it("does not need a token for the shared configuration (the command-line tools)", () => {
    expect(() => loadSharedConfig({})).not.toThrow();
  });
});

describe("loadConfig: defaults", () => {
  it("fills in every setting that is not given", () => {
    const config = loadConfig(env());
    expect(config.apiRoot).toBe("https://api.telegram.org");
    expect(config.requestTimeoutSeconds).toBe(15);
    expect(config.database).toEqual({ kind: "sqlite", path: resolve("data/zhusan.sqlite") });
    expect(config.knowledgeDir).toBe("knowledge");
    expect(config.adminIds).toEqual([]);
    expect(config.webhook).toBeNull();
    expect(config.broadcastPerSecond).toBe(25);
  });

  it("takes KNOWLEDGE_DIR, trimmed, and ignores a blank one", () => {
    expect(loadSharedConfig({ KNOWLEDGE_DIR: " /srv/kb " }).knowledgeDir).toBe("/srv/kb");
    expect(loadSharedConfig({ KNOWLEDGE_DIR: "  " }).knowledgeDir).toBe("knowledge");
  });
});

describe("loadConfig: TELEGRAM_API_ROOT", () => {
  it("takes an http or https URL and drops trailing slashes", () => {
    expect(loadConfig(env({ TELEGRAM_API_ROOT: "http://127.0.0.1:8081/" })).apiRoot).toBe("http://127.0.0.1:8081");
    expect(loadConfig(env({ TELEGRAM_API_ROOT: "https://bot-api.example.org/tg///" })).apiRoot).toBe("https://bot-api.example.org/tg");
    expect(loadConfig(env({ TELEGRAM_API_ROOT: " https://bot-api.example.org " })).apiRoot).toBe("https://bot-api.example.org");
  });

  it("uses Telegram's own server when the variable is blank", () => {
    expect(loadConfig(env({ TELEGRAM_API_ROOT: "  " })).apiRoot).toBe("https://api.telegram.org");
  });

  it("refuses anything that is not an http(s) URL, naming the variable and the value", () => {
    for (const value of ["api.telegram.org", "ftp://api.telegram.org", "not a url", "file:///tmp/x"]) {
      const error = configError(() => loadConfig(env({ TELEGRAM_API_ROOT: value })));
      expect(error.message).toContain("TELEGRAM_API_ROOT");
      expect(error.message).toContain(value);
    }
  });
});

describe("parseDatabaseUrl", () => {
  it("defaults to an SQLite file under data/", () => {
    for (const value of [undefined, "", "  "]) {
      const database = parseDatabaseUrl(value);
      expect(database).toEqual({ kind: "sqlite", path: resolve("data/zhusan.sqlite") });
      expect(database.kind === "sqlite" && database.path).toMatch(/[/\\]data[/\\][^/\\]+\.sqlite$/);
    }
  });

  it("reads file:<path>, relative paths against the working directory", () => {
    expect(parseDatabaseUrl("file:db/bot.sqlite")).toEqual({ kind: "sqlite", path: resolve("db/bot.sqlite") });
    expect(parseDatabaseUrl("file:/var/lib/zhusan/bot.sqlite")).toEqual({ kind: "sqlite", path: "/var/lib/zhusan/bot.sqlite" });
    expect(parseDatabaseUrl(" file:/var/lib/zhusan/bot.sqlite ")).toEqual({ kind: "sqlite", path: "/var/lib/zhusan/bot.sqlite" });
  });

  it("reads the file:///absolute form as the absolute path", () => {
    expect(parseDatabaseUrl("file:///var/lib/zhusan/bot.sqlite")).toEqual({ kind: "sqlite", path: "/var/lib/zhusan/bot.sqlite" });
  });

  it("keeps file::memory: as an in-memory database", () => {
    expect(parseDatabaseUrl("file::memory:")).toEqual({ kind: "sqlite", path: ":memory:" });
  });

  it("refuses file: without a path", () => {
    const error = configError(() => parseDatabaseUrl("file:"));
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).toContain("file:data/zhusan.sqlite");
  });

  it("reads postgres:// and postgresql:// URLs as PostgreSQL, keeping the URL for the driver", () => {
    for (const value of ["postgres://user:pass@localhost/zhusan", "postgresql://localhost:5432/zhusan?sslmode=require", "postgres://db1:5432,db2:5432/zhusan"]) {
      expect(parseDatabaseUrl(` ${value} `)).toEqual({ kind: "postgres", url: value });
    }
  });

  it("refuses anything else, naming the value and both forms it takes", () => {
    for (const value of ["mysql://localhost/zhusan", "data/zhusan.sqlite", "sqlite:data/zhusan.sqlite", "postgres:/localhost/x", "junk"]) {
      const error = configError(() => parseDatabaseUrl(value));
      expect(error.message).toContain("DATABASE_URL");
      expect(error.message).toContain(value);
      expect(error.message).toContain("file:<path>");
      expect(error.message).toContain("postgres://");
    }
  });

  it("is what loadSharedConfig and loadConfig use", () => {
    expect(loadSharedConfig({ DATABASE_URL: "file:/tmp/x.sqlite" }).database).toEqual({ kind: "sqlite", path: "/tmp/x.sqlite" });
    expect(loadConfig(env({ DATABASE_URL: "postgres://localhost/x" })).database).toEqual({ kind: "postgres", url: "postgres://localhost/x" });
  });
});

describe("describeDatabase", () => {
  it("shows the SQLite file's path", () => {
    expect(describeDatabase({ kind: "sqlite", path: "/var/lib/zhusan/bot.sqlite" })).toBe("/var/lib/zhusan/bot.sqlite");
  });

  it("shows a PostgreSQL URL without its password or parameters", () => {
    const cases = [
      ["postgres://zhusan:s3cret@db.example:5432/zhusan?sslmode=require", "postgres://zhusan@db.example:5432/zhusan"],
      ["postgresql://zhusan:p@ss/w0rd@db.example/zhusan", "postgresql://zhusan@db.example/zhusan"],
      ["postgres://db1:5432,db2:5432/zhusan", "postgres://db1:5432,db2:5432/zhusan"],
      ["postgres://localhost", "postgres://localhost"],
    ];
    for (const [url, shown] of cases) expect(describeDatabase({ kind: "postgres", url: url as string })).toBe(shown);
  });
});

describe("dataDirOf", () => {
  it("is the SQLite file's folder, or data/ with PostgreSQL", () => {
    expect(dataDirOf({ kind: "sqlite", path: "/var/lib/zhusan/bot.sqlite" })).toBe("/var/lib/zhusan");
    expect(dataDirOf({ kind: "postgres", url: "postgres://localhost/x" })).toBe(resolve("data"));
  });
});

describe("ADMIN_IDS", () => {
  it("reads comma-separated user ids, with spaces around them", () => {
    expect(loadSharedConfig({ ADMIN_IDS: "12345" }).adminIds).toEqual([12345]);
    expect(loadSharedConfig({ ADMIN_IDS: " 12345, 678 ,9 " }).adminIds).toEqual([12345, 678, 9]);
  });

  it("is empty when unset or blank", () => {
    expect(loadSharedConfig({}).adminIds).toEqual([]);
    expect(loadSharedConfig({ ADMIN_IDS: "  " }).adminIds).toEqual([]);
  });

  it("refuses anything that is not a positive whole number, naming the bad part", () => {
    for (const [value, bad] of [
      ["123,abc", "abc"],
      ["123,,456", ""],
      ["-5", "-5"],
      ["0", "0"],
      ["1.5", "1.5"],
      ["@someone", "@someone"],
      ["99999999999999999999", "99999999999999999999"],
    ] as const) {
      const error = configError(() => loadSharedConfig({ ADMIN_IDS: value }));
      expect(error.message, value).toContain("ADMIN_IDS");
      expect(error.message, value).toContain(`"${bad}"`);
    }
  });
});

describe("webhook", () => {
  const SECRET = "s3cret_token-with-enough-length";

  it("is off without WEBHOOK_URL", () => {
    expect(loadConfig(env({ WEBHOOK_SECRET: SECRET, PORT: "9000" })).webhook).toBeNull();
    expect(loadConfig(env({ WEBHOOK_URL: "  " })).webhook).toBeNull();
  });

  it("takes an https URL with a secret, and port 8080 by default", () => {
    expect(loadConfig(env({ WEBHOOK_URL: "https://bot.example.org/hook", WEBHOOK_SECRET: SECRET })).webhook).toEqual({
      url: "https://bot.example.org/hook",
      secret: SECRET,
      port: 8080,
    });
  });

  it("allows plain http only to this machine (behind a local proxy or in tests)", () => {
    expect(loadConfig(env({ WEBHOOK_URL: "http://127.0.0.1:8443/hook", WEBHOOK_SECRET: SECRET })).webhook?.url).toBe("http://127.0.0.1:8443/hook");
    expect(loadConfig(env({ WEBHOOK_URL: "http://localhost/hook", WEBHOOK_SECRET: SECRET })).webhook?.url).toBe("http://localhost/hook");
  });

  it("refuses a URL Telegram cannot use", () => {
    for (const url of ["http://bot.example.org/hook", "bot.example.org/hook", "ftp://bot.example.org", "http://localhost.evil.org/hook"]) {
      const error = configError(() => loadConfig(env({ WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET })));
      expect(error.message, url).toContain("WEBHOOK_URL");
      expect(error.message, url).toContain("https");
    }
  });

  it("needs a WEBHOOK_SECRET of 16 to 256 characters of A-Z, a-z, 0-9, _ and -", () => {
    const url = "https://bot.example.org/hook";
    for (const secret of [undefined, "", "short", "a".repeat(15), "a".repeat(257), "has spaces in the secret", "кириллица-секрет-длинный", "semi;colons;are;not;allowed"]) {
      const error = configError(() => loadConfig(env({ WEBHOOK_URL: url, WEBHOOK_SECRET: secret })));
      expect(error.message, String(secret)).toContain("WEBHOOK_SECRET");
    }
    for (const secret of ["a".repeat(16), "A-z_0".repeat(51) + "a", "  padded_secret_value_ok  "]) {
      expect(loadConfig(env({ WEBHOOK_URL: url, WEBHOOK_SECRET: secret })).webhook?.secret).toBe(secret.trim());
    }
  });

  it("reads PORT as a positive whole number", () => {
    const base = { WEBHOOK_URL: "https://bot.example.org/hook", WEBHOOK_SECRET: SECRET };
    expect(loadConfig(env({ ...base, PORT: "3000" })).webhook?.port).toBe(3000);
    for (const port of ["0", "-1", "80.5", "http", "1e3x"]) {
      const error = configError(() => loadConfig(env({ ...base, PORT: port })));
      expect(error.message, port).toContain("PORT");
      expect(error.message, port).toContain(port);
    }
  });
});

describe("TELEGRAM_TIMEOUT_SECONDS", () => {
  it("reads a positive whole number, and refuses anything else", () => {
    expect(loadConfig(env({ TELEGRAM_TIMEOUT_SECONDS: "30" })).requestTimeoutSeconds).toBe(30);
    const error = configError(() => loadConfig(env({ TELEGRAM_TIMEOUT_SECONDS: "0" })));
    expect(error.message).toContain("TELEGRAM_TIMEOUT_SECONDS");
  });
});

describe("BROADCAST_PER_SECOND", () => {
  it("is 25 by default", () => {
    expect(loadConfig(env()).broadcastPerSecond).toBe(25);
    expect(loadConfig(env({ BROADCAST_PER_SECOND: " " })).broadcastPerSecond).toBe(25);
  });

  it("takes any whole number from 1 to 30", () => {
    expect(loadConfig(env({ BROADCAST_PER_SECOND: "1" })).broadcastPerSecond).toBe(1);
    expect(loadConfig(env({ BROADCAST_PER_SECOND: "30" })).broadcastPerSecond).toBe(30);
  });

  it("refuses more than Telegram's 30 a second", () => {
    const error = configError(() => loadConfig(env({ BROADCAST_PER_SECOND: "31" })));
    expect(error.message).toContain("BROADCAST_PER_SECOND");
    expect(error.message).toContain("30");
    expect(error.message).toContain("31");
  });

  it("refuses zero, negatives, fractions and words", () => {
    for (const value of ["0", "-3", "2.5", "fast"]) {
      const error = configError(() => loadConfig(env({ BROADCAST_PER_SECOND: value })));
      expect(error.message, value).toContain("BROADCAST_PER_SECOND");
    }
  });
});

describe("CLAIM_LEASE_SECONDS", () => {
  it("is 15 by default, takes a positive whole number, and refuses anything else", () => {
    expect(loadConfig(env()).leaseSeconds).toBe(15);
    expect(loadConfig(env({ CLAIM_LEASE_SECONDS: "5" })).leaseSeconds).toBe(5);
    for (const value of ["0", "-1", "1.5", "soon"]) {
      expect(configError(() => loadConfig(env({ CLAIM_LEASE_SECONDS: value }))).message, value).toContain("CLAIM_LEASE_SECONDS");
    }
  });
});

describe("the feed watcher's settings", () => {
  it("reads feeds.yaml in the knowledge folder and its interval unless FEEDS_FILE and FEED_POLL_MINUTES say otherwise", () => {
    expect(loadConfig(env())).toMatchObject({ feedsFile: "knowledge/feeds.yaml", feedPollMinutes: null });
    expect(loadConfig(env({ KNOWLEDGE_DIR: "/srv/kb" })).feedsFile).toBe("/srv/kb/feeds.yaml");
    expect(loadConfig(env({ FEEDS_FILE: " /etc/feeds.yaml ", FEED_POLL_MINUTES: "45" }))).toMatchObject({ feedsFile: "/etc/feeds.yaml", feedPollMinutes: 45 });
  });

  it("takes 0 (off) and fractions of a minute, and refuses negatives and words", () => {
    expect(loadConfig(env({ FEED_POLL_MINUTES: "0" })).feedPollMinutes).toBe(0);
    expect(loadConfig(env({ FEED_POLL_MINUTES: "0.5" })).feedPollMinutes).toBe(0.5);
    for (const value of ["-1", "often"]) {
      expect(configError(() => loadConfig(env({ FEED_POLL_MINUTES: value }))).message, value).toContain("FEED_POLL_MINUTES");
    }
  });
});
