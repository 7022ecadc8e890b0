import { DomainError, type TMediaKind } from "@factdesk/schema";
import { fileTypeFromBuffer } from "file-type";

/**
 * Uploaded media, read by content: what a file is (never what its name or the browser says),
 * and a public copy without the metadata that can give away where and with what it was made
 * (EXIF location and device, XMP, IPTC, comments). The copy keeps every pixel and frame as it
 * was: segments are dropped or blanked, nothing is decoded or re-encoded, so a reader's copy
 * still shows what the desk reviewed.
 */

export type TMediaFormat = "jpeg" | "png" | "webp" | "gif" | "mp4";

const accepted: Record<string, { format: TMediaFormat; kind: TMediaKind }> = {
  "image/jpeg": { format: "jpeg", kind: "image" },
  "image/png": { format: "png", kind: "image" },
  "image/webp": { format: "webp", kind: "image" },
  "image/gif": { format: "gif", kind: "image" },
  "video/mp4": { format: "mp4", kind: "video" },
  "video/x-m4v": { format: "mp4", kind: "video" },
  "video/quicktime": { format: "mp4", kind: "video" },
};

export const ACCEPTED_MEDIA = "JPEG, PNG, WebP or GIF images, MP4 or QuickTime videos";

export interface TMediaFile {
  format: TMediaFormat;
  kind: TMediaKind;
  mime: string;
}

/** What the file is by its bytes, or a BAD_REQUEST that says what was found instead. */
export async function detectMedia(bytes: Uint8Array): Promise<TMediaFile> {
  const found = await fileTypeFromBuffer(bytes);
  const known = found && accepted[found.mime];
  if (!found || !known)
    throw new DomainError(
      "BAD_REQUEST",
      `${found ? `This file is ${found.ext.toUpperCase()} (${found.mime})` : "This file is not a picture or video we recognise"}: upload ${ACCEPTED_MEDIA}.`,
    );
  return { ...known, mime: found.mime };
}

export interface TPublicCopy {
  bytes: Uint8Array;
  /** What was taken out, for the desk to see ("EXIF", "XMP", …); empty when there was nothing. */
  removed: string[];
}

/** The copy readers get: the same picture or video without its metadata. */
export function publicCopyOf(bytes: Uint8Array, format: TMediaFormat): TPublicCopy {
  const removed = new Set<string>();
  const copy = strippers[format](bytes, (what) => removed.add(what));
  return { bytes: copy, removed: [...removed] };
}

type TStripper = (bytes: Uint8Array, removed: (what: string) => void) => Uint8Array;

const damaged = (format: string, at: number) =>
  new DomainError("BAD_REQUEST", `This ${format} file is damaged (its structure breaks at byte ${at}).`);

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

// JPEG: keep JFIF (APP0), colour profiles (APP2 ICC_PROFILE) and Adobe's colour transform
// (APP14); drop every other APPn (EXIF and XMP are APP1, IPTC APP13) and comments, and
// anything after the image's end (trailers carry more pictures with their own EXIF).
const jpeg: TStripper = (bytes, removed) => {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw damaged("JPEG", 0);
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw damaged("JPEG", at);
    const marker = bytes[at + 1] ?? -1;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      parts.push(bytes.subarray(at, at + 2));
      if (at + 2 < bytes.length) removed("data after the image");
      return concat(parts);
    }
    if (marker >= 0xd0 && marker <= 0xd7) {
      parts.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw damaged("JPEG", at);
    const label = ascii(bytes, at + 4, 12);
    const app = marker >= 0xe0 && marker <= 0xef;
    const keep = app
      ? marker === 0xe0 || marker === 0xee || (marker === 0xe2 && label.startsWith("ICC_PROFILE"))
      : marker !== 0xfe;
    if (keep) parts.push(bytes.subarray(at, end));
    else
      removed(
        marker === 0xfe
          ? "comment"
          : marker === 0xe1
            ? label.startsWith("Exif")
              ? "EXIF"
              : "XMP"
            : marker === 0xed
              ? "IPTC"
              : `APP${marker - 0xe0}`,
      );
    at = end;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF nor a restart.
      const start = at;
      while (at < bytes.length) {
        const next = bytes[at + 1] ?? 0;
        if (bytes[at] === 0xff && next !== 0 && !(next >= 0xd0 && next <= 0xd7)) break;
        at += 1;
      }
      parts.push(bytes.subarray(start, at));
    }
  }
  throw damaged("JPEG", at);
};

// PNG: the chunks that draw the picture (and its colour and animation); text, EXIF and time go.
const pngKept = new Set(
  "IHDR PLTE IDAT IEND tRNS cHRM gAMA iCCP sBIT sRGB cICP mDCv cLLi bKGD hIST pHYs sPLT acTL fcTL fdAT".split(
    " ",
  ),
);
const pngRemoved: Record<string, string> = {
  eXIf: "EXIF",
  tEXt: "text",
  zTXt: "text",
  iTXt: "text",
  tIME: "time",
};
const png: TStripper = (bytes, removed) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = ascii(bytes, at + 4, 4);
    const end = at + 12 + length;
    if (end > bytes.length) throw damaged("PNG", at);
    if (pngKept.has(type)) parts.push(bytes.subarray(at, end));
    else removed(pngRemoved[type] ?? `${type} chunk`);
    if (type === "IEND") {
      if (end < bytes.length) removed("data after the image");
      return concat(parts);
    }
    at = end;
  }
  throw damaged("PNG", at);
};

// WebP: drop the EXIF and XMP chunks and clear their flags in the extended header.
const webp: TStripper = (bytes, removed) => {
  if (ascii(bytes, 0, 4) !== "RIFF" || ascii(bytes, 8, 4) !== "WEBP") throw damaged("WebP", 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const parts: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= riffEnd) {
    const type = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > riffEnd) throw damaged("WebP", at);
    if (type === "EXIF" || type === "XMP ") removed(type.trim());
    else if (type === "VP8X") {
      const chunk = bytes.slice(at, end);
      chunk[8] = (chunk[8] ?? 0) & ~0x0c; // the EXIF (0x08) and XMP (0x04) flags
      parts.push(chunk);
    } else parts.push(bytes.subarray(at, end));
    at = end;
  }
  const body = concat(parts);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  return concat([header, body]);
};

// GIF: keep the blocks that draw it and the looping extension; comments and other
// application extensions (XMP lives in one) go.
const gif: TStripper = (bytes, removed) => {
  if (!ascii(bytes, 0, 3).startsWith("GIF")) throw damaged("GIF", 0);
  const flags = bytes[10] ?? 0;
  let at = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  const parts: Uint8Array[] = [bytes.subarray(0, at)];
  /** The end of a run of data sub-blocks starting at `from` (after its zero-length terminator). */
  const subBlocksEnd = (from: number) => {
    let cursor = from;
    while (cursor < bytes.length && bytes[cursor] !== 0) cursor += (bytes[cursor] ?? 0) + 1;
    if (cursor >= bytes.length) throw damaged("GIF", from);
    return cursor + 1;
  };
  while (at < bytes.length) {
    const introducer = bytes[at];
    if (introducer === 0x3b) {
      parts.push(bytes.subarray(at, at + 1));
      if (at + 1 < bytes.length) removed("data after the image");
      return concat(parts);
    }
    if (introducer === 0x2c) {
      const local = bytes[at + 9] ?? 0;
      const tableEnd = at + 10 + (local & 0x80 ? 3 * 2 ** ((local & 0x07) + 1) : 0);
      const end = subBlocksEnd(tableEnd + 1); // after the LZW minimum code size
      parts.push(bytes.subarray(at, end));
      at = end;
    } else if (introducer === 0x21) {
      const label = bytes[at + 1];
      const end = subBlocksEnd(at + 2);
      const application = label === 0xff ? ascii(bytes, at + 3, 11) : "";
      const keep = label === 0xf9 || label === 0x01 || /^(NETSCAPE2\.0|ANIMEXTS1\.0)$/.test(application);
      if (keep) parts.push(bytes.subarray(at, end));
      else removed(label === 0xfe ? "comment" : application.startsWith("XMP") ? "XMP" : "application data");
      at = end;
    } else throw damaged("GIF", at);
  }
  throw damaged("GIF", at);
};

// MP4 and QuickTime: metadata boxes (udta, meta, XMP's uuid) become `free` boxes of the same
// size with nothing in them, so no offset into the media data moves.
const XMP_UUID = "be7acfcb97a942e89c71999491e3afac";
const mp4: TStripper = (bytes, removed) => {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const walk = (from: number, to: number, depth: number) => {
    let at = from;
    while (at + 8 <= to) {
      let size = view.getUint32(at);
      let header = 8;
      if (size === 1) {
        if (at + 16 > to) throw damaged("MP4", at);
        size = Number(view.getBigUint64(at + 8));
        header = 16;
      } else if (size === 0) size = to - at;
      const end = at + size;
      if (size < header || end > to) throw damaged("MP4", at);
      const type = ascii(copy, at + 4, 4);
      const uuid =
        type === "uuid" ? Buffer.from(copy.subarray(at + header, at + header + 16)).toString("hex") : "";
      if (type === "udta" || type === "meta" || uuid === XMP_UUID) {
        copy.set([0x66, 0x72, 0x65, 0x65], at + 4); // "free"
        copy.fill(0, at + header, end);
        removed(uuid ? "XMP" : type === "udta" ? "user data (location, device)" : "metadata");
      } else if ((type === "moov" && depth === 0) || (type === "trak" && depth === 1))
        walk(at + header, end, depth + 1);
      at = end;
    }
  };
  if (ascii(bytes, 4, 4) !== "ftyp") throw damaged("MP4", 4);
  walk(0, copy.length, 0);
  return copy;
};

const strippers: Record<TMediaFormat, TStripper> = { jpeg, png, webp, gif, mp4 };
