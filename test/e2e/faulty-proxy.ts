import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotApi } from "./stand-in/bot-api.ts";

/** An answer no Bot API server should give, but proxies, emulators and half-done servers do. */
export interface OddAnswer {
  status: number;
  body: string;
  contentType?: string;
}

/**
 * A proxy in front of the stand-in that answers chosen calls oddly (an HTML page, an empty body, an
 * error without a description) and passes everything else through, so the stand-in still records it.
 */
export interface FaultyProxy {
  url: string;
  token: string;
  /** The next `count` calls of `method` get `answer` instead of reaching the stand-in. */
  answerNext(method: string, count: number, answer: OddAnswer): void;
  /** The calls answered oddly so far, by method. */
  answered: string[];
  close(): Promise<void>;
}

export async function startFaultyProxy(target: BotApi): Promise<FaultyProxy> {
  const rules: { method: string; remaining: number; answer: OddAnswer }[] = [];
  const answered: string[] = [];
  const server = createServer((request, response) => {
    const method = request.url?.split("?")[0]?.split("/").at(-1) ?? "";
    const rule = rules.find((r) => r.method === method && r.remaining > 0);
    if (rule) {
      rule.remaining--;
      answered.push(method);
      request.resume();
      response.writeHead(rule.answer.status, { "content-type": rule.answer.contentType ?? "application/json" }).end(rule.answer.body);
      return;
    }
    const upstream = new AbortController();
    response.on("close", () => response.writableFinished || upstream.abort());
    void forward(request, `${target.url}${request.url ?? "/"}`, upstream.signal).then(
      ({ status, type, body }) => response.writeHead(status, { "content-type": type }).end(body),
      () => response.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token: target.token,
    answered,
    answerNext: (method, count, answer) => void rules.push({ method, remaining: count, answer }),
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}

async function forward(request: IncomingMessage, url: string, signal: AbortSignal): Promise<{ status: number; type: string; body: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  const headers: Record<string, string> = {};
  if (request.headers["content-type"]) headers["content-type"] = request.headers["content-type"];
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  const answer = await fetch(url, { method: request.method ?? "GET", headers, ...(body ? { body } : {}), signal });
  return { status: answer.status, type: answer.headers.get("content-type") ?? "application/json", body: Buffer.from(await answer.arrayBuffer()) };
}
