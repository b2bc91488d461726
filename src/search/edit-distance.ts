/** One letter added, dropped or changed, or two neighbours swapped ("скольок" for "сколько"). */
export function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length < b.length) return editDistanceAtMostOne(b, a);
  let i = 0;
  while (i < b.length && a[i] === b[i]) i++;
  if (a.length !== b.length) return a.slice(i + 1) === b.slice(i);
  const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return swapped || a.slice(i + 1) === b.slice(i + 1);
}
