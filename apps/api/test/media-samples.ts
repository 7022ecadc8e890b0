import jpeg from "jpeg-js";
import { GifWriter } from "omggif";
import { PNG } from "pngjs";

/**
 * Real pictures and a video container carrying the metadata a phone or an editor writes
 * (EXIF location and device, XMP, comments), made here so each test knows exactly what went in.
 */

const WIDTH = 24;
const HEIGHT = 16;
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const u16be = (n: number) => Uint8Array.of(n >> 8, n & 0xff);
const u32be = (n: number) => Uint8Array.of(n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
const u32le = (n: number) => Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);

/** RGBA pixels of a small gradient. */
export function pixels() {
  const data = new Uint8Array(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++) data.set([x * 10, y * 15, 128, 255], (y * WIDTH + x) * 4);
  return { width: WIDTH, height: HEIGHT, data };
}

export const DEVICE = "PhoneCo Reporter 12";
/** 48°51′N 2°17′E (Paris), as a phone writes it. */
export const LATITUDE = 48.85;

/** An EXIF block (TIFF, little-endian): the camera's make and a GPS position. */
export function exifTiff(): Uint8Array {
  const make = latin1(`${DEVICE}\0`);
  // IFD0 at 8: 2 entries (Make, GPS pointer); GPS IFD after it: 4 entries; then the values.
  const ifd0 = 8;
  const gpsIfd = ifd0 + 2 + 2 * 12 + 4;
  const values = gpsIfd + 2 + 4 * 12 + 4;
  const makeAt = values;
  const latAt = makeAt + make.length + (make.length % 2);
  const lonAt = latAt + 24;
  const buffer = new Uint8Array(lonAt + 24);
  const view = new DataView(buffer.buffer);
  buffer.set(latin1("II*\0"));
  view.setUint32(4, ifd0, true);
  const entry = (at: number, tag: number, type: number, count: number, value: number | Uint8Array) => {
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, count, true);
    if (typeof value === "number") view.setUint32(at + 8, value, true);
    else buffer.set(value, at + 8);
  };
  view.setUint16(ifd0, 2, true);
  entry(ifd0 + 2, 0x010f, 2, make.length, makeAt);
  entry(ifd0 + 14, 0x8825, 4, 1, gpsIfd);
  view.setUint16(gpsIfd, 4, true);
  entry(gpsIfd + 2, 1, 2, 2, latin1("N\0"));
  entry(gpsIfd + 14, 2, 5, 3, latAt);
  entry(gpsIfd + 26, 3, 2, 2, latin1("E\0"));
  entry(gpsIfd + 38, 4, 5, 3, lonAt);
  buffer.set(make, makeAt);
  for (const [at, degrees, minutes] of [
    [latAt, 48, 51],
    [lonAt, 2, 17],
  ] as const) {
    view.setUint32(at, degrees, true);
    view.setUint32(at + 4, 1, true);
    view.setUint32(at + 8, minutes, true);
    view.setUint32(at + 12, 1, true);
    view.setUint32(at + 16, 0, true);
    view.setUint32(at + 20, 1, true);
  }
  return buffer;
}

const xmpPacket = latin1(
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="${DEVICE}"/></rdf:RDF></x:xmpmeta>`,
);

/** A JPEG as it left the encoder, and the same with EXIF, XMP and a comment a phone and an editor added. */
export function jpegSample() {
  const plain = new Uint8Array(jpeg.encode(pixels(), 90).data);
  const segment = (marker: number, body: Uint8Array) =>
    concat(Uint8Array.of(0xff, marker), u16be(body.length + 2), body);
  const withMetadata = concat(
    plain.subarray(0, 2),
    segment(0xe1, concat(latin1("Exif\0\0"), exifTiff())),
    segment(0xe1, concat(latin1("http://ns.adobe.com/xap/1.0/\0"), xmpPacket)),
    segment(0xfe, latin1(`Shot on ${DEVICE}`)),
    plain.subarray(2),
  );
  return { plain, withMetadata };
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const pngChunk = (type: string, data: Uint8Array) => {
  const body = concat(latin1(type), data);
  return concat(u32be(data.length), body, u32be(crc32(body)));
};

/** A PNG, and the same with an eXIf chunk and a text comment before its end. */
export function pngSample() {
  const png = new PNG({ width: WIDTH, height: HEIGHT });
  png.data = Buffer.from(pixels().data);
  const plain = new Uint8Array(PNG.sync.write(png));
  const iend = plain.length - 12;
  const withMetadata = concat(
    plain.subarray(0, iend),
    pngChunk("eXIf", exifTiff()),
    pngChunk("tEXt", latin1(`Comment\0Shot on ${DEVICE}`)),
    plain.subarray(iend),
  );
  return { plain, withMetadata };
}

/** An animated-looking GIF, and the same with a comment and an XMP application block. */
export function gifSample() {
  const out = new Uint8Array(4096);
  const palette = Array.from({ length: 4 }, (_, i) => (i * 0x404040) | 0x0000ff);
  const writer = new GifWriter(out, WIDTH, HEIGHT, { palette, loop: 0 });
  writer.addFrame(
    0,
    0,
    WIDTH,
    HEIGHT,
    Array.from({ length: WIDTH * HEIGHT }, (_, i) => i % 4),
    { delay: 10 },
  );
  const end = writer.end();
  const plain = out.slice(0, end);
  const comment = concat(
    Uint8Array.of(0x21, 0xfe, 16),
    latin1(`Shot on ${DEVICE}`.slice(0, 16)),
    Uint8Array.of(0),
  );
  const xmp = concat(
    Uint8Array.of(0x21, 0xff, 11),
    latin1("XMP DataXMP"),
    Uint8Array.of(xmpPacket.length > 255 ? 255 : xmpPacket.length),
    xmpPacket.subarray(0, 255),
    Uint8Array.of(0),
  );
  const withMetadata = concat(plain.subarray(0, end - 1), comment, xmp, plain.subarray(end - 1));
  return { plain, withMetadata };
}

// A 1×1 lossless WebP image's VP8L chunk data.
const VP8L = Uint8Array.from(Buffer.from("LwAAAAAH", "base64"));
const riffChunk = (type: string, data: Uint8Array) =>
  concat(latin1(type), u32le(data.length), data, data.length % 2 ? Uint8Array.of(0) : new Uint8Array());
const riff = (...chunks: Uint8Array[]) => {
  const body = concat(latin1("WEBP"), ...chunks);
  return concat(latin1("RIFF"), u32le(body.length), body);
};
/** An extended WebP with EXIF and XMP chunks flagged in its header, and the same without them. */
export function webpSample() {
  const header = (flags: number) => riffChunk("VP8X", Uint8Array.of(flags, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  return {
    plain: riff(header(0), riffChunk("VP8L", VP8L)),
    withMetadata: riff(
      header(0x08 | 0x04),
      riffChunk("VP8L", VP8L),
      riffChunk("EXIF", exifTiff()),
      riffChunk("XMP ", xmpPacket),
    ),
  };
}

const box = (type: string, ...content: Uint8Array[]) => {
  const body = concat(...content);
  return concat(u32be(body.length + 8), latin1(type), body);
};
/**
 * An MP4's boxes as a phone writes them: a location in the movie's and the track's user data
 * and in QuickTime metadata, the media data after the movie box (so its offsets point past it).
 */
export function mp4Sample() {
  const location = latin1("+48.8500+002.2900/");
  const frames = Uint8Array.from({ length: 64 }, (_, i) => i);
  return concat(
    box("ftyp", latin1("isom"), u32be(512), latin1("isomiso2mp41")),
    box(
      "moov",
      box("mvhd", new Uint8Array(100)),
      box("trak", box("tkhd", new Uint8Array(84)), box("udta", box("\u00a9xyz", location))),
      box("udta", box("\u00a9xyz", location), box("\u00a9mak", latin1(DEVICE))),
      box("meta", new Uint8Array(4), box("keys", latin1("com.apple.quicktime.location.ISO6709"))),
    ),
    box("mdat", frames),
  );
}
