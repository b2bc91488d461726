import { GrammyError, HttpError, type Transformer } from "grammy";
import type { ApiError, ResponseParameters } from "grammy/types";

/**
 * The error code given to an answer that is not the Bot API's (an HTML error page, an empty body,
 * an emulator's bare `{"message": …}`): like a bad gateway, it is retried a few times where 5xx
 * are, then given up.
 */
export const NOT_BOT_API = 502;

const SHOWN_CHARS = 160;

/**
 * Makes every answer a Bot API response: a body that is not JSON, JSON without `ok`, or an error
 * without `error_code` or `description` becomes an error with both, saying what came instead. The
 * bot then logs it as one line like any refusal (and grammY never prints "undefined: undefined").
 * Install it first, so that retries and logs above it see the repaired answer.
 */
export function readableResponses(): Transformer {
  return async (prev, method, payload, signal) => {
    let response: unknown;
    try {
      response = await prev(method, payload, signal);
    } catch (error) {
      const reason = notJson(error);
      if (reason === undefined) throw error;
      return notBotApi(`the answer is not JSON (${reason})`);
    }
    const repaired = repair(response);
    return repaired ?? (response as Awaited<ReturnType<typeof prev<typeof method>>>);
  };
}

/** A Bot API error as one short phrase: the method, the code and Telegram's description. */
export function describeApiError(error: unknown): string {
  if (error instanceof GrammyError) return `${error.method}: ${error.error_code} ${error.description}`;
  if (error instanceof HttpError) {
    const cause = error.error instanceof Error ? error.error.message : "";
    // A network error names the URL, and the URL holds the token.
    return cause ? `${error.message} ${cause.replace(/\/bot[^/\s]+\//g, "/bot…/")}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Why the body could not be read as JSON, when that is what went wrong (the URL, holding the token, left out). */
function notJson(error: unknown): string | undefined {
  if (!(error instanceof HttpError)) return undefined;
  const cause = error.error as { type?: unknown; message?: unknown } | undefined;
  if (cause instanceof SyntaxError) return cause.message;
  if (cause?.type !== "invalid-json" || typeof cause.message !== "string") return undefined;
  return cause.message.replace(/^invalid json response body at \S+ reason: /, "");
}

/** The answer as a Bot API error when it is not a well-formed response; undefined when it is one. */
function repair(response: unknown): ApiError | undefined {
  if (typeof response !== "object" || response === null || Array.isArray(response)) {
    return notBotApi(`not a Bot API answer: ${shown(response)}`);
  }
  const fields = response as Record<string, unknown>;
  if (fields.ok === true) return undefined;
  if (fields.ok === false && typeof fields.error_code === "number" && typeof fields.description === "string") return undefined;
  const code = typeof fields.error_code === "number" ? fields.error_code : NOT_BOT_API;
  const text = [fields.description, fields.message, fields.error].find((value) => typeof value === "string" && value.trim() !== "") as string | undefined;
  const description =
    fields.ok === false ? (text ?? `an error without a description: ${shown(response)}`) : `not a Bot API answer: ${text ?? shown(response)}`;
  const parameters = typeof fields.parameters === "object" && fields.parameters !== null ? (fields.parameters as ResponseParameters) : undefined;
  return { ok: false, error_code: code, description: cut(description), ...(parameters ? { parameters } : {}) };
}

function notBotApi(description: string): ApiError {
  return { ok: false, error_code: NOT_BOT_API, description: cut(description) };
}

function shown(value: unknown): string {
  return value === undefined ? "nothing" : cut(JSON.stringify(value));
}

function cut(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > SHOWN_CHARS ? `${line.slice(0, SHOWN_CHARS)}…` : line;
}
