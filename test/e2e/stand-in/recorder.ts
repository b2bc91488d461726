// Every request the bot made, with the answer it got, and waiting for requests to come.
import type { ErrorKind, ResponseParameters } from "./errors.ts";
import type { Params } from "./http.ts";

export type ApiResponse =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };

export interface RecordedRequest {
  /** 1-based position among all requests */
  readonly seq: number;
  /** canonical method name ("sendMessage" even if the bot wrote "sendmessage") */
  readonly method: string;
  readonly params: Params;
  /** ms since the epoch, when the request arrived */
  readonly time: number;
  /**
   * "answered": the response was written; "aborted": the client went away first (e.g. timed out);
   * "dropped": the stand-in cut the connection (fault injection).
   */
  outcome: "pending" | "answered" | "aborted" | "dropped";
  /** HTTP status of the response (also set when the client went away before it was written) */
  status?: number;
  response?: ApiResponse;
  /** why an error was answered */
  errorKind?: ErrorKind | "internal";
  answeredAt?: number;
}

export type RequestPredicate = (request: RecordedRequest) => boolean;

export interface WaitOptions {
  /** default 5000 */
  timeoutMs?: number;
  /** only requests after this one (or after this seq, see `api.mark()`) count */
  since?: number | RecordedRequest;
  /** wait until the request is answered (default); false: match on arrival */
  settled?: boolean;
}

export class Recorder {
  readonly requests: RecordedRequest[] = [];
  private readonly listeners = new Set<(request: RecordedRequest) => void>();

  start(method: string, params: Params, time: number): RecordedRequest {
    const request: RecordedRequest = { seq: this.requests.length + 1, method, params, time, outcome: "pending" };
    this.requests.push(request);
    this.notify(request);
    return request;
  }

  settle(request: RecordedRequest, patch: Partial<RecordedRequest>): void {
    Object.assign(request, patch);
    this.notify(request);
  }

  /** Requests answered with an error the stand-in raised because the request was wrong. */
  get rejected(): RecordedRequest[] {
    return this.requests.filter((r) => r.errorKind === "validation" || r.errorKind === "internal");
  }

  waitFor(match: string | RequestPredicate, options: WaitOptions = {}): Promise<RecordedRequest> {
    const { timeoutMs = 5000, settled = true } = options;
    const since = typeof options.since === "object" ? options.since.seq : (options.since ?? 0);
    const predicate: RequestPredicate = typeof match === "string" ? (r) => r.method === match : match;
    const accepts = (r: RecordedRequest): boolean =>
      r.seq > since && (!settled || r.outcome !== "pending") && predicate(r);

    const already = this.requests.find(accepts);
    if (already !== undefined) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const listener = (request: RecordedRequest): void => {
        if (!accepts(request)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(request);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        const what = typeof match === "string" ? match : match.name || "predicate";
        reject(new Error(`waitFor(${what}) timed out after ${timeoutMs} ms. ${this.describeRecent()}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  describeRecent(count = 12): string {
    const recent = this.requests.slice(-count);
    if (recent.length === 0) return "No requests were made.";
    const lines = recent.map((r) => `  #${r.seq} ${r.method} ${clip(JSON.stringify(r.params), 160)} → ${describeAnswer(r)}`);
    return `Last ${recent.length} of ${this.requests.length} requests:\n${lines.join("\n")}`;
  }

  private notify(request: RecordedRequest): void {
    for (const listener of [...this.listeners]) listener(request);
  }
}

function describeAnswer(request: RecordedRequest): string {
  const response = request.response;
  if (request.outcome === "pending") return "pending";
  if (request.outcome === "dropped") return "connection dropped";
  const suffix = request.outcome === "aborted" ? " (client had gone)" : "";
  if (response === undefined) return request.outcome;
  return response.ok
    ? `ok ${clip(JSON.stringify(response.result) ?? "", 80)}${suffix}`
    : `${response.error_code} ${response.description}${suffix}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
