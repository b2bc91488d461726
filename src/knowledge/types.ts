export const LANGS = ["ru", "kk"] as const;
export type Lang = (typeof LANGS)[number];
/** The other of the two languages. */
export const otherLang = (lang: Lang): Lang => (lang === "ru" ? "kk" : "ru");

export type Bilingual = Record<Lang, string>;

/** A page that a fact or an article cites. */
export interface Source {
  url: string;
  outlet: string;
  title: string | null;
  /** ISO date (YYYY-MM-DD, YYYY-MM or YYYY) or null when the page gives none. */
  published: string | null;
  lang: "ru" | "kk" | "en";
}

export const FACT_ABOUT = ["what", "who", "numbers", "dispute"] as const;
export type FactAbout = (typeof FACT_ABOUT)[number];

export interface Fact {
  text: Bilingual;
  about: FactAbout | null;
  /** Questions this fact answers, as people ask them, in each language: searched, never shown. */
  asks: Record<Lang, string[]>;
  sources: Source[];
}

export const EVENT_KINDS = [
  "background",
  "operation",
  "statement",
  "visit",
  "report",
  "trial",
  "meeting",
  "event",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface TimelineEvent {
  id: string;
  date: string | null;
  sortDate: string;
  dateLabel: Bilingual;
  kind: EventKind;
  milestone: boolean;
  title: Bilingual;
  figureIds: string[];
  facts: Fact[];
}

export const FIGURE_GROUPS = ["kazakhstan", "usa", "un", "other"] as const;
export type FigureGroup = (typeof FIGURE_GROUPS)[number];

export interface Figure {
  id: string;
  group: FigureGroup;
  kind: "person" | "organisation";
  name: Bilingual;
  /** What a button calls it when the full name is too long for one («МИД РК»). */
  shortName: Bilingual | null;
  aliases: string[];
  role: Bilingual;
  facts: Fact[];
}

export const TOPIC_KINDS = ["overview", "name", "totals", "rehabilitation", "prosecution", "abroad", "background"] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export interface Topic {
  id: string;
  kind: TopicKind;
  title: Bilingual;
  facts: Fact[];
}

export const SUBSCRIPTION_GROUPS = ["stage", "theme"] as const;

/** Something a subscriber can follow (subscription-topics.yaml): a stage or a theme, and the entries that belong to it. */
export interface SubscriptionTopic {
  id: string;
  group: (typeof SUBSCRIPTION_GROUPS)[number];
  title: Bilingual;
  /** Knowledge base entries: `event:<id>`, `figure:<id>`, `topic:<id>`. */
  about: string[];
}

export interface Paragraph {
  text: string;
  /** A `##` heading: context for the paragraphs under it, never quoted as an answer. */
  heading: boolean;
}

export interface Article {
  id: string;
  lang: Lang;
  title: string;
  outlet: string;
  url: string;
  published: string | null;
  translationOf: string | null;
  paragraphs: Paragraph[];
  /** Path relative to the knowledge directory, for messages. */
  file: string;
}

export interface KnowledgeBase {
  articles: Article[];
  sources: Map<string, Source>;
  timeline: TimelineEvent[];
  figures: Figure[];
  topics: Topic[];
}

/** The knowledge base as the loader gives it: what is searched, and what subscribers can follow. */
export interface LoadedKnowledge extends KnowledgeBase {
  subscriptionTopics: SubscriptionTopic[];
}
