// Written by `npm run train-ranker` from the tuning questions (test/eval/tuning); do not edit by hand.
import type { RankerModel } from "./ranking.ts";

export const MODEL: RankerModel = {
  "passage": {
    "bm25": 2.7499,
    "coverage": 0.7714,
    "knownCoverage": 0.7755,
    "matched": 0.7117,
    "missingRare": -0.5844,
    "rescued": 0.0887,
    "contextOnly": 0.1533,
    "typeMatch": 0.6811,
    "counted": 0.3923,
    "aboutMatch": -0.1424,
    "focus": 0.5096,
    "sameLanguage": 0.0015,
    "firstFact": -0.0198,
    "dispute": -0.2037,
    "disputeAsked": 0.0437,
    "subject": 0.1026,
    "subjectIntro": 0.1689,
    "latest": 0.1874,
    "conflict": -0.6285,
    "length": -0.0462,
    "trigrams": 0.7264,
    "askCoverage": 1.4454,
    "askTrigrams": 1.3708,
    "closestAsk": 1.4429
  },
  "confidence": {
    "bias": -8.1739,
    "top": 0.6874,
    "askCoverage": 0.2098,
    "askTrigrams": 0.1062,
    "closestAsk": 0.1318,
    "margin": 0.291,
    "coverage": 0.4844,
    "knownCoverage": -0.2143,
    "missingRare": 0.2385,
    "typeMatch": -0.3688,
    "unknown": -0.5421,
    "unknownFocus": -1.1073,
    "unknownNames": -0.1772,
    "topical": -0.0655,
    "words": -0.1405
  },
  "answer": 0.3038,
  "suggest": 0.2119
};
