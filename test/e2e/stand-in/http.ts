// Request bodies as the Bot API accepts them: query string, JSON, urlencoded or multipart.
import type { IncomingMessage, ServerResponse } from "node:http";
import { badRequest } from "./errors.ts";

export type Params = Record<string, unknown>;

/** A file part of a multipart upload, as recorded in the request's params. */
export interface UploadedFile {
  filename: string;
  contentType: string | undefined;
  size: number;
}

// Fields whose value is a JSON object or array; in urlencoded/multipart bodies they arrive as strings.
const JSON_FIELDS = new Set([
  "reply_markup", "entities", "caption_entities", "results", "commands", "scope", "reply_parameters",
  "allowed_updates", "link_preview_options", "button", "media", "options", "prices", "permissions",
  "rights", "menu_button", "input_message_content", "message_ids", "reaction", "explanation_entities",
  "question_entities", "suggested_post_parameters",
]);

const MAX_BODY_BYTES = 60 * 1024 * 1024;

export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = Object.fromEntries(url.searchParams);
  const body = await readBody(req);
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (body.length > 0) {
    if (type.startsWith("application/json")) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        throw badRequest("can't parse JSON encoded request parameters");
      }
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) Object.assign(params, parsed);
    } else if (type.startsWith("multipart/form-data")) {
      Object.assign(params, parseMultipart(body, type));
    } else {
      Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
    }
  }
  for (const [key, value] of Object.entries(params)) {
    if (JSON_FIELDS.has(key) && typeof value === "string" && /^\s*[[{]/.test(value)) {
      try {
        params[key] = JSON.parse(value);
      } catch {
        // left as a string; the method handler reports it like Telegram would
      }
    }
  }
  return params;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(badRequest("request entity too large"));
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseMultipart(body: Buffer, contentType: string): Params {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary === undefined) throw badRequest("multipart boundary is missing");
  const delimiter = Buffer.from(`--${boundary}`);
  const params: Params = {};
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    const part = body.subarray(partStart, next);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      // the part ends with the CRLF that precedes the next delimiter
      const content = part.subarray(headerEnd + 4, Math.max(headerEnd + 4, part.length - 2));
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
      if (name !== undefined) {
        params[name] =
          filename === undefined
            ? content.toString("utf8")
            : ({
                filename,
                contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1],
                size: content.length,
              } satisfies UploadedFile);
      }
    }
    start = next;
  }
  return params;
}

export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
  });
  res.end(payload);
}
