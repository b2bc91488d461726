import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Update } from "grammy/types";
import { botEnvironment, freePort, spawnBot, type BotProcess } from "./bot-process.ts";
import type { BotApi } from "./stand-in/bot-api.ts";

const ROOT = resolve(import.meta.dirname, "../..");
export const WEBHOOK_SECRET = "cluster-webhook-secret-0123456789";

/** One bot process in webhook mode, and the port it listens on. */
export interface Instance {
  port: number;
  process: BotProcess;
}

/** Several bot processes on one database in webhook mode, with one copy of the knowledge base (as a shared volume). */
export interface Cluster {
  instances: Instance[];
  knowledgeDir: string;
  env: Record<string, string>;
  /** Adds an article to the shared knowledge base and runs `npm run publish`, which queues its announcement. */
  publishArticle(id: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts `count` bot processes exactly as `npm start` does, in webhook mode on `databaseUrl`, and waits until each is ready. */
export async function startCluster(api: BotApi, count: number, databaseUrl: string, env: Record<string, string> = {}): Promise<Cluster> {
  const folder = mkdtempSync(join(tmpdir(), "zhusan-cluster-"));
  const knowledgeDir = join(folder, "knowledge");
  cpSync(join(ROOT, "knowledge"), knowledgeDir, { recursive: true });
  const shared = { DATABASE_URL: databaseUrl, KNOWLEDGE_DIR: knowledgeDir, WEBHOOK_URL: "https://bot.example.kz/telegram", WEBHOOK_SECRET, ...env };
  const instances: Instance[] = [];
  const base = botEnvironment(api, shared);
  rmSync(base.dataDir, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    instances.push({ port, process: spawnBot({ ...base, env: { ...base.env, PORT: String(port) } }) });
  }
  await Promise.all(instances.map(ready));
  return {
    instances,
    knowledgeDir,
    env: base.env,
    publishArticle: (id) => publishArticle(base.env, knowledgeDir, id),
    async stop() {
      await Promise.all(instances.map((instance) => instance.process.stop()));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Waits until the instance answers /readyz, or fails with its output if it exits first. */
async function ready({ port, process }: Instance): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (process.child.exitCode !== null) throw new Error(`a bot instance exited before it was ready:\n${process.output()}`);
    const status = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`a bot instance was not ready within 30 s:\n${process.output()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function publishArticle(env: Record<string, string>, knowledgeDir: string, id: string): Promise<string> {
  writeFileSync(
    join(knowledgeDir, "articles", "ru", `${id}.md`),
    `---\nid: ${id}\nlang: ru\ntitle: "Новый материал ${id}"\nsource: Example News\nurl: https://example.kz/${id}\npublished: null\n---\nТекст об операции «Жусан».\n\n` +
      "Материал для проверки нескольких экземпляров бота: его анонс получает каждый подписчик ровно один раз, какой бы экземпляр его ни отправил, и общий предел сообщений в секунду не превышается.\n",
  );
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["scripts/run.mjs", "publish"], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? done(output) : fail(new Error(`npm run publish exited ${code}: ${output}`))));
  });
}

/**
 * Delivers updates to the instances' webhooks in turn, as a load balancer would, and as Telegram
 * does, delivers again an update that was not acknowledged (200) — to the next instance.
 */
export class LoadBalancer {
  private next = 0;
  /** Deliveries that failed (an instance gone, or refusing) and were made again. */
  redelivered = 0;

  constructor(private readonly ports: () => number[]) {}

  async deliver(update: Update): Promise<void> {
    const body = JSON.stringify(update);
    for (let attempt = 0; ; attempt++) {
      const ports = this.ports();
      const port = ports[this.next++ % ports.length] as number;
      const status = await fetch(`http://127.0.0.1:${port}/`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
        body,
      }).then((r) => r.status, () => 0);
      if (status === 200) return;
      this.redelivered++;
      if (attempt > 50) throw new Error(`update ${update.update_id} could not be delivered (last status ${status})`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  /** Delivers the updates `perSecond` a second, as users would send them, each without waiting for the others. */
  async deliverPaced(updates: Update[], perSecond: number): Promise<void> {
    const deliveries: Promise<void>[] = [];
    for (const update of updates) {
      deliveries.push(this.deliver(update));
      await new Promise((done) => setTimeout(done, 1000 / perSecond));
    }
    await Promise.all(deliveries);
  }

  /** Delivers every update, `parallel` at a time. */
  async deliverAll(updates: Update[], parallel = 20): Promise<void> {
    let index = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (index < updates.length) await this.deliver(updates[index++] as Update);
      }),
    );
  }
}
