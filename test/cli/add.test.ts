import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { load as parseYaml } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { PAGE } from "../knowledge/saved-page.ts";

/* `npm run add` as a process; what it does with a page or a Markdown file is in test/knowledge/import.test.ts. */

const run = promisify(execFile);
let dir: string;
let knowledge: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "zhusan-add-"));
  knowledge = join(dir, "knowledge");
  cpSync("knowledge", knowledge, { recursive: true });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run add, into the knowledge base", () => {
  it("npm run add takes a saved HTML page and adds it, dated and in its language's folder", async () => {
    const html = join(dir, "page.html");
    writeFileSync(html, PAGE);
    const url = "https://ru.sputnik.kz/20191004/zhusan-itogi-import.html";
    const { stdout } = await run(process.execPath, ["--import", "tsx", "src/cli/add.ts", html, "--url", url, "--source", "Sputnik Казахстан"], {
      env: { ...process.env, KNOWLEDGE_DIR: knowledge },
      timeout: 20_000,
    });
    expect(stdout).toMatch(/Added/);
    const path = join(knowledge, "articles", "ru", "zhusan-itogi-import.md");
    expect(existsSync(path)).toBe(true);
    const front = /^---\n([\s\S]*?)---\n/.exec(readFileSync(path, "utf8"))?.[1] ?? "";
    expect(parseYaml(front)).toEqual({ id: "zhusan-itogi-import", lang: "ru", title: "Операция «Жусан»: итоги", source: "Sputnik Казахстан", url, published: "2019-10-04" });
    const article = loadKnowledge(knowledge).articles.find((a) => a.id === "zhusan-itogi-import");
    expect(article).toMatchObject({ lang: "ru", published: "2019-10-04", outlet: "Sputnik Казахстан", url });
    expect(article?.paragraphs.some((p) => p.text.includes("595 граждан"))).toBe(true);
  });

  const add = (args: string[]) =>
    run(process.execPath, ["--import", "tsx", "src/cli/add.ts", ...args], { env: { ...process.env, KNOWLEDGE_DIR: knowledge }, timeout: 20_000 }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

  it("npm run add refuses a binary file, too little text and an address that is not one, saying which", async () => {
    const binary = join(dir, "ls.bin");
    writeFileSync(binary, Buffer.concat([Buffer.from("ELF"), Buffer.alloc(2000), Buffer.from("text")]));
    const refusedBinary = await add([binary, "--url", "https://example.kz/a", "--source", "X", "--title", "Binary"]);
    expect(refusedBinary.code).toBe(1);
    expect(refusedBinary.stderr).toMatch(/not an article saved as text \(it has NUL bytes\)/);

    const short = join(dir, "short.md");
    writeFileSync(short, "# Жусан\n\nКоротко.\n");
    const refusedShort = await add([short, "--url", "https://example.kz/b", "--source", "X"]);
    expect(refusedShort.code).toBe(1);
    expect(refusedShort.stderr).toMatch(/only \d+ characters of text; an article needs at least 200/);

    const refusedUrl = await add([short, "--url", "not-a-url", "--source", "X"]);
    expect(refusedUrl.code).toBe(2);
    expect(refusedUrl.stderr).toMatch(/--url must be the article's web address/);
    expect(existsSync(join(knowledge, "articles", "ru", "short.md"))).toBe(false);
  });

  it("npm run add gives a translation an id of its own, beside its original's", async () => {
    const html = join(dir, "page.html");
    writeFileSync(html, PAGE);
    const url = "https://ru.sputnik.kz/20191004/zhusan-itogi-import.html";
    expect((await add([html, "--url", url, "--source", "Sputnik Казахстан", "--force"])).code).toBe(0);
    const kk = join(dir, "kk.md");
    writeFileSync(
      kk,
      "# «Жусан» операциясы: қорытындылар\n\n2019 жылы «Жусан» гуманитарлық операциясы барысында Сириядан Қазақстанға 595 азамат оралды, олардың көбі балалар мен әйелдер. Олар Ақтаудағы бейімделу орталығында медициналық көмек алып, психологтармен және теологтармен жұмыс істеді.\n",
    );
    const added = await add([kk, "--url", url, "--source", "Sputnik Казахстан", "--lang", "kk", "--translation-of", "zhusan-itogi-import"]);
    expect(added).toEqual({ code: 0, stderr: "" });
    expect(existsSync(join(knowledge, "articles", "kk", "zhusan-itogi-import-kk.md"))).toBe(true);
  });
});
