/** Equal as values: strings and numbers by value, lists regardless of order. */
const same = (a: unknown, b: unknown) => {
  const normal = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].sort() : (v ?? null));
  return normal(a) === normal(b);
};

/**
 * Three-way merge of someone's unsaved edit with a version saved meanwhile, field by field:
 * a field only one side changed takes that side's value; a field both changed differently
 * is a conflict (kept as mine in `merged`, listed in `conflicts`).
 */
export function mergeEdits<T extends Record<string, unknown>>(base: T, mine: T, theirs: T) {
  const merged = { ...theirs };
  const conflicts: (keyof T & string)[] = [];
  const theyChanged: (keyof T & string)[] = [];
  for (const key of Object.keys(mine) as (keyof T & string)[]) {
    const mineChanged = !same(mine[key], base[key]);
    const theirsChanged = !same(theirs[key], base[key]);
    if (theirsChanged) theyChanged.push(key);
    if (mineChanged) merged[key] = mine[key];
    if (mineChanged && theirsChanged && !same(mine[key], theirs[key])) conflicts.push(key);
  }
  return { merged, conflicts, theyChanged };
}
