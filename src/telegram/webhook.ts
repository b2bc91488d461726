import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import { serveOps } from "../ops/routes.ts";
import type { Storage } from "../storage/storage.ts";
import type { UpdateInbox } from "./inbox.ts";

/** Telegram's updates are a few kilobytes; a body beyond this is not one. */
const MAX_BODY_BYTES = 1 << 20;

export interface WebhookOptions {
  secret: string;
  inbox: UpdateInbox;
  /** Also answers GET /healthz, /readyz and /metrics on the same port. */
  storage: Storage;
  log: (message: string) => void;
}

/**
 * The webhook endpoint: a POST with the secret header and an update as JSON is stored in the
 * inbox and acknowledged at once (200), before it is handled, so Telegram never waits on an
 * answer nor sends the update again; one it sends again anyway is not handled twice. Anything else
 * is refused with the right status: 405, 401 without the secret, 413 for a body too big, 400 for
 * one that is not an update, 503 when the update cannot be stored (Telegram tries again later).
 */
export function webhookServer({ secret, inbox, storage, log }: WebhookOptions): Server {
  return createServer((request, response) => {
    void receive(request, response, secret, inbox, storage).catch((error: unknown) => {
      log(`Webhook: could not store an update (${error instanceof Error ? error.message : String(error)}); Telegram will send it again`);
      reply(response, 503);
    });
  });
}

async function receive(request: IncomingMessage, response: ServerResponse, secret: string, inbox: UpdateInbox, storage: Storage): Promise<void> {
  if (await serveOps(request, response, storage)) return;
  if (request.method !== "POST") return reply(response, 405);
  if (request.headers["x-telegram-bot-api-secret-token"] !== secret) return reply(response, 401);
  const body = await readBody(request);
  if (body === null) return reply(response, 413);
  let update: unknown;
  try {
    update = JSON.parse(body);
  } catch {
    return reply(response, 400);
  }
  if (typeof update !== "object" || update === null || typeof (update as Update).update_id !== "number") return reply(response, 400);
  await inbox.receive([update as Update]);
  reply(response, 200);
}

/** The request's body, or null when it is bigger than MAX_BODY_BYTES (the rest is not read). */
async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function reply(response: ServerResponse, status: number): void {
  if (response.headersSent) return;
  response.writeHead(status, status === 413 ? { connection: "close" } : {}).end();
}
