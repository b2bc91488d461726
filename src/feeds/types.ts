import type { Lang } from "../knowledge/types.ts";

/** A source to watch: an RSS/Atom feed, or a listing page whose links to articles match a pattern. */
export type FeedSource = {
  id: string;
  outlet: string;
  lang: Lang;
} & ({ kind: "feed"; url: string } | { kind: "listing"; url: string; linkPattern: RegExp });

/** One entry of a feed or one article link of a listing page. */
export interface FeedItem {
  /** The feed's own id for it (guid, Atom id) or, failing that, its link. */
  key: string;
  url: string;
  title: string;
  /** The item's summary as plain text; empty for a link from a listing page. */
  lead: string;
  /** ISO date (YYYY-MM-DD) the feed gives, if any. */
  published: string | null;
}
