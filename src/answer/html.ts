/** Escapes text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Telegram's message limit: 4096 characters of text once tags and entities are parsed. */
export const MESSAGE_LIMIT = 4096;

/** The length Telegram counts for an HTML message: tags removed, entities as one character. */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(lt|gt|amp|quot|#\d+|#x[\da-f]+);/gi, "_").length;
}
