// Written by `npm run train-ranker` from the tuning questions (test/eval/tuning); do not edit by hand.
import type { RankerModel } from "./ranking.ts";

export const MODEL: RankerModel = {
  "passage": {
    "bm25": 2.7539,
    "coverage": 0.7755,
    "knownCoverage": 0.7909,
    "matched": 0.7006,
    "missingRare": -0.6088,
    "rescued": 0.0909,
    "contextOnly": 0.1512,
    "typeMatch": 0.6567,
    "counted": 0.389,
    "aboutMatch": -0.1614,
    "focus": 0.5334,
    "sameLanguage": -0.0005,
    "firstFact": 0.0013,
    "dispute": -0.1999,
    "disputeAsked": 0.0452,
    "subject": 0.1017,
    "subjectIntro": 0.1701,
    "latest": 0.1872,
    "conflict": -0.6259,
    "length": -0.0352,
    "trigrams": 0.7569,
    "askCoverage": 1.4488,
    "askTrigrams": 1.3759,
    "closestAsk": 1.4481
  },
  "confidence": {
    "bias": -8.2144,
    "top": 0.6842,
    "askCoverage": 0.2106,
    "askTrigrams": 0.1075,
    "closestAsk": 0.1339,
    "margin": 0.286,
    "coverage": 0.4581,
    "knownCoverage": -0.217,
    "missingRare": 0.2507,
    "typeMatch": -0.3573,
    "unknown": -0.5215,
    "unknownFocus": -1.1374,
    "unknownNames": -0.1822,
    "topical": -0.0727,
    "words": -0.0895
  },
  "answer": 0.3174,
  "suggest": 0.172
};
