// Telegram's parse_mode=HTML, ported from TDLib's parse_html (td/telegram/MessageEntity.cpp) so
// that errors carry the same wording and the same UTF-8 byte offsets as the real Bot API.
import type { MessageEntity, User } from "grammy/types";
import { ApiError, TelegramErrors } from "./errors.ts";

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

export interface HtmlOptions {
  /**
   * Also reject what Telegram silently tolerates but is almost always a bot bug: an `&` that does
   * not start an entity (Telegram keeps it literally) and an `<a>` without a usable href
   * (Telegram falls back to the link text, or drops the link).
   */
  strict: boolean;
}

const SUPPORTED_TAGS = new Set([
  "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
  "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
]);

const AMP = 0x26, LT = 0x3c, GT = 0x3e, SLASH = 0x2f, EQ = 0x3d, DQ = 0x22, SQ = 0x27;

// TDLib's is_space() also counts NUL, which is what ends every scan at the end of the input.
const isSpace = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
const isHexDigit = (c: number): boolean => isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);

function fail(detail: string): ApiError {
  return new ApiError(400, TelegramErrors.parseEntities(detail));
}

/** Decodes the HTML entity starting at `pos` (which holds '&'); undefined if it is not one. */
function decodeEntity(src: Buffer, pos: number): { code: number; end: number } | undefined {
  const at = (i: number): number => src[i] ?? 0;
  let end = pos + 1;
  let code = 0;
  if (at(pos + 1) === 0x23 /* # */) {
    end++;
    if (at(pos + 2) === 0x78 /* x */) {
      end++;
      while (isHexDigit(at(end))) code = code * 16 + parseInt(String.fromCharCode(at(end++)), 16);
    } else {
      while (isDigit(at(end))) code = code * 10 + (at(end++) - 0x30);
    }
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return undefined;
  } else {
    while (isAlpha(at(end))) end++;
    const name = src.toString("latin1", pos + 1, end);
    const named: Record<string, number> = { lt: 0x3c, gt: 0x3e, amp: 0x26, quot: 0x22 };
    const value = named[name];
    if (value === undefined) return undefined;
    code = value;
  }
  if (at(end) === 0x3b /* ; */) end++;
  return { code, end };
}

interface OpenTag {
  name: string;
  argument: string;
  /** UTF-16 offset of the tag's content in the output text */
  offset: number;
  /** byte offset of '<' in the input */
  bytePos: number;
}

type RawEntity = MessageEntity & { argument?: string };

const USER_LINK = /^tg:\/\/user\?id=(\d{1,19})$/i;

/** Telegram's link check, approximated: http(s), tg and ton links; bare domains get http://. */
export function checkLink(raw: string): string | undefined {
  const url = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "tg" || scheme === "ton") return url.length > scheme.length + 3 ? url : undefined;
  if (scheme !== undefined && scheme !== "http" && scheme !== "https") return undefined;
  const full = scheme === undefined ? `http://${url}` : url;
  let parsed: URL;
  try {
    parsed = new URL(full);
  } catch {
    return undefined;
  }
  const host = parsed.hostname;
  if (host === "" || /\s/.test(url)) return undefined;
  if (!host.includes(".") && host !== "localhost" && !host.startsWith("[")) return undefined;
  // TDLib normalises a bare host to "scheme://host/"
  return /^[a-z]+:\/\/[^/?#]+$/i.test(full) ? `${full}/` : full;
}

const PRIORITY: Record<string, number> = {
  blockquote: 0, expandable_blockquote: 0, pre: 11, code: 20, text_link: 49, text_mention: 49,
  bold: 90, italic: 91, underline: 92, strikethrough: 93, spoiler: 94, custom_emoji: 99,
};

/** TDLib's entity order: by offset, longer first, then by type priority. */
export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort(
    (a, b) =>
      a.offset - b.offset ||
      b.length - a.length ||
      (PRIORITY[a.type] ?? 50) - (PRIORITY[b.type] ?? 50),
  );
}

export function parseHtml(html: string, options: HtmlOptions): FormattedText {
  const src = Buffer.from(html, "utf8");
  const at = (i: number): number => src[i] ?? 0;
  const ascii = (from: number, to: number): string => src.toString("utf8", from, to);

  let out = "";
  const entities: RawEntity[] = [];
  const open: OpenTag[] = [];
  let runStart = 0;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c !== AMP && c !== LT) {
      i++;
      continue;
    }
    out += ascii(runStart, i);
    if (c === AMP) {
      const decoded = decodeEntity(src, i);
      if (decoded !== undefined) {
        out += decoded.code > 0xffff ? String.fromCodePoint(decoded.code) : String.fromCharCode(decoded.code);
        i = runStart = decoded.end;
        continue;
      }
      if (options.strict) throw fail(`Character "&" must be escaped as "&amp;" at byte offset ${i}`);
      out += "&";
      i = runStart = i + 1;
      continue;
    }

    const begin = i++;
    if (at(i) !== SLASH) {
      while (!isSpace(at(i)) && at(i) !== GT) i++;
      if (at(i) === 0) throw fail(`Unclosed start tag at byte offset ${begin}`);
      const name = ascii(begin + 1, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(name)) throw fail(`Unsupported start tag "${name}" at byte offset ${begin}`);

      let argument = "";
      while (at(i) !== GT) {
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) === GT) break;
        const nameBegin = i;
        while (!isSpace(at(i)) && ![EQ, GT, SLASH, DQ, SQ].includes(at(i))) i++;
        const attribute = ascii(nameBegin, i);
        if (attribute === "") throw fail(`Empty attribute name in the tag "${name}" at byte offset ${begin}`);
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) !== EQ) {
          if (at(i) === 0) throw fail(`Unclosed start tag "${name}" at byte offset ${begin}`);
          if (name === "blockquote" && attribute === "expandable") argument = "1";
          continue;
        }
        i++;
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) === 0) throw fail(`Unclosed start tag "${name}" at byte offset ${begin}`);

        let value = "";
        if (at(i) !== SQ && at(i) !== DQ) {
          const tokenBegin = i;
          while (isAlpha(at(i)) || isDigit(at(i)) || at(i) === 0x2e || at(i) === 0x2d) i++;
          value = ascii(tokenBegin, i).toLowerCase();
          if (!isSpace(at(i)) && at(i) !== GT) throw fail(`Unexpected end of name token at byte offset ${tokenBegin}`);
        } else {
          const quote = at(i++);
          let valueStart = i;
          while (at(i) !== quote && at(i) !== 0) {
            if (at(i) === AMP) {
              const decoded = decodeEntity(src, i);
              if (decoded !== undefined) {
                value += ascii(valueStart, i) + String.fromCodePoint(decoded.code);
                i = valueStart = decoded.end;
                continue;
              }
            }
            i++;
          }
          value += ascii(valueStart, i);
          if (at(i) === quote) i++;
        }
        if (at(i) === 0) throw fail(`Unclosed start tag at byte offset ${begin}`);

        if (name === "a" && attribute === "href") argument = value;
        else if (name === "code" && attribute === "class" && value.startsWith("language-")) argument = value.slice(9);
        else if (name === "span" && attribute === "class" && value.startsWith("tg-")) argument = value.slice(3);
        else if (name === "tg-emoji" && attribute === "emoji-id") argument = value;
        else if (name === "blockquote" && attribute === "expandable") argument = "1";
      }
      if (name === "span" && argument !== "spoiler") {
        throw fail(`Tag "span" must have class "tg-spoiler" at byte offset ${begin}`);
      }
      open.push({ name, argument, offset: out.length, bytePos: begin });
    } else {
      if (open.length === 0) throw fail(`Unexpected end tag at byte offset ${begin}`);
      while (!isSpace(at(i)) && at(i) !== GT) i++;
      const endName = ascii(begin + 2, i).toLowerCase();
      while (isSpace(at(i)) && at(i) !== 0) i++;
      if (at(i) !== GT) throw fail(`Unclosed end tag at byte offset ${begin}`);
      const tag = open.pop()!;
      if (endName !== "" && endName !== tag.name) {
        throw fail(`Unmatched end tag at byte offset ${begin}, expected "</${tag.name}>", found "</${endName}>"`);
      }
      if (out.length > tag.offset) closeEntity(tag, out, entities, options);
    }
    i = runStart = i + 1;
  }
  out += ascii(runStart, src.length);

  const unclosed = open.at(-1);
  if (unclosed !== undefined) throw fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(out)) {
    throw fail("Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units");
  }
  const result: MessageEntity[] = entities.map(({ argument: _argument, ...entity }) => entity);
  return { text: out, entities: sortEntities(result) };
}

function closeEntity(tag: OpenTag, out: string, entities: RawEntity[], options: HtmlOptions): void {
  const offset = tag.offset;
  const length = out.length - offset;
  const last = entities.at(-1);
  const sameRange = last !== undefined && last.offset === offset && last.length === length;
  switch (tag.name) {
    case "i":
    case "em":
      entities.push({ type: "italic", offset, length });
      return;
    case "b":
    case "strong":
      entities.push({ type: "bold", offset, length });
      return;
    case "s":
    case "strike":
    case "del":
      entities.push({ type: "strikethrough", offset, length });
      return;
    case "u":
    case "ins":
      entities.push({ type: "underline", offset, length });
      return;
    case "tg-spoiler":
    case "span":
      entities.push({ type: "spoiler", offset, length });
      return;
    case "blockquote":
      entities.push({ type: tag.argument === "" ? "blockquote" : "expandable_blockquote", offset, length });
      return;
    case "tg-emoji":
      if (!/^-?\d{1,19}$/.test(tag.argument) || BigInt(tag.argument) === 0n) {
        throw fail("Invalid custom emoji identifier specified");
      }
      entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: tag.argument });
      return;
    case "a": {
      const url = tag.argument === "" ? out.slice(offset) : tag.argument;
      const userId = USER_LINK.exec(url)?.[1];
      if (userId !== undefined) {
        const user: User = { id: Number(userId), is_bot: false, first_name: "" };
        entities.push({ type: "text_mention", offset, length, user });
        return;
      }
      const checked = options.strict && tag.argument === "" ? undefined : checkLink(url);
      if (checked !== undefined) entities.push({ type: "text_link", offset, length, url: checked });
      else if (options.strict) throw fail(`Tag "a" must have a valid href attribute at byte offset ${tag.bytePos}`);
      return;
    }
    case "pre":
      // <pre><code class="language-x">…</code></pre>: the inner code entity becomes the language
      if (last?.type === "code" && sameRange && last.argument) {
        entities.pop();
        entities.push({ type: "pre", offset, length, language: last.argument });
      } else {
        entities.push({ type: "pre", offset, length });
      }
      return;
    case "code":
      if (last?.type === "pre" && last.language === undefined && sameRange && tag.argument !== "") {
        entities.pop();
        entities.push({ type: "pre", offset, length, language: tag.argument });
      } else {
        entities.push({ type: "code", offset, length, argument: tag.argument });
      }
      return;
  }
}
