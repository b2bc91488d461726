import { build } from "esbuild";
import { cpSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/*
 * `npm start` runs the bot from one bundled file rather than through tsx's loader: the loader's
 * own thread and its transforms cost about 40 MB of resident memory and half a second of start-up.
 * Packages stay in node_modules; only our own code is bundled.
 */
const ROOT = resolve(import.meta.dirname, "..");
const OUT = resolve(ROOT, "dist");

/** Bundles src/main.ts into dist/main.mjs, with the locales beside it (src/i18n.ts reads them from there). */
export async function buildBundle(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  await build({
    entryPoints: [resolve(ROOT, "src/main.ts")],
    outfile: resolve(OUT, "main.mjs"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  cpSync(resolve(ROOT, "src/locales"), resolve(OUT, "locales"), { recursive: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildBundle();
