import type { Passage } from "../search/passages.ts";
import type { AnswerReason } from "./engine.ts";

/** The message that says why there is no answer. */
export function noAnswerKey(reason: AnswerReason): string {
  switch (reason) {
    case "empty":
      return "answer-empty";
    case "uncertain":
      return "answer-suggest";
    case "other-country":
      return "answer-other-country";
    case "personal":
      return "answer-personal";
    default:
      return "answer-not-found";
  }
}

/** A passage as a button offers it: the first question its fact answers, else its entry's title. */
export function passageLabel(passage: Passage): string {
  return passage.asks.split("\n")[0] || passage.title;
}
