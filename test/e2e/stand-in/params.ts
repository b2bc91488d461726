// Typed access to request parameters. Values from urlencoded or multipart bodies are strings, so
// numbers and booleans are accepted in both forms, as the Bot API does.
import { badRequest } from "./errors.ts";
import type { Params } from "./http.ts";

export function optString(params: Params, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw badRequest(`field "${key}" must be of type String`);
}

export function optInt(params: Params, key: string): number | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  if (!Number.isInteger(number)) throw badRequest(`field "${key}" must be a valid Number`);
  return number;
}

export function optBool(params: Params, key: string): boolean | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  return value === true || value === "true" || value === "1" || value === 1;
}

export function optObject(params: Params, key: string): Record<string, unknown> | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  throw badRequest(`can't parse ${key} JSON object`);
}

export function optArray(params: Params, key: string): unknown[] | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (Array.isArray(value)) return value;
  throw badRequest(`can't parse ${key} JSON array`);
}

export function requireString(params: Params, key: string): string {
  const value = optString(params, key);
  if (value === undefined) throw badRequest(`parameter "${key}" is required`);
  return value;
}

export function requireInt(params: Params, key: string): number {
  const value = optInt(params, key);
  if (value === undefined) throw badRequest(`parameter "${key}" is required`);
  return value;
}
