// Written by `npm run train-ranker` from the tuning questions (test/eval/tuning); do not edit by hand.
import type { RankerModel } from "./ranking.ts";

export const MODEL: RankerModel = {
  "passage": {
    "bm25": 2.7498,
    "coverage": 0.7713,
    "knownCoverage": 0.7753,
    "matched": 0.7114,
    "missingRare": -0.5844,
    "rescued": 0.0887,
    "contextOnly": 0.153,
    "typeMatch": 0.6808,
    "counted": 0.3923,
    "aboutMatch": -0.1409,
    "focus": 0.5089,
    "sameLanguage": 0.0016,
    "firstFact": -0.0193,
    "dispute": -0.2034,
    "disputeAsked": 0.0437,
    "subject": 0.1026,
    "subjectIntro": 0.1689,
    "latest": 0.1874,
    "conflict": -0.6283,
    "length": -0.0469,
    "trigrams": 0.7261,
    "askCoverage": 1.4456,
    "askTrigrams": 1.3711,
    "closestAsk": 1.4429
  },
  "confidence": {
    "bias": -8.1736,
    "top": 0.6876,
    "askCoverage": 0.2098,
    "askTrigrams": 0.1061,
    "closestAsk": 0.1318,
    "margin": 0.2912,
    "coverage": 0.4844,
    "knownCoverage": -0.2142,
    "missingRare": 0.2384,
    "typeMatch": -0.3685,
    "unknown": -0.542,
    "unknownFocus": -1.1074,
    "unknownNames": -0.1771,
    "topical": -0.0655,
    "words": -0.1404
  },
  "answer": 0.3037,
  "suggest": 0.2118
};
