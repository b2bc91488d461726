import { describe, expect, it } from "vitest";
import { HEADLINE_ONLY_FLOOR, RelevanceClassifier, RELEVANCE_THRESHOLD } from "../../src/feeds/relevance.ts";
import { Library } from "../../src/library.ts";
import { relevanceSet, type LabelledItem } from "./relevance-set.ts";

const classifier = new RelevanceClassifier(new Library("knowledge"));
const { tuning, heldOut } = relevanceSet();

/** As the watcher judges a feed's item (headline and lead). */
const fromFeed = (item: LabelledItem) => classifier.judge(item, item.lang);

/** As the watcher judges a listing page's link: the headline, then, if it may be, with the page's first paragraph (here the lead). */
function fromListing(item: LabelledItem) {
  const headline = classifier.judge({ title: item.title, lead: "" }, item.lang);
  return headline.score >= HEADLINE_ONLY_FLOOR ? classifier.judge(item, item.lang) : { ...headline, relevant: false };
}

/** Where the tuning half is best cut: halfway between its best-scoring unrelated item and its worst-scoring related one. */
function bestCut(): string {
  const scores = tuning.map((item) => ({ item, score: fromFeed(item).score }));
  const unrelated = Math.max(...scores.filter((s) => !s.item.relevant).map((s) => s.score));
  const related = Math.min(...scores.filter((s) => s.item.relevant).map((s) => s.score));
  return `RELEVANCE_THRESHOLD is ${RELEVANCE_THRESHOLD}; the tuning half is best cut at ${((unrelated + related) / 2).toFixed(2)} (unrelated up to ${unrelated.toFixed(2)}, related from ${related.toFixed(2)})`;
}

function measure(items: LabelledItem[], judge = fromFeed) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: string[] = [];
  for (const item of items) {
    const { relevant, score } = judge(item);
    if (relevant && item.relevant) tp++;
    else if (relevant) fp++;
    else if (item.relevant) fn++;
    if (relevant !== item.relevant) wrong.push(`${item.relevant ? "missed" : "false alarm"} ${score.toFixed(2)} ${item.title}`);
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), wrong };
}

describe("relevance of a headline and lead to the operation", () => {
  it("has a labelled set of at least 120, half relevant, in both languages, split in halves", () => {
    const all = [...tuning, ...heldOut];
    expect(all.length).toBeGreaterThanOrEqual(120);
    const relevant = all.filter((i) => i.relevant).length;
    expect(Math.abs(relevant - all.length / 2)).toBeLessThanOrEqual(3);
    for (const lang of ["ru", "kk"]) for (const label of [true, false]) {
      expect(all.filter((i) => i.lang === lang && i.relevant === label).length).toBeGreaterThanOrEqual(25);
    }
    expect(Math.abs(tuning.length - heldOut.length)).toBeLessThanOrEqual(4);
  });

  // The floors are the targets (precision 95%, recall 90%): the scores move whenever the ranker is
  // retrained. Measured on 2026-12-02 with that day's ranker (threshold 0.49): tuning half 100%
  // precision, 100% recall; held-out half 100% precision, 96.8% recall (30 of 31).
  it("meets the targets on the tuning half, where the threshold was chosen", () => {
    const { precision, recall, wrong } = measure(tuning);
    expect(wrong.length === 0 ? [] : [...wrong, bestCut()]).toEqual([]);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it("meets the targets on the held-out half", () => {
    const { precision, recall, wrong } = measure(heldOut);
    const why = wrong.length === 0 ? "" : [...wrong, bestCut()].join("\n");
    expect(precision, why).toBeGreaterThanOrEqual(0.95);
    expect(recall, why).toBeGreaterThanOrEqual(0.9);
  });

  // Listing pages (headlines only), measured the same day: 100% precision on each half, recall 96.8%
  // (30 of 31) on the tuning half and 93.5% (29 of 31) held out.
  it("judges a listing page's headlines nearly as well, with a look at the page when the headline may be relevant", () => {
    const tuned = measure(tuning, fromListing);
    expect(tuned.precision, tuned.wrong.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(tuned.recall, tuned.wrong.join("\n")).toBeGreaterThanOrEqual(0.9);
    const held = measure(heldOut, fromListing);
    expect(held.precision, held.wrong.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(held.recall, held.wrong.join("\n")).toBeGreaterThanOrEqual(0.9);
  });

  it("refuses the tricky neighbours: another country's returns, the bank, the plant", () => {
    const judge = (title: string, lead = "") => classifier.judge({ title, lead });
    expect(judge("Узбекистан провёл операцию «Мехр»", "Из Сирии вернули 98 женщин и детей").reason).toBe("other-country");
    expect(judge("Jusan Bank снизил ставки по депозитам").relevant).toBe(false);
    expect(judge("Жусан гүлдеп тұр", "Дала өсімдігі тамызда гүлдейді").relevant).toBe(false);
    const found = judge("«Жусан-3»: из Сирии вернулись 67 женщин и 171 ребёнок");
    expect(found.relevant).toBe(true);
    expect(found.score).toBeGreaterThanOrEqual(RELEVANCE_THRESHOLD);
    expect(found.about.length).toBeGreaterThan(0);
  });
});
