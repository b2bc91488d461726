import type { IncomingMessage, ServerResponse } from "node:http";
import { answerWithin, type Storage } from "../storage/storage.ts";
import { registry } from "./metrics.ts";

/** The database must answer within this for the bot to be ready. */
const READY_TIMEOUT_MS = 2000;

/**
 * GET /healthz (the process is up), /readyz (the database answers; the knowledge base was loaded
 * before the server started) and /metrics (Prometheus). Returns false for any other request.
 */
export async function serveOps(request: IncomingMessage, response: ServerResponse, storage: Storage): Promise<boolean> {
  if (request.method !== "GET") return false;
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  if (path === "/healthz") {
    response.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    return true;
  }
  if (path === "/readyz") {
    const problem = await databaseProblem(storage);
    response.writeHead(problem ? 503 : 200, { "content-type": "text/plain" }).end(problem ? `not ready: ${problem}\n` : "ready\n");
    return true;
  }
  if (path === "/metrics") {
    response.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics());
    return true;
  }
  return false;
}

async function databaseProblem(storage: Storage): Promise<string | null> {
  try {
    await answerWithin(storage.inboxCounts(), READY_TIMEOUT_MS);
    return null;
  } catch (error) {
    return `database: ${error instanceof Error ? error.message : String(error)}`;
  }
}
