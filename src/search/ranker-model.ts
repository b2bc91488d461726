// Written by `npm run train-ranker` from the tuning questions (test/eval/tuning); do not edit by hand.
import type { RankerModel } from "./ranking.ts";

export const MODEL: RankerModel = {
  "passage": {
    "bm25": 2.8557,
    "coverage": 0.7378,
    "knownCoverage": 0.7352,
    "matched": 0.7897,
    "missingRare": -0.4023,
    "rescued": 0.1939,
    "contextOnly": 0.111,
    "typeMatch": 0.8172,
    "novel": 0.2618,
    "counted": 0.3358,
    "aboutMatch": -0.1268,
    "focus": 0.488,
    "sameLanguage": 0.0127,
    "firstFact": -0.1429,
    "dispute": -0.2809,
    "disputeAsked": -0.0068,
    "subject": 0.094,
    "subjectIntro": 0.1201,
    "latest": 0.1485,
    "conflict": -0.6588,
    "length": -0.0356,
    "trigrams": 0.7871,
    "askCoverage": 1.4022,
    "askTrigrams": 1.4077,
    "closestAsk": 1.4566
  },
  "confidence": {
    "bias": -7.8574,
    "top": 0.676,
    "askCoverage": 0.1807,
    "askTrigrams": 0.1909,
    "closestAsk": 0.119,
    "margin": 0.2442,
    "coverage": 0.277,
    "knownCoverage": -0.1852,
    "missingRare": 0.0334,
    "typeMatch": -0.3074,
    "novel": 0.1254,
    "unknown": -0.3674,
    "unknownFocus": -0.4837,
    "unknownNames": -0.0728,
    "topical": -0.0841,
    "words": -0.2796
  },
  "answer": 0.322,
  "suggest": 0.1993
};
