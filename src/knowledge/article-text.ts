/** Less than this is a caption or a teaser, not an article to answer from. */
export const MIN_TEXT_CHARS = 200;

/** Why a text is not an article's text (NUL bytes, invalid UTF-8, control characters), or null when it is. */
export function whyNotText(content: string): string | null {
  if (content.includes("\u0000")) return "it has NUL bytes";
  if (content.includes("\uFFFD")) return "it is not UTF-8";
  const control = /[\u0001-\u0008\u000B\u000E-\u001F\u007F]/.exec(content);
  return control ? `it has the control character U+${control[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}` : null;
}
