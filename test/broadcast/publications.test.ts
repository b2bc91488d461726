import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PublicationWatcher } from "../../src/broadcast/publications.ts";
import type { PublishResult } from "../../src/broadcast/publisher.ts";
import { SqliteStorage } from "../../src/storage/sqlite.ts";

const RESULT: PublishResult = { announced: ["article:a"], queued: 2, baseline: false };

describe("a publication made in one process (an admin's ✅)", () => {
  const cleanUp: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanUp.splice(0)) await step();
    vi.useRealTimers();
  });

  it("is recorded, so that the other processes on the database reload after it and this one does not", async () => {
    // Each process looks for publications on a timer; SQLite answers at once, so the clock can be a fake one.
    vi.useFakeTimers();
    const dir = mkdtempSync(join(tmpdir(), "zhusan-publications-"));
    const [here, there] = [SqliteStorage.open(join(dir, "bot.sqlite")), SqliteStorage.open(join(dir, "bot.sqlite"))];
    const reloads = { here: 0, there: 0 };
    const logs: string[] = [];
    const watcherHere = new PublicationWatcher(here, async () => RESULT, (line) => logs.push(`here: ${line}`), () => reloads.here++);
    const watcherThere = new PublicationWatcher(there, async () => RESULT, (line) => logs.push(`there: ${line}`), () => reloads.there++);
    cleanUp.push(async () => {
      await watcherHere.stop();
      await watcherThere.stop();
      await here.close();
      await there.close();
      rmSync(dir, { recursive: true, force: true });
    });
    watcherHere.start();
    watcherThere.start();

    expect(await watcherHere.publishHere("an admin in Telegram", async () => RESULT)).toBe(RESULT);
    await vi.advanceTimersByTimeAsync(5000); // a few of each process's looks
    expect(reloads).toEqual({ here: 0, there: 1 });
    const id = await here.latestPublished();
    expect(await here.publication(id)).toEqual({ id, status: "done", result: "Reloaded; announcing article:a: 2 message(s) queued." });
    expect(logs.filter((line) => line.startsWith("here:"))).toEqual([]);
  });
});
