import { cpSync, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { AnswerEngine } from "./answer/engine.ts";
import { KnowledgeError } from "./knowledge/fields.ts";
import { loadKnowledge } from "./knowledge/load.ts";
import type { LoadedKnowledge } from "./knowledge/types.ts";

export interface LibraryOptions {
  /**
   * Where a copy of the last knowledge base that loaded is kept (in the data folder). When the
   * knowledge base on disk is broken at start, the bot answers from this copy instead of not starting.
   */
  lastGood?: string;
  log?: (message: string) => void;
}

/**
 * The knowledge base the bot answers from, with its answer engine. `reload` swaps both at once
 * (after a publish), so a handler never sees a knowledge base with another's index.
 */
export class Library {
  private current: { knowledge: LoadedKnowledge; engine: AnswerEngine };

  constructor(
    /** The knowledge folder: where an article an admin publishes is written. */
    readonly dir: string,
    private readonly options: LibraryOptions = {},
  ) {
    try {
      this.current = Library.build(dir);
    } catch (error) {
      const copy = options.lastGood;
      if (!(error instanceof KnowledgeError) || !copy || !existsSync(copy)) throw error;
      this.current = Library.build(copy);
      const saved = statSync(copy).mtime.toISOString();
      options.log?.(`${dir}: ${error.problems.join("; ")} — answering from the last good copy (${copy}, saved ${saved}) until it is fixed`);
      return;
    }
    this.keep();
  }

  get knowledge(): LoadedKnowledge {
    return this.current.knowledge;
  }

  get engine(): AnswerEngine {
    return this.current.engine;
  }

  /** Loads and indexes the knowledge base again; on any error the current one stays. */
  reload(): LoadedKnowledge {
    this.current = Library.build(this.dir);
    this.keep();
    return this.current.knowledge;
  }

  /** Copies the knowledge base that just loaded to `lastGood`, replacing the old copy only once the new one is whole. */
  private keep(): void {
    const copy = this.options.lastGood;
    if (!copy) return;
    const next = `${copy}.new`;
    try {
      rmSync(next, { recursive: true, force: true });
      cpSync(this.dir, next, { recursive: true });
      rmSync(copy, { recursive: true, force: true });
      renameSync(next, copy);
    } catch (error) {
      this.options.log?.(`Could not keep a copy of the knowledge base in ${copy}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private static build(dir: string) {
    const knowledge = loadKnowledge(dir);
    return { knowledge, engine: new AnswerEngine(knowledge) };
  }
}
