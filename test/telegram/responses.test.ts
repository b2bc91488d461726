import { Api, GrammyError } from "grammy";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeApiError, NOT_BOT_API, readableResponses } from "../../src/telegram/responses.ts";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

/** What the server answers to each method: a status and a body, as some servers and proxies do. */
const ANSWERS: Record<string, [number, string]> = {
  getMe: [200, JSON.stringify({ ok: true, result: { id: 1, is_bot: true, first_name: "Bot", username: "bot" } })],
  getChat: [404, JSON.stringify({ ok: false, error_code: 404, description: "Not Found" })],
  setMyCommands: [404, "<html><body><h1>404 Not Found</h1></body></html>"],
  deleteWebhook: [502, ""],
  setWebhook: [400, JSON.stringify({ ok: false, error_code: 400 })],
  sendChatAction: [500, JSON.stringify({ message: "API method 'sendChatAction' is not supported." })],
  sendMessage: [429, JSON.stringify({ ok: false, error_code: 429, parameters: { retry_after: 7 } })],
  close: [200, "[]"],
};

let server: Server;
let api: Api;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    const method = request.url?.split("/").at(-1) ?? "";
    const [status, body] = ANSWERS[method] ?? [500, "?"];
    response.writeHead(status, { "content-type": body.startsWith("<") ? "text/html" : "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api = new Api(TOKEN, { apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  api.config.use(readableResponses());
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(call: Promise<unknown>): Promise<GrammyError> {
  const error = await call.then(() => undefined, (error: unknown) => error);
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

describe("readableResponses", () => {
  it("leaves well-formed answers alone", async () => {
    expect((await api.getMe()).username).toBe("bot");
    const notFound = await failure(api.getChat(1));
    expect([notFound.error_code, notFound.description]).toEqual([404, "Not Found"]);
  });

  it("turns a body that is not JSON into an error that says so, without the token", async () => {
    const html = await failure(api.setMyCommands([]));
    expect(html.error_code).toBe(NOT_BOT_API);
    expect(html.description).toMatch(/^the answer is not JSON \(.*<html>/);
    const empty = await failure(api.deleteWebhook());
    expect(empty.description).toMatch(/^the answer is not JSON \(Unexpected end of JSON input\)$/);
    for (const error of [html, empty]) expect(describeApiError(error)).not.toContain(TOKEN);
  });

  it("gives an error without a description or an error code one, and keeps retry_after", async () => {
    const bare = await failure(api.setWebhook("https://example.org/hook"));
    expect([bare.error_code, bare.description]).toEqual([400, 'an error without a description: {"ok":false,"error_code":400}']);
    expect(bare.message).not.toMatch(/undefined/);
    const emulator = await failure(api.sendChatAction(1, "typing"));
    expect([emulator.error_code, emulator.description]).toEqual([NOT_BOT_API, "not a Bot API answer: API method 'sendChatAction' is not supported."]);
    const limited = await failure(api.sendMessage(1, "x"));
    expect([limited.error_code, limited.parameters.retry_after]).toEqual([429, 7]);
  });

  it("treats JSON that is not an object as no answer", async () => {
    const error = await failure(api.close());
    expect([error.error_code, error.description]).toEqual([NOT_BOT_API, "not a Bot API answer: []"]);
  });
});
