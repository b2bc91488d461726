// Written by `npm run train-ranker` from the tuning questions (test/eval/tuning); do not edit by hand.
import type { RankerModel } from "./ranking.ts";

export const MODEL: RankerModel = {
  "passage": {
    "bm25": 2.7687,
    "coverage": 0.7662,
    "knownCoverage": 0.7728,
    "matched": 0.7088,
    "missingRare": -0.5768,
    "rescued": 0.0846,
    "contextOnly": 0.141,
    "typeMatch": 0.691,
    "counted": 0.4023,
    "aboutMatch": -0.1304,
    "focus": 0.4885,
    "sameLanguage": 0.0199,
    "firstFact": -0.0052,
    "dispute": -0.209,
    "disputeAsked": 0.0436,
    "subject": 0.1019,
    "subjectIntro": 0.168,
    "latest": 0.1866,
    "conflict": -0.6297,
    "length": -0.0532,
    "trigrams": 0.7241,
    "askCoverage": 1.4431,
    "askTrigrams": 1.3667,
    "closestAsk": 1.4318
  },
  "confidence": {
    "bias": -8.1072,
    "top": 0.6818,
    "askCoverage": 0.2076,
    "askTrigrams": 0.1034,
    "closestAsk": 0.1445,
    "margin": 0.2684,
    "coverage": 0.4713,
    "knownCoverage": -0.1992,
    "missingRare": 0.2568,
    "typeMatch": -0.4061,
    "unknown": -0.5401,
    "unknownFocus": -1.1239,
    "unknownNames": -0.1417,
    "topical": -0.0643,
    "words": -0.1345
  },
  "answer": 0.315,
  "suggest": 0.226
};
