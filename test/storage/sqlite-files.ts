import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { SqliteStorage } from "../../src/storage/sqlite.ts";

/** A fresh folder for each test, and storages opened there that are closed after it. */
export function sqliteFiles(): {
  path: (...parts: string[]) => string;
  open: (path: string, opener?: (path: string) => SqliteStorage) => SqliteStorage;
} {
  let dir = "";
  const opened: SqliteStorage[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "zhusan-sqlite-"));
  });
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    path: (...parts) => join(dir, ...parts),
    open(path, opener = (file) => SqliteStorage.open(file)) {
      const storage = opener(path);
      opened.push(storage);
      return storage;
    },
  };
}
