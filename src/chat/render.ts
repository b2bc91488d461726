/** Telegram HTML as terminal text: bold and italics with ANSI codes when `color`, quotes indented, links with their URL. */
export function htmlToTerminal(html: string, color: boolean): string {
  const style = (code: string) => (color ? `\u001b[${code}m` : "");
  return html
    .replace(/<blockquote[^>]*>([\s\S]*?)<\/blockquote>/g, (_, quote: string) =>
      quote
        .split("\n")
        .map((line) => `  │ ${line}`)
        .join("\n"),
    )
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_, url: string, text: string) => `${text} ‹${url}›`)
    .replace(/<(b|strong)>([\s\S]*?)<\/\1>/g, (_, _tag: string, text: string) => `${style("1")}${text}${style("22")}`)
    .replace(/<(i|em)>([\s\S]*?)<\/\1>/g, (_, _tag: string, text: string) => `${style("3")}${text}${style("23")}`)
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
