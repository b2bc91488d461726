// Written by `npm run train-ranker` from the tuning questions (test/eval/tuning); do not edit by hand.
import type { RankerModel } from "./ranking.ts";

export const MODEL: RankerModel = {
  "passage": {
    "bm25": 2.6355,
    "coverage": 0.8206,
    "knownCoverage": 0.8386,
    "matched": 0.738,
    "missingRare": -0.6243,
    "rescued": 0.0904,
    "contextOnly": 0.1396,
    "typeMatch": 0.6442,
    "counted": 0.3842,
    "aboutMatch": -0.177,
    "focus": 0.5744,
    "sameLanguage": -0.0001,
    "firstFact": 0.0319,
    "dispute": -0.187,
    "disputeAsked": 0.0477,
    "subject": 0.0765,
    "subjectIntro": 0.1567,
    "latest": 0.1841,
    "conflict": -0.6262,
    "length": -0.0272,
    "trigrams": 0.8425,
    "askCoverage": 1.4698,
    "askTrigrams": 1.6175,
    "closestAsk": 1.4048
  },
  "confidence": {
    "bias": -8.2647,
    "top": 0.7011,
    "askCoverage": 0.1543,
    "askTrigrams": 0.2713,
    "closestAsk": 0.0784,
    "margin": 0.2727,
    "coverage": 0.4381,
    "knownCoverage": -0.2235,
    "missingRare": 0.2658,
    "typeMatch": -0.3659,
    "unknown": -0.5223,
    "unknownFocus": -1.1521,
    "unknownNames": -0.1807,
    "topical": -0.0848,
    "words": -0.0179
  },
  "answer": 0.3166,
  "suggest": 0.1793
};
