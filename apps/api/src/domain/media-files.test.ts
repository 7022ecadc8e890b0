import exifr from "exifr";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import {
  DEVICE,
  gifSample,
  jpegSample,
  mp4Sample,
  pixels,
  pngSample,
  webpSample,
} from "../../test/media-samples";
import { detectMedia, publicCopyOf } from "./media-files";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
/** Everything exifr finds: EXIF, GPS, XMP, IPTC. */
const metadataIn = (bytes: Uint8Array) =>
  exifr.parse(Buffer.from(bytes), { tiff: true, gps: true, xmp: true, iptc: true, mergeOutput: true });

describe("detectMedia", () => {
  it("reads the type from the content, whatever the file claims to be", async () => {
    expect(await detectMedia(jpegSample().withMetadata)).toEqual({
      format: "jpeg",
      kind: "image",
      mime: "image/jpeg",
    });
    expect(await detectMedia(pngSample().plain)).toMatchObject({ format: "png", kind: "image" });
    expect(await detectMedia(gifSample().plain)).toMatchObject({ format: "gif", kind: "image" });
    expect(await detectMedia(webpSample().withMetadata)).toMatchObject({ format: "webp", kind: "image" });
    expect(await detectMedia(mp4Sample())).toMatchObject({ format: "mp4", kind: "video", mime: "video/mp4" });
  });

  it("refuses what is not a picture or video we take, saying what it is", async () => {
    await expect(
      detectMedia(new TextEncoder().encode("<html><script>alert(1)</script>")),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/not a picture or video we recognise: upload JPEG, PNG/),
    });
    const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n");
    await expect(detectMedia(pdf)).rejects.toMatchObject({
      message: expect.stringMatching(/^This file is PDF/),
    });
  });
});

describe("publicCopyOf", () => {
  it("takes EXIF (location, device), XMP and comments out of a JPEG and leaves the picture byte for byte", async () => {
    const { plain, withMetadata } = jpegSample();
    expect(await metadataIn(withMetadata)).toMatchObject({
      Make: DEVICE,
      latitude: expect.closeTo(48.85, 2),
    });
    const copy = publicCopyOf(withMetadata, "jpeg");
    expect(copy.removed).toEqual(["EXIF", "XMP", "comment"]);
    expect(await metadataIn(copy.bytes)).toBeUndefined();
    expect(text(copy.bytes)).not.toContain(DEVICE);
    expect(Buffer.from(copy.bytes).equals(Buffer.from(plain))).toBe(true);
    expect(jpeg.decode(copy.bytes).data).toEqual(jpeg.decode(withMetadata).data);
  });

  it("drops what follows a JPEG's end (trailers carry more pictures with their own EXIF)", () => {
    const { plain, withMetadata } = jpegSample();
    const trailed = new Uint8Array([...withMetadata, ...withMetadata]);
    const copy = publicCopyOf(trailed, "jpeg");
    expect(copy.removed).toContain("data after the image");
    expect(Buffer.from(copy.bytes).equals(Buffer.from(plain))).toBe(true);
  });

  it("takes the eXIf and text chunks out of a PNG, pixels unchanged", async () => {
    const { plain, withMetadata } = pngSample();
    expect(await metadataIn(withMetadata)).toMatchObject({ Make: DEVICE });
    const copy = publicCopyOf(withMetadata, "png");
    expect(copy.removed).toEqual(["EXIF", "text"]);
    // What is left is the picture's own header (its size and colour type), nothing about where or with what.
    expect(Object.keys((await metadataIn(copy.bytes)) ?? {})).not.toContain("Make");
    expect(text(copy.bytes)).not.toContain(DEVICE);
    expect(Buffer.from(copy.bytes).equals(Buffer.from(plain))).toBe(true);
    expect(PNG.sync.read(Buffer.from(copy.bytes)).data).toEqual(Buffer.from(pixels().data));
  });

  it("takes the EXIF and XMP chunks out of a WebP and clears their flags", () => {
    const { plain, withMetadata } = webpSample();
    const copy = publicCopyOf(withMetadata, "webp");
    expect(copy.removed).toEqual(["EXIF", "XMP"]);
    expect(Buffer.from(copy.bytes).equals(Buffer.from(plain))).toBe(true);
  });

  it("takes comments and XMP out of a GIF, keeping its frames and looping", () => {
    const { plain, withMetadata } = gifSample();
    const copy = publicCopyOf(withMetadata, "gif");
    expect(copy.removed).toEqual(["comment", "XMP"]);
    expect(Buffer.from(copy.bytes).equals(Buffer.from(plain))).toBe(true);
  });

  it("blanks an MP4's user data and metadata boxes in place, so no offset into its frames moves", () => {
    const video = mp4Sample();
    const copy = publicCopyOf(video, "mp4");
    expect(copy.bytes.length).toBe(video.length);
    expect(copy.removed).toEqual(["user data (location, device)", "metadata"]);
    expect(text(copy.bytes)).not.toMatch(/48\.85|PhoneCo|ISO6709/);
    expect(text(copy.bytes)).toContain("mvhd");
    expect(text(copy.bytes.subarray(-72))).toBe(text(video.subarray(-72)));
  });

  it("refuses a damaged file instead of publishing what it cannot read", () => {
    const { withMetadata } = jpegSample();
    expect(() => publicCopyOf(withMetadata.subarray(0, 60), "jpeg")).toThrowError(/damaged/);
    expect(() => publicCopyOf(pngSample().plain.subarray(0, 40), "png")).toThrowError(/damaged/);
  });
});
