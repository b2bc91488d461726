import { KnowledgeError } from "../knowledge/fields.ts";
import type { Storage } from "../storage/storage.ts";
import type { PublishResult } from "./publisher.ts";

const POLL_MS = 1000;
/** How often the running bot writes its heartbeat, and how old one may be before the bot counts as stopped. */
export const BEAT_MS = 5000;
export const BEAT_STALE_MS = 3 * BEAT_MS;

/** The result of a publish, as `npm run publish` prints it. */
export function describe(result: PublishResult): string {
  if (result.baseline) return "First publication: the current knowledge base is the baseline; nothing announced.";
  if (result.announced.length === 0) return "Reloaded; nothing new to announce.";
  return `Reloaded; announcing ${result.announced.join(", ")}: ${result.queued} message(s) queued.`;
}

/**
 * Carries out the publications that `npm run publish` asks for through the storage (it runs in
 * another process): reload, queue announcements, record the outcome. Its heartbeat tells
 * `npm run publish` whether a bot is there to do it. When several bot processes share the
 * storage, one carries a publication out and the others reload the knowledge base after it.
 */
export class PublicationWatcher {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  /** Publications are carried out one at a time, those asked for and those of this process alike. */
  private turn: Promise<unknown> = Promise.resolve();
  private lastBeat = 0;
  /** The latest publication this process's knowledge base includes; null until known. */
  private published: number | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly publish: () => Promise<PublishResult>,
    private readonly log: (message: string) => void,
    /** Reloads the knowledge base without announcing anything (another process published). */
    private readonly reload: () => void = () => undefined,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), POLL_MS);
    void this.check();
  }

  /**
   * Publishes in this process (an admin's ✅, /publish) and records it as done, so that the other
   * processes on the storage reload after it as they do after `npm run publish`.
   */
  publishHere(requestedBy: string, publish: () => Promise<PublishResult>): Promise<PublishResult> {
    return this.exclusive(async () => {
      const result = await publish();
      try {
        const id = await this.storage.recordPublication(requestedBy, describe(result));
        this.published = Math.max(this.published ?? 0, id);
      } catch (error) {
        this.log(`published (${requestedBy}), but other instances could not be told to reload: ${String(error)}`);
      }
      return result;
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const done = this.turn.then(work);
    this.turn = done.catch(() => undefined);
    return done;
  }

  /** Another process carried out a publication since this one last looked: its knowledge base is reloaded here too. */
  private async follow(): Promise<void> {
    const latest = await this.storage.latestPublished();
    if (this.published !== null && latest > this.published) {
      try {
        this.reload();
        this.log(`publication ${latest} (by another instance): knowledge base reloaded`);
      } catch (error) {
        this.log(`publication ${latest} (by another instance): could not reload the knowledge base: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.published = latest;
  }

  /**
   * Stops checking, and tells `npm run publish` that no bot will take its requests until one
   * starts — unless other processes may share the storage: then it says nothing, and the
   * heartbeat goes stale only when none beats any more.
   */
  async stop(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    if (this.storage.shared) return;
    await this.storage.beat(Date.now(), false).catch((error: unknown) => this.log(`publications: ${String(error)}`));
  }

  private async check(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      if (Date.now() - this.lastBeat >= BEAT_MS) {
        this.lastBeat = Date.now();
        await this.storage.beat(this.lastBeat, true);
      }
      await this.exclusive(() => this.carryOut());
    } catch (error) {
      this.log(`publications: ${String(error)}`);
    } finally {
      this.busy = false;
    }
  }

  /** Follows the publications of other processes, then carries out those requested. */
  private async carryOut(): Promise<void> {
    await this.follow();
    for (let publication = await this.storage.takePublication(); publication; publication = await this.storage.takePublication()) {
      try {
        const summary = describe(await this.publish());
        await this.storage.finishPublication(publication.id, "done", summary);
        this.published = Math.max(this.published ?? 0, publication.id);
        this.log(`publication ${publication.id}: ${summary}`);
      } catch (error) {
        const reason = error instanceof KnowledgeError ? error.message : `failed: ${String(error)}`;
        await this.storage.finishPublication(publication.id, "failed", reason);
        this.log(`publication ${publication.id} ${reason}`);
      }
    }
  }
}
