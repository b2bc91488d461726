// Written by `npm run train-ranker` from the tuning questions (test/eval/tuning); do not edit by hand.
import type { RankerModel } from "./ranking.ts";

export const MODEL: RankerModel = {
  "passage": {
    "bm25": 2.9295,
    "coverage": 0.676,
    "knownCoverage": 0.6829,
    "matched": 0.6995,
    "missingRare": -0.4151,
    "rescued": 0.1739,
    "contextOnly": 0.1201,
    "typeMatch": 0.7968,
    "novel": 0.2331,
    "counted": 0.3157,
    "aboutMatch": -0.0971,
    "focus": 0.4655,
    "sameLanguage": 0.0066,
    "firstFact": -0.0664,
    "dispute": -0.3132,
    "disputeAsked": -0.0226,
    "subject": 0.1326,
    "subjectIntro": 0.1426,
    "latest": 0.1523,
    "conflict": -0.6106,
    "length": -0.1256,
    "trigrams": 0.737,
    "askCoverage": 1.4898,
    "askTrigrams": 1.4104,
    "closestAsk": 1.6917
  },
  "confidence": {
    "bias": -7.5799,
    "top": 0.6622,
    "askCoverage": 0.2079,
    "askTrigrams": 0.1559,
    "closestAsk": 0.1356,
    "margin": 0.2391,
    "coverage": 0.307,
    "knownCoverage": -0.1363,
    "missingRare": -0.0392,
    "typeMatch": -0.3206,
    "novel": 0.2088,
    "unknown": -0.3787,
    "unknownFocus": -0.5236,
    "unknownNames": -0.0794,
    "topical": -0.1269,
    "words": -0.3151
  },
  "answer": 0.3032,
  "suggest": 0.1782
};
