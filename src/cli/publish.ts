import "../env.ts";
import { BEAT_STALE_MS } from "../broadcast/publications.ts";
import { ConfigError, describeDatabase, loadSharedConfig } from "../config.ts";
import { KnowledgeError } from "../knowledge/fields.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { openStorage } from "../storage/open.ts";
import { DatabaseUnavailable } from "../storage/storage.ts";

/** How long to wait for the running bot to take the request before leaving it queued. */
const WAIT_MS = 30_000;
const POLL_MS = 300;

async function main(): Promise<number> {
  let config;
  try {
    config = loadSharedConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  try {
    const kb = loadKnowledge(config.knowledgeDir);
    console.log(`The knowledge base is valid: ${kb.articles.length} articles, ${kb.timeline.length} timeline events, ${kb.figures.length} figures, ${kb.topics.length} topics.`);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    console.error(error.message);
    return 1;
  }

  let storage;
  try {
    storage = await openStorage(config.database);
  } catch (error) {
    if (!(error instanceof DatabaseUnavailable)) throw error;
    console.error(error.message);
    return 1;
  }
  try {
    const id = await storage.requestPublication("npm run publish");
    const lastBeat = await storage.lastBeat();
    if (lastBeat === null) {
      console.log(
        `Queued (request ${id}), but no bot has used ${describeDatabase(config.database)} yet: when one first starts, the knowledge base as it is then becomes the baseline, announced to no one (there are no subscribers yet).`,
      );
      return 0;
    }
    if (!lastBeat.running || Date.now() - lastBeat.at > BEAT_STALE_MS) {
      console.log(
        `Queued (request ${id}), but the bot on ${describeDatabase(config.database)} is not running (last seen ${new Date(lastBeat.at).toISOString()}): it reloads the knowledge base and announces what is new when it starts.`,
      );
      return 0;
    }
    console.log(`Asked the bot to reload it and announce what is new (request ${id})…`);
    for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline; await new Promise((done) => setTimeout(done, POLL_MS))) {
      const publication = await storage.publication(id);
      if (publication?.status === "done" || publication?.status === "failed") {
        console.log(publication.result ?? publication.status);
        return publication.status === "done" ? 0 : 1;
      }
    }
    console.log("The bot has not taken the request yet (is it running?). It stays queued: the bot carries it out when it starts.");
    return 0;
  } finally {
    await storage.close();
  }
}

process.exitCode = await main();
