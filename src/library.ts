import { AnswerEngine } from "./answer/engine.ts";
import { loadKnowledge } from "./knowledge/load.ts";
import type { KnowledgeBase } from "./knowledge/types.ts";

/**
 * The knowledge base the bot answers from, with its answer engine. `reload` swaps both at once
 * (after a publish), so a handler never sees a knowledge base with another's index.
 */
export class Library {
  private current: { knowledge: KnowledgeBase; engine: AnswerEngine };

  constructor(private readonly dir: string) {
    this.current = Library.build(dir);
  }

  get knowledge(): KnowledgeBase {
    return this.current.knowledge;
  }

  get engine(): AnswerEngine {
    return this.current.engine;
  }

  /** Loads and indexes the knowledge base again; on any error the current one stays. */
  reload(): KnowledgeBase {
    this.current = Library.build(this.dir);
    return this.current.knowledge;
  }

  private static build(dir: string) {
    const knowledge = loadKnowledge(dir);
    return { knowledge, engine: new AnswerEngine(knowledge) };
  }
}
