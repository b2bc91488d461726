import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/** The terminal chat, fed lines as a person would type them. */
async function chat(lines: string[], args: string[] = []): Promise<string> {
  const child = run(process.execPath, ["--import", "tsx", "src/cli/chat.ts", ...args], {
    env: { ...process.env, USER: "", LANG: "C", DATABASE_URL: "" },
    timeout: 60_000,
  });
  child.child.stdin?.end(`${lines.join("\n")}\n`);
  return (await child).stdout;
}

describe("npm run chat", () => {
  it("speaks the language the person switches to, its own words and the greeting included", async () => {
    const out = await chat(["/language", "1", "/start", "99"]);
    const afterSwitch = out.slice(out.lastIndexOf(" /start"));
    expect(afterSwitch).toContain("Сәлеметсіз бе, Қонақ!");
    expect(afterSwitch).toContain("99 нөмірлі батырма жоқ");
    expect(afterSwitch).toMatch(/\nсіз: /);
    expect(afterSwitch).not.toMatch(/Гость|\nвы: /);
  });

  it("prints its usage for --help and refuses a language it does not speak", async () => {
    expect(await chat([], ["--help"])).toContain("npm run chat -- [--lang ru|kk]");
    await expect(chat([], ["--lang", "en"])).rejects.toMatchObject({ code: 2 });
  });
});
