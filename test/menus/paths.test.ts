import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { FIGURE_GROUPS, type Figure, type FigureGroup, type LoadedKnowledge, type TimelineEvent } from "../../src/knowledge/types.ts";
import {
  ACTIONS,
  deepLinkPath,
  eventPath,
  eventsOnPage,
  figurePath,
  figuresPath,
  groupPath,
  isCurrentMenuPath,
  PAGE_SIZE,
  pageCount,
  subscriptionPath,
  timelinePath,
} from "../../src/menus/paths.ts";
import { CALLBACK_DATA_BYTES, MENU_ROOT } from "../../src/telegram/callback-data.ts";

/** Telegram's limit on a button's callback_data, in bytes. */
const bytes = (text: string) => Buffer.byteLength(text, "utf8");
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
/** Telegram's rule for a /start payload: up to 64 of A-Z a-z 0-9 _ -. */
const START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

function event(id: string): TimelineEvent {
  return {
    id,
    date: "2019-01-06",
    sortDate: "2019-01-06",
    dateLabel: { ru: "6 января 2019", kk: "2019 жылғы 6 қаңтар" },
    kind: "operation",
    milestone: false,
    title: { ru: id, kk: id },
    figureIds: [],
    facts: [],
  };
}

function figure(id: string, group: FigureGroup): Figure {
  return { id, group, kind: "person", name: { ru: id, kk: id }, shortName: null, aliases: [], role: { ru: "", kk: "" }, facts: [] };
}

function knowledge(events: TimelineEvent[], figures: Figure[] = []): LoadedKnowledge {
  return { articles: [], sources: new Map(), timeline: events, figures, topics: [], subscriptionTopics: [{ id: "iraq", group: "theme", title: { ru: "Ирак", kk: "Ирак" }, about: ["event:e-1"] }] };
}

/** n events e-1 … e-n. */
const events = (n: number) => Array.from({ length: n }, (_, i) => event(`e-${i + 1}`));

/** Takes a timeline event path apart (the inverse of eventPath). */
function parseEventPath(path: string): { page: number; id: string } | null {
  const match = /^m\/t:(\d+)\/e:([a-z0-9-]+)\/$/.exec(path);
  return match ? { page: Number(match[1]), id: match[2] ?? "" } : null;
}

let real: LoadedKnowledge;

beforeAll(() => {
  real = loadKnowledge("knowledge");
});

describe("paging the timeline", () => {
  it("has eight events to a page and at least one page", () => {
    expect(PAGE_SIZE).toBe(8);
    expect(pageCount(knowledge([]))).toBe(1);
    expect(pageCount(knowledge(events(1)))).toBe(1);
    expect(pageCount(knowledge(events(8)))).toBe(1);
    expect(pageCount(knowledge(events(9)))).toBe(2);
    expect(pageCount(knowledge(events(17)))).toBe(3);
  });

  it("puts each event on exactly one page, in order", () => {
    const kb = knowledge(events(17));
    expect(eventsOnPage(kb, 1).map((e) => e.id)).toEqual(["e-1", "e-2", "e-3", "e-4", "e-5", "e-6", "e-7", "e-8"]);
    expect(eventsOnPage(kb, 3).map((e) => e.id)).toEqual(["e-17"]);
    expect([1, 2, 3].flatMap((page) => eventsOnPage(kb, page))).toEqual(kb.timeline);
    expect(eventsOnPage(kb, 4)).toEqual([]);
  });

  it("puts an event's path on the page that shows it", () => {
    const kb = knowledge(events(17));
    expect(eventPath(kb, kb.timeline[0]!)).toBe("m/t:1/e:e-1/");
    expect(eventPath(kb, kb.timeline[7]!)).toBe("m/t:1/e:e-8/");
    expect(eventPath(kb, kb.timeline[8]!)).toBe("m/t:2/e:e-9/");
    expect(eventPath(kb, kb.timeline[16]!)).toBe("m/t:3/e:e-17/");
  });
});

describe("paths are valid callback data", () => {
  it("are printable ASCII within 64 bytes for every event and figure of the knowledge base", () => {
    const paths = [
      MENU_ROOT,
      figuresPath,
      ...Object.values(ACTIONS).filter((a) => a !== ACTIONS.ask).map((a) => `${MENU_ROOT}${a}`),
      ...FIGURE_GROUPS.map(groupPath),
      ...Array.from({ length: pageCount(real) }, (_, i) => timelinePath(i + 1)),
      ...real.timeline.map((e) => eventPath(real, e)),
      ...real.figures.flatMap((f) => [figurePath(f), `${figurePath(f)}${ACTIONS.ask}`, `${figurePath(f)}fol:true`, `${figurePath(f)}fol:false`]),
      ...["", "off", "all:true", "all:false", "dT:week", "dF:now"].map((action) => `${subscriptionPath}${action}`),
      ...real.subscriptionTopics.flatMap((topic) => [`${subscriptionPath}tT:${topic.id}`, `${subscriptionPath}tF:${topic.id}`]),
      ...real.figures.map((f) => `${subscriptionPath}fF:${f.id}`),
    ];
    expect(paths.length).toBeGreaterThan(real.timeline.length + real.figures.length);
    for (const path of paths) {
      expect(path, path).toMatch(PRINTABLE_ASCII);
      expect(bytes(path), path).toBeLessThanOrEqual(CALLBACK_DATA_BYTES);
      expect(isCurrentMenuPath(real, path), path).toBe(true);
    }
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("stay within 64 bytes for the longest ids the knowledge base allows (24 characters) and a long timeline", () => {
    const longest = "a".repeat(24);
    const timeline = [...events(8 * 998), event(longest)];
    const kb = knowledge(timeline, [figure(longest, "kazakhstan")]);
    const paths = [eventPath(kb, timeline.at(-1)!), figurePath(kb.figures[0]!), `${figurePath(kb.figures[0]!)}${ACTIONS.ask}`, `${figurePath(kb.figures[0]!)}fol:false`, `${subscriptionPath}fT:${longest}`];
    expect(paths[0]).toBe(`m/t:999/e:${longest}/`);
    for (const path of paths) {
      expect(bytes(path), path).toBeLessThanOrEqual(CALLBACK_DATA_BYTES);
      expect(isCurrentMenuPath(kb, path), path).toBe(true);
    }
  });
});

describe("round trips", () => {
  it("an event's path names its page and id, and that page shows the event", () => {
    for (const e of real.timeline) {
      const parsed = parseEventPath(eventPath(real, e));
      expect(parsed?.id).toBe(e.id);
      expect(eventsOnPage(real, parsed!.page)).toContain(e);
      expect(timelinePath(parsed!.page)).toBe(`m/t:${parsed!.page}/`);
    }
  });

  it("a deep link to an event or a figure opens its menu path", () => {
    for (const e of real.timeline) {
      const payload = `event_${e.id}`;
      expect(payload).toMatch(START_PAYLOAD);
      expect(deepLinkPath(real, payload)).toBe(eventPath(real, e));
    }
    for (const f of real.figures) {
      const payload = `figure_${f.id}`;
      expect(payload).toMatch(START_PAYLOAD);
      expect(deepLinkPath(real, payload)).toBe(figurePath(f));
      expect(figurePath(f)).toBe(`m/f/g:${f.group}/p:${f.id}/`);
    }
  });

  it("named deep links open the main menu, the timeline's first page and the figures", () => {
    expect(deepLinkPath(real, "menu")).toBe("m/");
    expect(deepLinkPath(real, "timeline")).toBe("m/t:1/");
    expect(deepLinkPath(real, "figures")).toBe("m/f/");
  });
});

describe("old or tampered data is refused", () => {
  it("refuses a subscription topic or a figure that is gone", () => {
    const kb = knowledge(events(3), [figure("sain", "kazakhstan")]);
    expect(isCurrentMenuPath(kb, "m/s/tT:iraq")).toBe(true);
    expect(isCurrentMenuPath(kb, "m/s/fF:sain")).toBe(true);
    for (const path of ["m/s/tT:courts", "m/s/fF:pompeo", "m/s/dT:daily", "m/s/all:maybe", "m/f/g:kazakhstan/p:pompeo/fol:true", "m/f/g:kazakhstan/p:sain/fol:x"]) {
      expect(isCurrentMenuPath(kb, path), path).toBe(false);
    }
  });

  it("refuses pages that do not exist", () => {
    const kb = knowledge(events(17));
    expect(isCurrentMenuPath(kb, "m/t:1/")).toBe(true);
    expect(isCurrentMenuPath(kb, "m/t:3/")).toBe(true);
    for (const path of ["m/t:0/", "m/t:4/", "m/t:-1/", "m/t:/", "m/t:1", "m/t:x/", "m/t:1.5/", "m/t:99999999999999999999999/"]) {
      expect(isCurrentMenuPath(kb, path), path).toBe(false);
    }
  });

  it("refuses an event that is gone, or asked for on a page that does not show it", () => {
    const kb = knowledge(events(17));
    expect(isCurrentMenuPath(kb, "m/t:2/e:e-9/")).toBe(true);
    for (const path of ["m/t:1/e:e-9/", "m/t:2/e:e-99/", "m/t:2/e:E-9/", "m/t:2/e:e-9", "m/t:2/e:e-9/x", "m/t:2/e:e_9/", "m/t:2/e:/"]) {
      expect(isCurrentMenuPath(kb, path), path).toBe(false);
    }
  });

  it("refuses unknown groups, figures in another group than their own and unknown actions", () => {
    const kb = knowledge([], [figure("sales", "usa"), figure("knb", "kazakhstan")]);
    for (const path of ["m/f/", "m/f/g:usa/", "m/f/g:un/", "m/f/g:usa/p:sales/", "m/f/g:usa/p:sales/ask", "m/f/g:kazakhstan/p:knb/"]) {
      expect(isCurrentMenuPath(kb, path), path).toBe(true);
    }
    for (const path of [
      "m/f/g:mars/",
      "m/f/g:USA/",
      "m/f/g:kazakhstan/p:sales/",
      "m/f/g:usa/p:pompeo/",
      "m/f/g:usa/p:sales/askx",
      "m/f/g:usa/p:sales/lang",
      "m/f/g:usa/p:sales",
      "m/f/g:usa/p:../",
    ]) {
      expect(isCurrentMenuPath(kb, path), path).toBe(false);
    }
  });

  it("knows the main menu's actions and nothing else at the root", () => {
    const kb = knowledge(events(3));
    for (const path of ["m/", "m/lang", "m/help", "m/sub"]) expect(isCurrentMenuPath(kb, path), path).toBe(true);
    for (const path of ["", "m", "/", "m//", "m/ask", "m/langx", "M/", "x/", " m/", "m/ ", "m/\n", "m/lang/", "m/t:1/../", "m/f/../"]) {
      expect(isCurrentMenuPath(kb, path), JSON.stringify(path)).toBe(false);
    }
  });

  it("refuses a deep link to anything unknown or malformed", () => {
    const kb = knowledge(events(3), [figure("sales", "usa")]);
    expect(deepLinkPath(kb, "event_e-2")).toBe("m/t:1/e:e-2/");
    expect(deepLinkPath(kb, "figure_sales")).toBe("m/f/g:usa/p:sales/");
    for (const payload of ["", "event_", "event_e-9", "event_E-2", "event_e-2x", "figure_pompeo", "figure_", "sales", "figure_sales/ask", "Timeline", "menu "]) {
      expect(deepLinkPath(kb, payload), JSON.stringify(payload)).toBeNull();
    }
  });
});
