import Database from "better-sqlite3";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { LANGS, type Lang } from "../knowledge/types.ts";
import { loggedSend, SEND_LOG_WINDOW_MS, slotWait, type SlotRequest, type SlotResult } from "../telegram/send-slots.ts";
import {
  DatabaseUnavailable,
  EVERYTHING,
  draftFromRow,
  type ChatKind,
  type DislikedAnswer,
  type Draft,
  type DraftDecision,
  type DraftStatus,
  type Feedback,
  type Heartbeat,
  type InboxUpdate,
  type Lease,
  type NewDraft,
  type OutboxCounts,
  type OutboxMessage,
  type Publication,
  type PublishedItem,
  type QuestionStats,
  type Storage,
  type Subscriber,
  type Subscription,
} from "./storage.ts";

type Row = Record<string, unknown>;
type Value = number | string | null;

/** Each entry moves the schema one version up; never edit an entry once it has shipped. */
const MIGRATIONS = [
  `CREATE TABLE users (
     user_id INTEGER PRIMARY KEY,
     language TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   )`,
  `CREATE TABLE subscriptions (
     chat_id INTEGER PRIMARY KEY,
     kind TEXT NOT NULL,
     language TEXT NOT NULL,
     active INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE published_items (
     item TEXT PRIMARY KEY,
     published_at INTEGER NOT NULL
   );
   CREATE TABLE outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     item TEXT NOT NULL,
     chat_id INTEGER NOT NULL,
     text TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     sent_at INTEGER,
     error TEXT,
     UNIQUE (item, chat_id)
   );
   CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);
   CREATE TABLE publications (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     requested_by TEXT NOT NULL,
     requested_at INTEGER NOT NULL,
     status TEXT NOT NULL,
     result TEXT
   );
   CREATE TABLE questions (
     day TEXT NOT NULL,
     question TEXT NOT NULL,
     language TEXT NOT NULL,
     found INTEGER NOT NULL,
     asked_at INTEGER NOT NULL
   );
   CREATE INDEX questions_by_day ON questions (day, found);`,
  `CREATE TABLE feedback (
     user_id INTEGER NOT NULL,
     message_id INTEGER NOT NULL,
     passage TEXT NOT NULL,
     vote INTEGER NOT NULL,
     voted_at INTEGER NOT NULL,
     PRIMARY KEY (user_id, message_id)
   );
   CREATE INDEX feedback_by_time ON feedback (voted_at);`,
  `CREATE TABLE inbox (
     update_id INTEGER PRIMARY KEY,
     payload TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     done_at INTEGER
   );
   CREATE INDEX inbox_pending ON inbox (done_at, update_id);`,
  `CREATE TABLE heartbeat (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     at INTEGER NOT NULL,
     running INTEGER NOT NULL
   );`,
  `ALTER TABLE inbox ADD COLUMN chat_key TEXT NOT NULL DEFAULT '';
   UPDATE inbox SET chat_key = 'update:' || update_id;
   ALTER TABLE inbox ADD COLUMN claimed_by TEXT;
   ALTER TABLE inbox ADD COLUMN lease_until INTEGER;
   CREATE INDEX inbox_unhandled_by_chat ON inbox (chat_key, update_id) WHERE done_at IS NULL;
   ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
   ALTER TABLE outbox ADD COLUMN lease_until INTEGER;`,
  `CREATE TABLE send_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     answered_at INTEGER,
     chat_id INTEGER,
     kind TEXT NOT NULL
   );
   CREATE INDEX send_log_by_time ON send_log (at);
   CREATE INDEX send_log_by_chat ON send_log (chat_id, at);`,
  `CREATE TABLE feed_seen (
     key TEXT PRIMARY KEY,
     seen_at INTEGER NOT NULL
   );
   CREATE TABLE drafts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     url TEXT NOT NULL UNIQUE,
     feed TEXT NOT NULL,
     article TEXT NOT NULL,
     title TEXT NOT NULL,
     score REAL NOT NULL,
     about TEXT NOT NULL,
     status TEXT NOT NULL,
     found_at INTEGER NOT NULL,
     told_at INTEGER,
     decided_by INTEGER,
     decided_name TEXT,
     decided_at INTEGER,
     article_id TEXT
   );
   CREATE INDEX drafts_by_status ON drafts (status, id);
   CREATE TABLE title_edits (
     admin_id INTEGER PRIMARY KEY,
     draft_id INTEGER NOT NULL,
     until INTEGER NOT NULL
   );`,
  `ALTER TABLE subscriptions ADD COLUMN topics TEXT NOT NULL DEFAULT '["all"]';
   ALTER TABLE subscriptions ADD COLUMN weekly INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE published_items ADD COLUMN about TEXT;
   CREATE INDEX published_items_by_time ON published_items (published_at);
   CREATE TABLE digests (
     week TEXT PRIMARY KEY,
     queued_at INTEGER NOT NULL
   );`,
];

/** The version a file is at once opened: how many migrations it has had. */
export const SCHEMA_VERSION = MIGRATIONS.length;

const DAY_MS = 86_400_000;
const TOP_NOT_FOUND = 10;
const TOP_DISLIKED = 10;
const asLang = (value: unknown): Lang => LANGS.find((lang) => lang === value) ?? "ru";
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

/** How long a statement waits while another process (npm run publish, a backup) holds the write lock. */
const BUSY_TIMEOUT_MS = 15_000;

/** Opens the database DATABASE_URL names, or throws DatabaseUnavailable naming the variable and the reason. */
export function openDatabase(path: string): SqliteStorage {
  try {
    return SqliteStorage.open(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (path !== ":memory:" && existsSync(path)) {
      try {
        return SqliteStorage.openReadOnly(path);
      } catch {
        // Not readable either: the first reason is the one to tell.
      }
    }
    throw new DatabaseUnavailable(`DATABASE_URL: cannot open ${path}: ${reason}`);
  }
}

/**
 * Storage in an embedded SQLite file, in WAL mode: readers never wait for the writer, a backup tool
 * (sqlite3 .backup, litestream) can copy it while the bot runs, and SQLite's own file locks keep
 * two processes apart. Every commit reaches the disk before it returns (synchronous = FULL): an
 * update is confirmed to Telegram only once it is stored.
 */
export class SqliteStorage implements Storage {
  readonly shared = false;
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(private readonly db: Database.Database) {}

  get readOnly(): boolean {
    return this.db.readonly;
  }

  static open(path: string): SqliteStorage {
    if (path !== ":memory:") makeDirectory(dirname(path));
    const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    const storage = new SqliteStorage(db);
    storage.migrate();
    return storage;
  }

  /**
   * The file as it is on disk, read into memory and opened read-only, for a file the bot cannot
   * write (a read-only disk or folder, where SQLite cannot even open a WAL-mode file to read it).
   * Changes not yet checkpointed from a WAL file are not in the copy.
   */
  static openReadOnly(path: string): SqliteStorage {
    const file = readFileSync(path);
    // A copy in memory cannot be in WAL mode: the header's format versions (bytes 18, 19) say "rollback journal" (1) instead.
    if (file.length >= 100) file.fill(1, 18, 20);
    const db = new Database(file, { readonly: true });
    const version = Number(db.pragma("user_version", { simple: true }) ?? 0);
    if (version !== MIGRATIONS.length) {
      db.close();
      throw new Error(`its schema is version ${version}, and a read-only file cannot be brought to ${MIGRATIONS.length}`);
    }
    return new SqliteStorage(db);
  }

  private migrate(): void {
    const version = Number(this.db.pragma("user_version", { simple: true }) ?? 0);
    MIGRATIONS.slice(version).forEach((sql, i) => {
      this.transaction(() => {
        this.db.exec(sql);
        this.db.pragma(`user_version = ${version + i + 1}`);
      });
    });
  }

  async getLanguage(userId: number): Promise<Lang | null> {
    const language = this.get("SELECT language FROM users WHERE user_id = ?", [userId])?.language;
    return LANGS.find((lang) => lang === language) ?? null;
  }

  async setLanguage(userId: number, lang: Lang): Promise<void> {
    this.run(
      `INSERT INTO users (user_id, language, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at`,
      [userId, lang, Date.now()],
    );
  }

  async subscribe(chatId: number, kind: ChatKind, lang: Lang): Promise<void> {
    this.run(
      `INSERT INTO subscriptions (chat_id, kind, language, active, updated_at, topics, weekly) VALUES (?, ?, ?, 1, ?, ?, 0)
       ON CONFLICT (chat_id) DO UPDATE SET kind = excluded.kind, language = excluded.language, updated_at = excluded.updated_at,
         topics = CASE WHEN active = 1 THEN topics ELSE excluded.topics END, weekly = CASE WHEN active = 1 THEN weekly ELSE 0 END, active = 1`,
      [chatId, kind, lang, Date.now(), JSON.stringify([EVERYTHING])],
    );
  }

  async setSubscription(chatId: number, kind: ChatKind, lang: Lang, { topics, weekly }: Subscription): Promise<void> {
    this.run(
      `INSERT INTO subscriptions (chat_id, kind, language, active, updated_at, topics, weekly) VALUES (?, ?, ?, 1, ?, ?, ?)
       ON CONFLICT (chat_id) DO UPDATE SET kind = excluded.kind, language = excluded.language, active = 1, updated_at = excluded.updated_at,
         topics = excluded.topics, weekly = excluded.weekly`,
      [chatId, kind, lang, Date.now(), JSON.stringify(topics), weekly ? 1 : 0],
    );
  }

  async unsubscribe(chatId: number): Promise<void> {
    this.transaction(() => {
      this.run("UPDATE subscriptions SET active = 0, updated_at = ? WHERE chat_id = ?", [Date.now(), chatId]);
      this.run("UPDATE outbox SET status = 'failed', error = 'unsubscribed' WHERE chat_id = ? AND status = 'pending'", [chatId]);
    });
  }

  async isSubscribed(chatId: number): Promise<boolean> {
    return this.get("SELECT 1 AS yes FROM subscriptions WHERE chat_id = ? AND active = 1", [chatId]) !== null;
  }

  async subscription(chatId: number): Promise<Subscription | null> {
    const row = this.get("SELECT topics, weekly FROM subscriptions WHERE chat_id = ? AND active = 1", [chatId]);
    return row ? subscriptionFromRow(row) : null;
  }

  async subscribers(): Promise<Subscriber[]> {
    return this.all("SELECT chat_id, language, topics, weekly FROM subscriptions WHERE active = 1 ORDER BY chat_id").map((row) => ({
      chatId: Number(row.chat_id),
      lang: asLang(row.language),
      ...subscriptionFromRow(row),
    }));
  }

  async subscriberCounts(): Promise<Record<Lang, number>> {
    const counts: Record<Lang, number> = { ru: 0, kk: 0 };
    for (const row of this.all("SELECT language, COUNT(*) AS n FROM subscriptions WHERE active = 1 GROUP BY language")) {
      counts[asLang(row.language)] += Number(row.n);
    }
    return counts;
  }

  async moveChat(oldChatId: number, newChatId: number): Promise<void> {
    this.transaction(() => {
      this.run(
        `INSERT INTO subscriptions (chat_id, kind, language, active, updated_at, topics, weekly)
         SELECT ?, kind, language, active, ?, topics, weekly FROM subscriptions WHERE chat_id = ?
         ON CONFLICT (chat_id) DO UPDATE SET active = excluded.active, language = excluded.language, topics = excluded.topics, weekly = excluded.weekly`,
        [newChatId, Date.now(), oldChatId],
      );
      this.run("UPDATE subscriptions SET active = 0 WHERE chat_id = ?", [oldChatId]);
      this.run("UPDATE OR IGNORE outbox SET chat_id = ? WHERE chat_id = ? AND status IN ('pending', 'sending')", [newChatId, oldChatId]);
    });
  }

  async publishedItems(): Promise<Set<string>> {
    return new Set(this.all("SELECT item FROM published_items").map((row) => String(row.item)));
  }

  async publish(items: string[], messages: { item: string; chatId: number; text: string }[], about = new Map<string, string[]>()): Promise<void> {
    const now = Date.now();
    this.transaction(() => {
      for (const item of items) {
        const entries = about.get(item);
        this.run("INSERT OR IGNORE INTO published_items (item, published_at, about) VALUES (?, ?, ?)", [item, now, entries ? JSON.stringify(entries) : null]);
      }
      this.queue(messages, now);
    });
  }

  async publishedBetween(since: number, until: number): Promise<PublishedItem[]> {
    const rows = this.all(
      "SELECT item, about, published_at FROM published_items WHERE about IS NOT NULL AND published_at >= ? AND published_at < ? ORDER BY published_at, item",
      [since, until],
    );
    return rows.map((row) => ({ item: String(row.item), about: JSON.parse(String(row.about)) as string[], publishedAt: Number(row.published_at) }));
  }

  async queueDigests(week: string, messages: { item: string; chatId: number; text: string }[]): Promise<boolean> {
    const now = Date.now();
    return this.transaction(() => {
      if (this.run("INSERT OR IGNORE INTO digests (week, queued_at) VALUES (?, ?)", [week, now]).changes === 0) return false;
      this.queue(messages, now);
      return true;
    });
  }

  /** Queues each message once: a second queueing of the same item for the same chat is ignored. */
  private queue(messages: { item: string; chatId: number; text: string }[], now: number): void {
    for (const { item, chatId, text } of messages) {
      this.run("INSERT OR IGNORE INTO outbox (item, chat_id, text, status, next_attempt_at) VALUES (?, ?, ?, 'pending', ?)", [item, chatId, text, now]);
    }
  }

  async nextOutbox(now: number, lease?: Lease): Promise<OutboxMessage | null> {
    return this.transaction(() => {
      const row = this.get(
        `SELECT id, item, chat_id, text, attempts FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
         AND (claimed_by IS NULL OR claimed_by = ? OR lease_until IS NULL OR lease_until < ?)
         ORDER BY next_attempt_at, id LIMIT 1`,
        [now, lease?.owner ?? null, now],
      );
      if (!row) return null;
      if (lease) this.run("UPDATE outbox SET claimed_by = ?, lease_until = ? WHERE id = ?", [lease.owner, lease.until, Number(row.id)]);
      return { id: Number(row.id), item: String(row.item), chatId: Number(row.chat_id), text: String(row.text), attempts: Number(row.attempts) };
    });
  }

  async startSending(id: number): Promise<boolean> {
    return this.run("UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending'", [id]).changes > 0;
  }

  async markSent(id: number): Promise<void> {
    this.run("UPDATE outbox SET status = 'sent', sent_at = ?, error = NULL WHERE id = ?", [Date.now(), id]);
  }

  async markFailed(id: number, error: string): Promise<void> {
    this.run("UPDATE outbox SET status = 'failed', error = ? WHERE id = ?", [error, id]);
  }

  async retryLater(id: number, at: number, error: string): Promise<void> {
    // A message failed meanwhile (its chat unsubscribed) stays failed.
    this.run(
      "UPDATE outbox SET status = 'pending', next_attempt_at = ?, error = ?, claimed_by = NULL, lease_until = NULL WHERE id = ? AND status IN ('pending', 'sending')",
      [at, error, id],
    );
  }

  async settleInterrupted(expiredBefore: number): Promise<number> {
    return this.run(
      "UPDATE outbox SET status = 'sent', error = 'interrupted while sending; not sent again' WHERE status = 'sending' AND (lease_until IS NULL OR lease_until < ?)",
      [expiredBefore],
    ).changes;
  }

  async outboxCounts(): Promise<OutboxCounts> {
    const counts: OutboxCounts = { pending: 0, sent: 0, failed: 0 };
    for (const row of this.all("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")) {
      const status = String(row.status);
      if (status === "sent") counts.sent += Number(row.n);
      else if (status === "failed") counts.failed += Number(row.n);
      else counts.pending += Number(row.n);
    }
    return counts;
  }

  async requestPublication(requestedBy: string): Promise<number> {
    return Number(this.run("INSERT INTO publications (requested_by, requested_at, status) VALUES (?, ?, 'requested')", [requestedBy, Date.now()]).lastInsertRowid);
  }

  async recordPublication(requestedBy: string, result: string): Promise<number> {
    return Number(
      this.run("INSERT INTO publications (requested_by, requested_at, status, result) VALUES (?, ?, 'done', ?)", [requestedBy, Date.now(), result]).lastInsertRowid,
    );
  }

  async takePublication(): Promise<Publication | null> {
    return this.transaction(() => {
      const row = this.get("SELECT id FROM publications WHERE status = 'requested' ORDER BY id LIMIT 1");
      if (!row) return null;
      this.run("UPDATE publications SET status = 'running' WHERE id = ?", [Number(row.id)]);
      return { id: Number(row.id), status: "running", result: null } satisfies Publication;
    });
  }

  async finishPublication(id: number, status: "done" | "failed", result: string): Promise<void> {
    this.run("UPDATE publications SET status = ?, result = ? WHERE id = ?", [status, result, id]);
  }

  async publication(id: number): Promise<Publication | null> {
    const row = this.get("SELECT id, status, result FROM publications WHERE id = ?", [id]);
    if (!row) return null;
    return { id, status: String(row.status) as Publication["status"], result: row.result === null ? null : String(row.result) };
  }

  async latestPublished(): Promise<number> {
    return Number(this.get("SELECT COALESCE(MAX(id), 0) AS id FROM publications WHERE status = 'done'")?.id ?? 0);
  }

  async beat(at: number, running: boolean): Promise<void> {
    this.run(
      "INSERT INTO heartbeat (id, at, running) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at, running = excluded.running",
      [at, running ? 1 : 0],
    );
  }

  async lastBeat(): Promise<Heartbeat | null> {
    const row = this.get("SELECT at, running FROM heartbeat WHERE id = 1");
    return row ? { at: Number(row.at), running: row.running === 1 } : null;
  }

  async logQuestion(question: string, lang: Lang, found: boolean, at: number): Promise<void> {
    this.run("INSERT INTO questions (day, question, language, found, asked_at) VALUES (?, ?, ?, ?, ?)", [dayOf(at), question, lang, found ? 1 : 0, at]);
    // Questions are kept for a month: enough for the statistics, no longer than they are needed.
    if (Math.random() < 0.01) this.run("DELETE FROM questions WHERE asked_at < ?", [at - 31 * DAY_MS]);
  }

  async questionStats(now: number): Promise<QuestionStats> {
    const day = dayOf(now);
    const count = (found: number) => Number(this.get("SELECT COUNT(*) AS n FROM questions WHERE day = ? AND found = ?", [day, found])?.n ?? 0);
    const top = this.all(
      "SELECT question, COUNT(*) AS n FROM questions WHERE found = 0 AND asked_at >= ? GROUP BY question ORDER BY n DESC, question LIMIT ?",
      [now - 7 * DAY_MS, TOP_NOT_FOUND],
    );
    return {
      answeredToday: count(1),
      notFoundToday: count(0),
      topNotFound: top.map((row) => ({ question: String(row.question), count: Number(row.n) })),
    };
  }

  async recordFeedback({ userId, messageId, passage, vote, at }: Feedback): Promise<void> {
    this.run(
      `INSERT INTO feedback (user_id, message_id, passage, vote, voted_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, message_id) DO UPDATE SET passage = excluded.passage, vote = excluded.vote, voted_at = excluded.voted_at`,
      [userId, messageId, passage, vote, at],
    );
  }

  async dislikedAnswers(now: number): Promise<DislikedAnswer[]> {
    const rows = this.all(
      `SELECT passage, SUM(vote < 0) AS down, SUM(vote > 0) AS up FROM feedback WHERE voted_at >= ?
       GROUP BY passage HAVING down > 0 ORDER BY down DESC, up, passage LIMIT ?`,
      [now - 30 * DAY_MS, TOP_DISLIKED],
    );
    return rows.map((row) => ({ passage: String(row.passage), down: Number(row.down), up: Number(row.up) }));
  }

  async inboxAdd(updates: (InboxUpdate & { chat?: string })[], now: number): Promise<InboxUpdate[]> {
    return this.transaction(() =>
      updates
        .filter(
          ({ updateId, payload, chat }) =>
            this.run("INSERT OR IGNORE INTO inbox (update_id, payload, received_at, chat_key) VALUES (?, ?, ?, ?)", [updateId, payload, now, chat ?? `update:${updateId}`]).changes > 0,
        )
        .map(({ updateId, payload }) => ({ updateId, payload })),
    );
  }

  async inboxClaim({ owner, until }: Lease, expiredBefore: number, chats: number): Promise<InboxUpdate[]> {
    return this.transaction(() => {
      const rows = this.all(
        `UPDATE inbox SET claimed_by = ?, lease_until = ?
         WHERE done_at IS NULL AND NOT (claimed_by IS ? AND lease_until >= ?) AND chat_key IN (
           SELECT chat_key FROM inbox WHERE done_at IS NULL GROUP BY chat_key
           HAVING SUM(claimed_by IS NOT NULL AND claimed_by <> ? AND lease_until >= ?) = 0
             AND SUM(NOT (claimed_by IS ? AND lease_until >= ?)) > 0
           ORDER BY MIN(update_id) LIMIT ?)
         RETURNING update_id, payload`,
        [owner, until, owner, expiredBefore, owner, expiredBefore, owner, expiredBefore, chats],
      );
      return rows.map((row) => ({ updateId: Number(row.update_id), payload: String(row.payload) })).sort((a, b) => a.updateId - b.updateId);
    });
  }

  async inboxPending(limit: number): Promise<InboxUpdate[]> {
    const rows = this.all("SELECT update_id, payload FROM inbox WHERE done_at IS NULL ORDER BY update_id LIMIT ?", [limit]);
    return rows.map((row) => ({ updateId: Number(row.update_id), payload: String(row.payload) }));
  }

  async inboxDone(updateId: number, now: number): Promise<void> {
    this.run("UPDATE inbox SET done_at = ? WHERE update_id = ?", [now, updateId]);
  }

  async inboxPurge(before: number): Promise<void> {
    this.run("DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ?", [before]);
  }

  async inboxCounts(): Promise<{ pending: number; done: number }> {
    const row = this.get("SELECT SUM(done_at IS NULL) AS pending, SUM(done_at IS NOT NULL) AS done FROM inbox");
    return { pending: Number(row?.pending ?? 0), done: Number(row?.done ?? 0) };
  }

  async renewClaims({ owner, until }: Lease): Promise<void> {
    this.transaction(() => {
      this.run("UPDATE inbox SET lease_until = ? WHERE claimed_by = ? AND done_at IS NULL", [until, owner]);
      this.run("UPDATE outbox SET lease_until = ? WHERE claimed_by = ? AND status IN ('pending', 'sending')", [until, owner]);
    });
  }

  async releaseClaims(owner: string | null): Promise<void> {
    this.transaction(() => {
      this.run("UPDATE inbox SET claimed_by = NULL, lease_until = NULL WHERE done_at IS NULL AND (? IS NULL OR claimed_by = ?)", [owner, owner]);
      this.run("UPDATE outbox SET claimed_by = NULL, lease_until = NULL WHERE status = 'pending' AND (? IS NULL OR claimed_by = ?)", [owner, owner]);
    });
  }

  async takeSendSlot(request: SlotRequest): Promise<SlotResult> {
    return this.transaction(() => {
      const now = Date.now();
      const rows = this.all(
        "SELECT at, answered_at, chat_id, kind FROM send_log WHERE at > ? AND (answered_at IS NULL OR answered_at > ? OR chat_id = ?)",
        [now - SEND_LOG_WINDOW_MS, now - 1000, request.chatId],
      );
      const wait = slotWait(rows.map(loggedSend), request, now);
      if (wait > 0) return { wait };
      if (request.outboxId !== undefined) {
        if (this.run("UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'pending'", [request.outboxId]).changes === 0) return { gone: true };
      }
      const slot = Number(this.run("INSERT INTO send_log (at, chat_id, kind) VALUES (?, ?, ?)", [now, request.chatId, request.kind]).lastInsertRowid);
      if (Math.random() < 0.01) this.run("DELETE FROM send_log WHERE at < ?", [now - SEND_LOG_WINDOW_MS]);
      return { slot };
    });
  }

  async sendAnswered(slot: number): Promise<void> {
    this.run("UPDATE send_log SET answered_at = ? WHERE id = ?", [Date.now(), slot]);
  }

  async hasSeen(key: string): Promise<boolean> {
    return this.get("SELECT 1 AS yes FROM feed_seen WHERE key = ?", [key]) !== null;
  }

  async addSeen(key: string, now: number): Promise<void> {
    this.run("INSERT OR IGNORE INTO feed_seen (key, seen_at) VALUES (?, ?)", [key, now]);
  }

  async addDraft({ feed, article, score, about }: NewDraft, now: number): Promise<Draft | null> {
    const row = this.get(
      `INSERT INTO drafts (url, feed, article, title, score, about, status, found_at) VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?)
       ON CONFLICT (url) DO NOTHING RETURNING *`,
      [article.url, feed, JSON.stringify(article), article.title, score, JSON.stringify(about), now],
    );
    return row ? draftFromRow(row) : null;
  }

  async draft(id: number): Promise<Draft | null> {
    const row = this.get("SELECT * FROM drafts WHERE id = ?", [id]);
    return row ? draftFromRow(row) : null;
  }

  async drafts(status: DraftStatus, limit: number): Promise<Draft[]> {
    return this.all("SELECT * FROM drafts WHERE status = ? ORDER BY id LIMIT ?", [status, limit]).map(draftFromRow);
  }

  async draftCount(status: DraftStatus): Promise<number> {
    return Number(this.get("SELECT COUNT(*) AS n FROM drafts WHERE status = ?", [status])?.n ?? 0);
  }

  async untoldDrafts(): Promise<Draft[]> {
    return this.all("SELECT * FROM drafts WHERE status = 'waiting' AND told_at IS NULL ORDER BY id").map(draftFromRow);
  }

  async claimDraftNotice(id: number, now: number): Promise<boolean> {
    return this.run("UPDATE drafts SET told_at = ? WHERE id = ? AND told_at IS NULL", [now, id]).changes > 0;
  }

  async moveDraft(id: number, from: DraftStatus, to: DraftStatus, decision: DraftDecision | null, articleId?: string): Promise<boolean> {
    return (
      this.run(
        `UPDATE drafts SET status = ?, decided_by = ?, decided_name = ?, decided_at = ?, article_id = COALESCE(?, article_id)
         WHERE id = ? AND status = ?`,
        [to, decision?.by ?? null, decision?.name ?? null, decision?.at ?? null, articleId ?? null, id, from],
      ).changes > 0
    );
  }

  async retitleDraft(id: number, title: string): Promise<boolean> {
    return this.run("UPDATE drafts SET title = ? WHERE id = ? AND status = 'waiting'", [title, id]).changes > 0;
  }

  async beginTitleEdit(adminId: number, draftId: number, until: number): Promise<void> {
    this.run(
      "INSERT INTO title_edits (admin_id, draft_id, until) VALUES (?, ?, ?) ON CONFLICT (admin_id) DO UPDATE SET draft_id = excluded.draft_id, until = excluded.until",
      [adminId, draftId, until],
    );
  }

  async titleEdit(adminId: number, now: number): Promise<number | null> {
    const row = this.get("SELECT draft_id FROM title_edits WHERE admin_id = ? AND until >= ?", [adminId, now]);
    return row ? Number(row.draft_id) : null;
  }

  async endTitleEdit(adminId: number, now: number): Promise<boolean> {
    return this.transaction(() => {
      const going = this.get("SELECT 1 AS yes FROM title_edits WHERE admin_id = ? AND until >= ?", [adminId, now]) !== null;
      this.run("DELETE FROM title_edits WHERE admin_id = ?", [adminId]);
      return going;
    });
  }

  /** One process at a time uses an SQLite file: it is always the poller. */
  async holdFeedPoller(): Promise<boolean> {
    return true;
  }

  async releaseFeedPoller(): Promise<void> {}

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Runs `work` as one transaction that holds the write lock from its start. */
  protected transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  protected run(sql: string, values: Value[] = []): Database.RunResult {
    return this.statement(sql).run(...values);
  }

  protected get(sql: string, values: Value[] = []): Row | null {
    return (this.statement(sql).get(...values) as Row | undefined) ?? null;
  }

  protected all(sql: string, values: Value[] = []): Row[] {
    return this.statement(sql).all(...values) as Row[];
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}

function subscriptionFromRow(row: Row): Subscription {
  return { topics: JSON.parse(String(row.topics)) as string[], weekly: Number(row.weekly) === 1 };
}

/**
 * Creates a folder and the folders above it that are missing, one at a time: Node's recursive
 * mkdirSync spins for ever where a folder cannot be made (under /proc), instead of failing.
 */
function makeDirectory(path: string): void {
  if (existsSync(path)) return;
  makeDirectory(dirname(path));
  mkdirSync(path);
}
