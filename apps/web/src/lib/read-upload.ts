/** What an uploaded article file gave: its text, and a title when the file names one. */
export type TUpload = { ok: true; text: string; title: string | null } | { ok: false; problem: string };

// The formats people upload by mistake, by their first bytes.
const signatures: [string, number[]][] = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a PDF document", [0x25, 0x50, 0x44, 0x46]],
  ["a Word document or other zip archive", [0x50, 0x4b, 0x03, 0x04]],
];

/** Text from a file, judged by its content, not its name: binary files are refused with a reason. */
export function readUpload(name: string, bytes: Uint8Array): TUpload {
  const kind = signatures.find(([, magic]) => magic.every((byte, i) => bytes[i] === byte))?.[0];
  if (kind) return { ok: false, problem: `${name} is ${kind}, not text. Upload a .txt, .md or .html file.` };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      problem: `${name} is not UTF-8 text. Save it as UTF-8 text or HTML and upload it again.`,
    };
  }
  if (text.includes("\u0000"))
    return { ok: false, problem: `${name} is not a text file. Upload a .txt, .md or .html file.` };
  return { ok: true, text, title: /^\s*</.test(text) ? htmlTitle(text) : null };
}

/** An HTML page's headline: og:title, else its first h1, else <title>. */
function htmlTitle(html: string): string | null {
  const document = new DOMParser().parseFromString(html, "text/html");
  const candidates = [
    document.querySelector('meta[property="og:title"]')?.getAttribute("content"),
    document.querySelector("h1")?.textContent,
    document.title,
  ];
  return candidates.map((title) => title?.replace(/\s+/g, " ").trim()).find(Boolean) ?? null;
}
