// Written by `npm run train-ranker` from the tuning questions (test/eval/tuning); do not edit by hand.
import type { RankerModel } from "./ranking.ts";

export const MODEL: RankerModel = {
  "passage": {
    "bm25": 2.8098,
    "coverage": 0.7444,
    "knownCoverage": 0.7656,
    "matched": 0.7757,
    "missingRare": -0.4617,
    "rescued": 0.1935,
    "contextOnly": 0.1436,
    "typeMatch": 0.824,
    "counted": 0.3884,
    "aboutMatch": -0.0567,
    "focus": 0.5094,
    "sameLanguage": 0.0138,
    "firstFact": -0.0931,
    "dispute": -0.2608,
    "disputeAsked": 0.0091,
    "subject": 0.1253,
    "subjectIntro": 0.1512,
    "latest": 0.1382,
    "conflict": -0.6704,
    "length": -0.0624,
    "trigrams": 0.7971,
    "askCoverage": 1.4105,
    "askTrigrams": 1.4229,
    "closestAsk": 1.4487
  },
  "confidence": {
    "bias": -8.1366,
    "top": 0.6867,
    "askCoverage": 0.1823,
    "askTrigrams": 0.1863,
    "closestAsk": 0.1056,
    "margin": 0.3174,
    "coverage": 0.3676,
    "knownCoverage": -0.1606,
    "missingRare": 0.0007,
    "typeMatch": -0.3719,
    "unknown": -0.4016,
    "unknownFocus": -0.4453,
    "unknownNames": -0.0974,
    "topical": -0.0376,
    "words": -0.1578
  },
  "answer": 0.3291,
  "suggest": 0.2065
};
