import { LANGS, type Bilingual } from "./types.ts";

/** Thrown when the knowledge base does not validate; every line names a file and a field. */
export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`The knowledge base is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "KnowledgeError";
  }
}

const ISO_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const ID = /^[a-z0-9][a-z0-9-]*$/;

/** A YYYY-MM-DD date names a real day (not 2019-02-31); a month or a year always does. */
function existingDay(date: string): boolean {
  if (date.length < 10) return true;
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

/**
 * Reads typed fields out of parsed YAML, collecting a problem (file: field: what) for each bad
 * field instead of stopping at the first, so an operator sees everything to fix at once.
 */
export class FieldReader {
  constructor(
    readonly file: string,
    private readonly problems: string[],
  ) {}

  problem(path: string, message: string): void {
    this.problems.push(`${this.file}: ${path}: ${message}`);
  }

  object(value: unknown, path: string): Record<string, unknown> | null {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    this.problem(path, "expected a mapping");
    return null;
  }

  list(value: unknown, path: string, { min = 0 } = {}): unknown[] {
    if (!Array.isArray(value)) {
      this.problem(path, "expected a list");
      return [];
    }
    if (value.length < min) this.problem(path, `expected at least ${min} item(s)`);
    return value;
  }

  text(value: unknown, path: string): string {
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    this.problem(path, value === undefined ? "missing" : "expected non-empty text");
    return "";
  }

  optionalText(value: unknown, path: string): string | null {
    return value === undefined || value === null ? null : this.text(value, path);
  }

  id(value: unknown, path: string, maxLength = 24): string {
    const id = this.text(value, path);
    if (id && (!ID.test(id) || id.length > maxLength)) {
      this.problem(path, `"${id}" must be [a-z0-9-] and at most ${maxLength} characters`);
    }
    return id;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
    this.problem(path, `expected one of ${allowed.join(", ")}, got ${JSON.stringify(value) ?? "nothing"}`);
    return allowed[0] as T;
  }

  /** An ISO date (YYYY-MM-DD, YYYY-MM, YYYY) or null; a bare year may arrive as a number. */
  date(value: unknown, path: string, { nullable }: { nullable: boolean }): string | null {
    if (value === null && nullable) return null;
    const text = typeof value === "number" ? String(value) : value;
    if (typeof text === "string" && ISO_DATE.test(text)) {
      if (existingDay(text)) return text;
      this.problem(path, `${text} is not a day of the calendar`);
      return null;
    }
    this.problem(path, `expected an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)${nullable ? " or null" : ""}`);
    return null;
  }

  url(value: unknown, path: string): string {
    const url = this.text(value, path);
    if (url && !/^https?:\/\/[^\s]+$/.test(url)) this.problem(path, `"${url}" is not an http(s) URL`);
    return url;
  }

  bilingual(value: unknown, path: string, { maxLength }: { maxLength?: number } = {}): Bilingual {
    const obj = this.object(value, path) ?? {};
    const result = {} as Bilingual;
    for (const lang of LANGS) {
      result[lang] = this.text(obj[lang], `${path}.${lang}`);
      if (maxLength && result[lang].length > maxLength) {
        this.problem(`${path}.${lang}`, `at most ${maxLength} characters (has ${result[lang].length})`);
      }
    }
    return result;
  }

  boolean(value: unknown, path: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === "boolean") return value;
    this.problem(path, "expected true or false");
    return fallback;
  }

  unknownKeys(obj: Record<string, unknown>, path: string, known: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) this.problem(`${path}.${key}`, "unknown field");
    }
  }
}
