import { build } from "esbuild";
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/*
 * The bot and its command-line tools run from bundled files rather than through tsx's loader:
 * the loader's own thread and its transforms cost about 40 MB of resident memory and half a
 * second of start-up. Packages stay in node_modules; only our own code is bundled. Plain
 * JavaScript, so that it runs without tsx.
 */
const ROOT = resolve(import.meta.dirname, "..");
const OUT = resolve(ROOT, "dist");
/** Written last: the bundle is complete, and as new as this file. */
const STAMP = resolve(OUT, ".built");
/** What the bundle is made of: a change to any of these makes it stale. */
const INPUTS = [resolve(ROOT, "src"), resolve(ROOT, "package-lock.json"), resolve(ROOT, "scripts/build.mjs")];

export const ENTRIES = {
  main: "src/main.ts",
  ask: "src/cli/ask.ts",
  chat: "src/cli/chat.ts",
  publish: "src/cli/publish.ts",
  add: "src/cli/add.ts",
  migrate: "src/cli/migrate.ts",
};

/** Bundles every entry into dist/<name>.mjs, with the locales beside them (src/i18n.ts reads them from there). */
export async function buildBundle() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, resolve(ROOT, path)])),
    outdir: OUT,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  cpSync(resolve(ROOT, "src/locales"), resolve(OUT, "locales"), { recursive: true });
  writeFileSync(STAMP, new Date().toISOString());
}

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Whether dist/ is missing, incomplete, or older than what it is built from. */
export function bundleIsStale() {
  try {
    return statSync(STAMP).mtimeMs < Math.max(...INPUTS.map(newest));
  } catch {
    return true;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildBundle();
