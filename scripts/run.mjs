import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildBundle, bundleIsStale, ENTRIES } from "./build.mjs";

/*
 * `node scripts/run.mjs <entry> [args…]` runs one of the bundled entry points (dist/<entry>.mjs)
 * in this process, rebuilding the bundle first only when src/ has changed since it was built; a
 * Docker image built once never writes to it.
 */
const [name] = process.argv.splice(2, 1);
if (!name || !Object.hasOwn(ENTRIES, name)) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(ENTRIES).join("|")}> [arguments]`);
  process.exit(2);
}
const entry = resolve(import.meta.dirname, "..", "dist", `${name}.mjs`);
if (bundleIsStale()) {
  try {
    await buildBundle();
  } catch (error) {
    // A read-only install (a container whose files look newer than its bundle) runs what it has.
    if (!existsSync(entry)) throw error;
    console.error(`Could not rebuild dist/ (${error.message}); running the bundle as it is.`);
  }
}
await import(pathToFileURL(entry).href);
