/** A URL slug from a headline: ASCII letters and digits joined by hyphens, at most `max` long. */
export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= max) return slug || "verdict";
  // Cut at the last whole word that fits (a single longer word is cut where it must be).
  const cut = slug.slice(0, max + 1);
  const lastBreak = cut.lastIndexOf("-");
  return (lastBreak > 0 ? cut.slice(0, lastBreak) : slug.slice(0, max)).replace(/-+$/, "") || "verdict";
}
