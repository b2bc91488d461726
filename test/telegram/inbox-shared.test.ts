import type { Update } from "grammy/types";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Claims } from "../../src/storage/claims.ts";
import { UpdateInbox } from "../../src/telegram/inbox.ts";
import { backends, cleanUp, endAdmin, open } from "../storage/databases.ts";

afterEach(cleanUp);
afterAll(endAdmin);

const message = (updateId: number, chatId: number): Update =>
  ({
    update_id: updateId,
    message: { message_id: updateId, date: 0, text: "вопрос", chat: { id: chatId, type: "private", first_name: "U" }, from: { id: chatId, is_bot: false, first_name: "U" } },
  }) as Update;

for (const backend of backends) {
  describe.skipIf(backend.skipped)(`UpdateInbox: two processes on one ${backend.name} database${backend.skipped ? ` (skipped: ${backend.skipped})` : ""}`, () => {
    it("handles every update once, whichever process received it, a chat's in the order they came", async () => {
      const database = await backend.database();
      const handled: { by: string; chat: number; id: number }[] = [];
      const inboxes = await Promise.all(
        ["a", "b"].map(async (name) => {
          const storage = await open(database);
          const claims = new Claims(storage);
          const inbox = new UpdateInbox(
            storage,
            async (update) => {
              await new Promise((resolve) => setTimeout(resolve, 5));
              handled.push({ by: name, chat: update.message!.chat.id, id: update.update_id });
            },
            { log: () => undefined, claims },
          );
          await inbox.resume();
          return { inbox, storage };
        }),
      );
      // Round-robin, as a load balancer delivers: each chat's updates land on both processes, one after another.
      const updates = Array.from({ length: 40 }, (_, i) => message(i + 1, 100 + (i % 4)));
      for (const [i, update] of updates.entries()) await inboxes[i % 2]!.inbox.receive([update]);
      // A delivery made again to the other process is not handled again.
      await inboxes[1]!.inbox.receive([updates[0]!, updates[3]!]);
      await expect.poll(async () => (await inboxes[0]!.storage.inboxCounts()).pending, { timeout: 20_000, interval: 100 }).toBe(0);
      for (const { inbox } of inboxes) await inbox.stop(100);

      expect(handled.map((h) => h.id).sort((x, y) => x - y)).toEqual(updates.map((u) => u.update_id));
      for (let chat = 100; chat < 104; chat++) {
        const ids = handled.filter((h) => h.chat === chat).map((h) => h.id);
        expect(ids, `chat ${chat}`).toEqual([...ids].sort((x, y) => x - y));
      }
    }, 30_000);
  });
}
