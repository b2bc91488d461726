// Written by `npm run train-ranker` from the tuning questions (test/eval/tuning); do not edit by hand.
import type { RankerModel } from "./ranking.ts";

export const MODEL: RankerModel = {
  "passage": {
    "bm25": 2.8097,
    "coverage": 0.7468,
    "knownCoverage": 0.7587,
    "matched": 0.7894,
    "missingRare": -0.4529,
    "rescued": 0.2041,
    "contextOnly": 0.1377,
    "typeMatch": 0.8546,
    "counted": 0.3872,
    "aboutMatch": -0.0919,
    "focus": 0.4732,
    "sameLanguage": 0.0134,
    "firstFact": -0.0726,
    "dispute": -0.2571,
    "disputeAsked": 0.0037,
    "subject": 0.1212,
    "subjectIntro": 0.15,
    "latest": 0.137,
    "conflict": -0.6704,
    "length": -0.0498,
    "trigrams": 0.7887,
    "askCoverage": 1.3994,
    "askTrigrams": 1.4064,
    "closestAsk": 1.4628
  },
  "confidence": {
    "bias": -8.1255,
    "top": 0.6819,
    "askCoverage": 0.1826,
    "askTrigrams": 0.1808,
    "closestAsk": 0.0997,
    "margin": 0.3256,
    "coverage": 0.3895,
    "knownCoverage": -0.1469,
    "missingRare": -0.0184,
    "typeMatch": -0.3748,
    "unknown": -0.4029,
    "unknownFocus": -0.503,
    "unknownNames": -0.0995,
    "topical": -0.0416,
    "words": -0.1465
  },
  "answer": 0.3322,
  "suggest": 0.2018
};
