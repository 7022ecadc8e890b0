const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
const formats = units.map(
  (unit) =>
    new Intl.NumberFormat(undefined, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }),
);

/** "820 kB", "3.4 MB": a file's size for people (decimal units, as file managers show them). */
export function fileSize(bytes: number) {
  const step = Math.min(units.length - 1, Math.max(0, Math.floor(Math.log10(Math.max(bytes, 1)) / 3)));
  return formats[step]?.format(bytes / 1000 ** step) ?? `${bytes} B`;
}
