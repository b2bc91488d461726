import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { load as parseYaml, YAMLException } from "js-yaml";
import { FieldReader, KnowledgeError } from "./fields.ts";
import { dateInUrl } from "./url-date.ts";
import { MIN_TEXT_CHARS, whyNotText } from "./article-text.ts";
import {
  EVENT_KINDS,
  FACT_ABOUT,
  FIGURE_GROUPS,
  LANGS,
  SUBSCRIPTION_GROUPS,
  TOPIC_KINDS,
  type Article,
  type Fact,
  type Lang,
  type Figure,
  type KnowledgeBase,
  type LoadedKnowledge,
  type Paragraph,
  type Source,
  type SubscriptionTopic,
  type TimelineEvent,
  type Topic,
} from "./types.ts";

/**
 * Loads and validates the whole knowledge base under `dir`, the timeline in its file order (checked to be chronological). Throws a KnowledgeError listing every
 * problem (file and field) when anything is wrong: a broken file never silently drops out.
 */
export function loadKnowledge(dir: string): LoadedKnowledge {
  const problems: string[] = [];
  const file = (name: string) => join(dir, name);
  const rel = (path: string) => relative(dir, path) || path;

  const readYaml = (name: string, rootKey: string): unknown[] => {
    const reader = new FieldReader(name, problems);
    if (!existsSync(file(name))) {
      reader.problem(rootKey, "file is missing");
      return [];
    }
    let doc: unknown;
    const text = readFileSync(file(name), "utf8");
    try {
      doc = parseYaml(text);
    } catch (error) {
      reader.problem("(YAML)", yamlProblem(error, text));
      return [];
    }
    const root = reader.object(doc, "(document)");
    return root ? reader.list(root[rootKey], rootKey, { min: 1 }) : [];
  };

  const sources = readSources(readYaml("sources.yaml", "sources"), new FieldReader("sources.yaml", problems));
  const readFacts = factReader(sources);

  const timelineReader = new FieldReader("timeline.yaml", problems);
  const timeline = readYaml("timeline.yaml", "events").map((raw, i) =>
    readEvent(raw, `events[${i}]`, timelineReader, readFacts),
  );
  const figuresReader = new FieldReader("figures.yaml", problems);
  const figures = readYaml("figures.yaml", "figures").map((raw, i) =>
    readFigure(raw, `figures[${i}]`, figuresReader, readFacts),
  );
  const topicsReader = new FieldReader("topics.yaml", problems);
  const topics = readYaml("topics.yaml", "topics").map((raw, i) =>
    readTopic(raw, `topics[${i}]`, topicsReader, readFacts),
  );

  requireUnique(timeline, "events", timelineReader);
  requireUnique(figures, "figures", figuresReader);
  requireUnique(topics, "topics", topicsReader);
  const figureIds = new Set(figures.map((f) => f.id));
  timeline.forEach((event, i) =>
    event.figureIds.forEach((id, j) => {
      if (!figureIds.has(id)) timelineReader.problem(`events[${i}].figures[${j}]`, `no figure "${id}" in figures.yaml`);
    }),
  );
  timeline.forEach((event, i) => {
    const previous = timeline[i - 1];
    if (previous && laterThan(previous.sortDate, event.sortDate)) {
      timelineReader.problem(`events[${i}].${event.date ? "date" : "sort_date"}`, `out of order: comes after "${previous.id}" (${previous.sortDate})`);
    }
  });

  const subscriptionsReader = new FieldReader("subscription-topics.yaml", problems);
  const subscriptionTopics = readYaml("subscription-topics.yaml", "topics").map((raw, i) => readSubscriptionTopic(raw, `topics[${i}]`, subscriptionsReader));
  requireUnique(subscriptionTopics, "topics", subscriptionsReader);
  const entries = { event: timeline, figure: figures, topic: topics } as Record<string, { id: string }[] | undefined>;
  subscriptionTopics.forEach((topic, i) =>
    topic.about.forEach((key, j) => {
      const [kind = "", id] = key.split(":", 2);
      const listed = entries[kind];
      // A file that did not load has said so already.
      if (listed?.length === 0) return;
      if (!listed?.some((entry) => entry.id === id)) subscriptionsReader.problem(`topics[${i}].about[${j}]`, `no entry "${key}" (event:<id> in timeline.yaml, figure:<id> in figures.yaml, topic:<id> in topics.yaml)`);
    }),
  );

  const articles = readArticles(dir, rel, problems);

  if (problems.length > 0) throw new KnowledgeError(problems);
  return { articles, sources, timeline, figures, topics, subscriptionTopics };
}

type ReadFacts = (value: unknown, path: string, reader: FieldReader, withAbout: boolean) => Fact[];

function readSources(items: unknown[], reader: FieldReader): Map<string, Source> {
  const sources = new Map<string, Source>();
  items.forEach((raw, i) => {
    const path = `sources[${i}]`;
    const obj = reader.object(raw, path);
    if (!obj) return;
    reader.unknownKeys(obj, path, ["url", "outlet", "title", "published", "lang"]);
    const url = reader.url(obj.url, `${path}.url`);
    const source: Source = {
      url,
      outlet: reader.text(obj.outlet, `${path}.outlet`),
      title: reader.optionalText(obj.title, `${path}.title`),
      // Not given: the address may state it ("/2019/11/29/"); null written out means the page has none.
      published: obj.published === undefined ? dateInUrl(url) : reader.date(obj.published, `${path}.published`, { nullable: true }),
      lang: reader.oneOf(obj.lang, `${path}.lang`, ["ru", "kk", "en"] as const),
    };
    if (sources.has(source.url)) reader.problem(`${path}.url`, `${source.url} is listed twice`);
    sources.set(source.url, source);
  });
  return sources;
}

/** What is wrong with a YAML text, where, and the line itself. */
function yamlProblem(error: unknown, text: string): string {
  if (!(error instanceof YAMLException) || !error.mark) return (error as Error).message.split("\n")[0] ?? "does not parse";
  const { line, column } = error.mark;
  const offending = text.split(/\r?\n/)[line]?.trim() ?? "";
  return `${error.reason} at line ${line + 1}, column ${column + 1}${offending ? `: ${offending}` : ""}`;
}

function factReader(sources: Map<string, Source>): ReadFacts {
  return (value, path, reader, withAbout) =>
    reader.list(value, path, { min: 1 }).map((raw, i) => {
      const factPath = `${path}[${i}]`;
      const obj = reader.object(raw, factPath) ?? {};
      reader.unknownKeys(obj, factPath, withAbout ? ["about", "ru", "kk", "asks", "sources"] : ["ru", "kk", "asks", "sources"]);
      const urls = reader.list(obj.sources, `${factPath}.sources`, { min: 1 });
      const factSources = urls.flatMap((url, j) => {
        const source = sources.get(reader.url(url, `${factPath}.sources[${j}]`));
        if (!source) reader.problem(`${factPath}.sources[${j}]`, `${String(url)} is not listed in sources.yaml`);
        return source ? [source] : [];
      });
      return {
        text: reader.bilingual({ ru: obj.ru, kk: obj.kk }, factPath),
        about: withAbout && obj.about !== undefined ? reader.oneOf(obj.about, `${factPath}.about`, FACT_ABOUT) : null,
        asks: readAsks(obj.asks, `${factPath}.asks`, reader),
        sources: factSources,
      };
    });
}

/** `asks: {ru: [...], kk: [...]}`, both optional. */
function readAsks(value: unknown, path: string, reader: FieldReader): Record<Lang, string[]> {
  const asks = { ru: [] as string[], kk: [] as string[] };
  if (value === undefined) return asks;
  const obj = reader.object(value, path);
  if (!obj) return asks;
  reader.unknownKeys(obj, path, [...LANGS]);
  for (const lang of LANGS) {
    if (obj[lang] === undefined) continue;
    asks[lang] = reader.list(obj[lang], `${path}.${lang}`).map((q, i) => reader.text(q, `${path}.${lang}[${i}]`));
  }
  return asks;
}

function readEvent(raw: unknown, path: string, reader: FieldReader, readFacts: ReadFacts): TimelineEvent {
  const obj = reader.object(raw, path) ?? {};
  reader.unknownKeys(obj, path, [
    "id", "date", "sort_date", "date_label", "kind", "milestone", "title", "figures", "facts",
  ]);
  const date = reader.date(obj.date, `${path}.date`, { nullable: true });
  let sortDate = date;
  if (obj.date === null) {
    sortDate = reader.date(obj.sort_date, `${path}.sort_date`, { nullable: false });
  } else if (obj.sort_date !== undefined) {
    reader.problem(`${path}.sort_date`, "only for events whose date is null");
  }
  return {
    id: reader.id(obj.id, `${path}.id`),
    date,
    sortDate: sortDate ?? "",
    dateLabel: reader.bilingual(obj.date_label, `${path}.date_label`),
    kind: reader.oneOf(obj.kind, `${path}.kind`, EVENT_KINDS),
    milestone: reader.boolean(obj.milestone, `${path}.milestone`, false),
    title: reader.bilingual(obj.title, `${path}.title`, { maxLength: 32 }),
    figureIds: obj.figures === undefined ? [] : reader.list(obj.figures, `${path}.figures`).map((id, i) => reader.id(id, `${path}.figures[${i}]`)),
    facts: readFacts(obj.facts, `${path}.facts`, reader, true),
  };
}

function readFigure(raw: unknown, path: string, reader: FieldReader, readFacts: ReadFacts): Figure {
  const obj = reader.object(raw, path) ?? {};
  reader.unknownKeys(obj, path, ["id", "group", "kind", "name", "short_name", "aliases", "role", "facts"]);
  return {
    id: reader.id(obj.id, `${path}.id`),
    group: reader.oneOf(obj.group, `${path}.group`, FIGURE_GROUPS),
    kind: reader.oneOf(obj.kind, `${path}.kind`, ["person", "organisation"] as const),
    name: reader.bilingual(obj.name, `${path}.name`),
    shortName: obj.short_name === undefined ? null : reader.bilingual(obj.short_name, `${path}.short_name`, { maxLength: 32 }),
    aliases: obj.aliases === undefined ? [] : reader.list(obj.aliases, `${path}.aliases`).map((a, i) => reader.text(a, `${path}.aliases[${i}]`)),
    role: reader.bilingual(obj.role, `${path}.role`),
    facts: readFacts(obj.facts, `${path}.facts`, reader, false),
  };
}

function readTopic(raw: unknown, path: string, reader: FieldReader, readFacts: ReadFacts): Topic {
  const obj = reader.object(raw, path) ?? {};
  reader.unknownKeys(obj, path, ["id", "kind", "title", "facts"]);
  return {
    id: reader.id(obj.id, `${path}.id`),
    kind: reader.oneOf(obj.kind, `${path}.kind`, TOPIC_KINDS),
    title: reader.bilingual(obj.title, `${path}.title`),
    facts: readFacts(obj.facts, `${path}.facts`, reader, false),
  };
}

function readSubscriptionTopic(raw: unknown, path: string, reader: FieldReader): SubscriptionTopic {
  const obj = reader.object(raw, path) ?? {};
  reader.unknownKeys(obj, path, ["id", "group", "title", "about"]);
  return {
    id: reader.id(obj.id, `${path}.id`),
    group: reader.oneOf(obj.group, `${path}.group`, SUBSCRIPTION_GROUPS),
    title: reader.bilingual(obj.title, `${path}.title`, { maxLength: 40 }),
    about: reader.list(obj.about, `${path}.about`, { min: 1 }).map((key, i) => reader.text(key, `${path}.about[${i}]`)),
  };
}

/** Compares two ISO dates of any precision: what is known only by its year or month ("2018") comes after the dated days of that year or month. */
function laterThan(a: string, b: string): boolean {
  if (!a || !b) return false;
  const endOf = (date: string) => date + "-99-99".slice(date.length - 4);
  return endOf(a) > endOf(b);
}

function requireUnique(items: { id: string }[], rootKey: string, reader: FieldReader): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (item.id && seen.has(item.id)) reader.problem(`${rootKey}[${i}].id`, `"${item.id}" is used twice`);
    seen.add(item.id);
  });
}

function readArticles(dir: string, rel: (path: string) => string, problems: string[]): Article[] {
  const articles: Article[] = [];
  for (const lang of LANGS) {
    const folder = join(dir, "articles", lang);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((n) => n.endsWith(".md")).sort()) {
      const path = join(folder, name);
      const article = parseArticle(readFileSync(path, "utf8"), new FieldReader(rel(path), problems));
      if (!article) continue;
      const reader = new FieldReader(rel(path), problems);
      if (article.id && article.id !== basename(name, ".md")) reader.problem("id", `must equal the file name "${basename(name, ".md")}"`);
      if (article.lang !== lang) reader.problem("lang", `must be "${lang}", the folder it is in`);
      articles.push({ ...article, file: rel(path) });
    }
  }
  const byId = new Map<string, Article>();
  for (const article of articles) {
    if (byId.has(article.id)) new FieldReader(article.file, problems).problem("id", `"${article.id}" is used by ${byId.get(article.id)?.file}`);
    byId.set(article.id, article);
  }
  for (const article of articles) {
    if (!article.translationOf) continue;
    const reader = new FieldReader(article.file, problems);
    const original = byId.get(article.translationOf);
    if (!original) reader.problem("translation_of", `no article "${article.translationOf}"`);
    else if (original.lang === article.lang) reader.problem("translation_of", "the original must be in the other language");
    else if (original.url !== article.url) reader.problem("url", "a translation links to its original's url");
  }
  return articles;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export function parseArticle(content: string, reader: FieldReader): Omit<Article, "file"> | null {
  const match = FRONT_MATTER.exec(content.replace(/^\uFEFF/, ""));
  if (!match) {
    reader.problem("(front matter)", "the file must start with YAML front matter between --- lines");
    return null;
  }
  let meta: Record<string, unknown> | null;
  try {
    meta = reader.object(parseYaml(match[1] ?? ""), "(front matter)");
  } catch (error) {
    reader.problem("(front matter)", yamlProblem(error, match[1] ?? ""));
    return null;
  }
  if (!meta) return null;
  reader.unknownKeys(meta, "(front matter)", ["id", "lang", "title", "source", "url", "published", "translation_of"]);
  if (!("published" in meta)) reader.problem("published", "missing (write null when the page gives no date)");
  const paragraphs = parseBody(match[2] ?? "");
  const notText = whyNotText(content);
  if (notText) reader.problem("(body)", `not an article's text: ${notText}`);
  else {
    const length = paragraphs.filter((p) => !p.heading).map((p) => p.text).join(" ").length;
    if (length === 0) reader.problem("(body)", "the article has no text");
    else if (length < MIN_TEXT_CHARS) reader.problem("(body)", `only ${length} characters of text; an article needs at least ${MIN_TEXT_CHARS}`);
  }
  return {
    id: reader.id(meta.id, "id", 64),
    lang: reader.oneOf(meta.lang, "lang", LANGS),
    title: reader.text(meta.title, "title"),
    outlet: reader.text(meta.source, "source"),
    url: reader.url(meta.url, "url"),
    published: reader.date(meta.published ?? null, "published", { nullable: true }),
    translationOf: meta.translation_of === undefined ? null : reader.id(meta.translation_of, "translation_of", 64),
    paragraphs,
  };
}

function parseBody(body: string): Paragraph[] {
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.replace(/\s*\r?\n\s*/g, " ").trim())
    .filter((block) => block !== "")
    .map((block) => {
      const heading = /^#{1,6}\s+/.exec(block);
      return heading ? { text: block.slice(heading[0].length).trim(), heading: true } : { text: block, heading: false };
    });
}
