/**
 * The date a page's address states, when it states one unmistakably: "/2019/11/29/", "/2019/10/"
 * (a month), "/20191004/", "/2021-02-11-…", "/20210205-…". A number that could be anything else
 * (an id, a year alone) gives nothing.
 */
export function dateInUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const patterns: { pattern: RegExp; day: boolean }[] = [
    { pattern: /\/(\d{4})\/(\d{2})\/(\d{2})(?=\/|$)/, day: true },
    { pattern: /\/(\d{4})-(\d{2})-(\d{2})(?=[-/_.]|$)/, day: true },
    { pattern: /\/(\d{4})(\d{2})(\d{2})(?=[-/_.]|$)/, day: true },
    { pattern: /\/(\d{4})\/(\d{2})(?=\/)/, day: false },
  ];
  for (const { pattern, day } of patterns) {
    const match = pattern.exec(path);
    if (!match) continue;
    const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 1)];
    if (year < 2000 || year > 2100 || month < 1 || month > 12 || date < 1 || date > 31) continue;
    return day ? `${match[1]}-${match[2]}-${match[3]}` : `${match[1]}-${match[2]}`;
  }
  return null;
}
