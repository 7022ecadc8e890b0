import { createHash } from "node:crypto";
import { events } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { schemaOrgProblems } from "@factdesk/schema/testing/schema-org";
import { TRPCClientError } from "@trpc/client";
import { eq } from "drizzle-orm";
import exifr from "exifr";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachMediaFile, type TMediaSummary } from "../src/domain/media";
import { makeClaim, makeUser, PASSWORD, publishVerdict } from "./factories";
import { browserClient, startServer } from "./http-client";
import { DEVICE, jpegSample, mp4Sample } from "./media-samples";

const t = useTestDb();
let server: Awaited<ReturnType<typeof startServer>>;
const MAX_BYTES = 200_000;
beforeAll(async () => {
  server = await startServer(t.handle, undefined, {
    publicUrl: new URL("https://checks.example/"),
    media: { maxBytes: MAX_BYTES },
  });
});
afterAll(() => server.stop());

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A desk member signed in over HTTP: their session cookie, and their tRPC client. */
async function signedIn(role: "fact_checker" | "editor" = "fact_checker") {
  const user = await makeUser(t.db, { role });
  const { client, jar } = browserClient(server.url);
  await client.auth.login.mutate({ email: user.email, password: PASSWORD });
  return { user, client, cookie: jar.cookie };
}

const upload = (
  claimId: string,
  bytes: Uint8Array,
  headers: Record<string, string> = {},
  query = "name=photo.jpg",
) =>
  fetch(`${server.url}/api/claims/${claimId}/media?${query}`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", ...headers },
    body: Buffer.from(bytes),
  });

describe("media a claim is about", () => {
  it("are uploaded as bytes, kept as sent with their SHA-256, and refused with a typed reason otherwise", async () => {
    const desk = await signedIn();
    const claim = await makeClaim(t.db, { text: "This photo shows the airport flooded last week." });
    const { withMetadata } = jpegSample();

    const sent = await upload(
      claim.id,
      withMetadata,
      { cookie: desk.cookie },
      "name=flood.jpg&address=https%3A%2F%2Fsocial.example%2Fpost%2F1",
    );
    expect(sent.status).toBe(201);
    const media = (await sent.json()) as TMediaSummary & { id: string };
    expect(media).toMatchObject({
      kind: "image",
      mime: "image/jpeg",
      fileName: "flood.jpg",
      byteSize: withMetadata.length,
      sha256: sha256(withMetadata),
      removedMetadata: ["EXIF", "XMP", "comment"],
      address: "https://social.example/post/1",
      file: true,
    });
    expect(await desk.client.media.get.query({ claimId: claim.id })).toMatchObject({ id: media.id });

    // The original, for the desk only, as sent (metadata and all).
    const original = await fetch(`${server.url}/api/media/${media.id}/original`, {
      headers: { cookie: desk.cookie },
    });
    expect(original.headers.get("content-disposition")).toMatch(/^attachment; filename="?flood\.jpg"?$/);
    expect(Buffer.from(await original.arrayBuffer()).equals(Buffer.from(withMetadata))).toBe(true);
    expect((await fetch(`${server.url}/api/media/${media.id}/original`)).status).toBe(401);
    // Nobody published it: readers get nothing.
    expect((await fetch(`${server.url}/media/${media.id}`)).status).toBe(404);

    const refusals: [Response, number, string][] = [
      [await upload(claim.id, withMetadata), 401, "UNAUTHORIZED"],
      [
        await upload(claim.id, withMetadata, {
          cookie: desk.cookie,
          "content-type": "multipart/form-data; boundary=x",
        }),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      ],
      [
        await upload(claim.id, withMetadata, { cookie: desk.cookie, "sec-fetch-site": "cross-site" }),
        403,
        "FORBIDDEN",
      ],
      [
        await upload(claim.id, new TextEncoder().encode("<html><script>alert(1)</script></html>"), {
          cookie: desk.cookie,
          "content-type": "image/jpeg",
        }),
        400,
        "BAD_REQUEST",
      ],
      [
        await upload(claim.id, new Uint8Array(MAX_BYTES + 1), { cookie: desk.cookie }),
        413,
        "PAYLOAD_TOO_LARGE",
      ],
      [await upload(claim.id, withMetadata.subarray(0, 300), { cookie: desk.cookie }), 400, "BAD_REQUEST"],
      [
        await upload("00000000-0000-4000-8000-000000000000", withMetadata, { cookie: desk.cookie }),
        404,
        "NOT_FOUND",
      ],
      [
        await upload(claim.id, withMetadata, { cookie: desk.cookie }, "address=javascript%3Aalert(1)"),
        400,
        "BAD_REQUEST",
      ],
    ];
    for (const [response, status, code] of refusals) {
      expect(response.status).toBe(status);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/\w{3,}/);
    }
    const [tooLarge] = refusals[4] ?? [];
    expect(tooLarge).toBeDefined();
    // Nothing refused was kept: the claim still has the first upload, audited once.
    expect(await desk.client.media.get.query({ claimId: claim.id })).toMatchObject({ id: media.id });
    const audited = await t.db.select().from(events).where(eq(events.entityId, media.id));
    expect(audited.map((event) => event.action)).toEqual(["media_attached"]);
    expect(audited[0]?.data).toMatchObject({ sha256: sha256(withMetadata), fileName: "flood.jpg" });

    // A video replaces it; the picture is kept, detached; an address alone works too.
    const video = await upload(claim.id, mp4Sample(), { cookie: desk.cookie }, "name=clip.mp4");
    expect(await video.json()).toMatchObject({ kind: "video", mime: "video/mp4" });
    const linked = await desk.client.media.attachAddress.mutate({
      claimId: claim.id,
      kind: "video",
      address: "https://video.example/watch?v=1",
    });
    expect(linked).toMatchObject({ kind: "video", file: false, sha256: null });
    await desk.client.media.detach.mutate({ claimId: claim.id });
    expect(await desk.client.media.get.query({ claimId: claim.id })).toBeNull();
    await expect(desk.client.media.detach.mutate({ claimId: claim.id })).rejects.toMatchObject({
      data: { code: "CONFLICT" },
    });
    await expect(
      desk.client.media.attachAddress.mutate({
        claimId: claim.id,
        kind: "image",
        address: "javascript:alert(1)",
      }),
    ).rejects.toBeInstanceOf(TRPCClientError);
  });

  it("are published without their metadata, with MediaReview markup that validates against schema.org", async () => {
    const { withMetadata } = jpegSample();
    let mediaId = "";
    const { verdict, asChecker, claim } = await publishVerdict(t.db, {
      claimText: "This photo shows the airport flooded last week.",
      headline: "The flooded airport photo was altered",
      mediaRating: "transformed",
      beforeSubmit: async (claimId, caller) => {
        const checker = (await caller.auth.me()) as { id: string; role: "fact_checker" };
        const media = await attachMediaFile(t.db, checker, {
          claimId,
          bytes: withMetadata,
          fileName: "flood.jpg",
        });
        mediaId = media.id;
      },
    });
    await server.caughtUp();
    const html = await (await fetch(`${server.url}/verdicts/${verdict.slug}`)).text();
    const { document } = parseHTML(html);
    const img = document.querySelector("figure.media img");
    expect(img?.getAttribute("src")).toBe(`/media/${mediaId}`);
    expect(img?.getAttribute("alt")).toMatch(/^As shared with the claim: This photo shows/);
    expect(document.querySelector("figure.media figcaption")?.textContent).toMatch(
      /How the image was presented: Transformed\./,
    );

    const jsonLd = [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) =>
      JSON.parse(s.textContent ?? ""),
    );
    expect(jsonLd.map((data) => data["@type"])).toEqual(["ClaimReview", "MediaReview"]);
    const mediaReview = jsonLd[1];
    expect(mediaReview).toMatchObject({
      url: `https://checks.example/verdicts/${verdict.slug}`,
      mediaAuthenticityCategory: "TransformedContent",
      itemReviewed: {
        "@type": "MediaReviewItem",
        mediaItemAppearance: [
          {
            "@type": "ImageObject",
            contentUrl: `https://checks.example/media/${mediaId}`,
            encodingFormat: "image/jpeg",
          },
        ],
      },
    });
    expect(schemaOrgProblems(mediaReview)).toEqual([]);

    // The public copy: the same picture, nothing of where or with what it was taken.
    const copy = await fetch(`${server.url}/media/${mediaId}`);
    expect(copy.status).toBe(200);
    expect(copy.headers.get("content-type")).toBe("image/jpeg");
    expect(copy.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = new Uint8Array(await copy.arrayBuffer());
    expect(sha256(bytes)).toBe(mediaReview.itemReviewed.mediaItemAppearance[0].sha256);
    expect(Buffer.from(bytes).equals(Buffer.from(jpegSample().plain))).toBe(true);
    expect(await exifr.parse(Buffer.from(bytes), { tiff: true, gps: true, xmp: true })).toBeUndefined();
    expect(Buffer.from(bytes).toString("latin1")).not.toContain(DEVICE);
    const again = await fetch(`${server.url}/media/${mediaId}`, {
      // A browser revalidating sends max-age=0 (fetch would add no-cache).
      headers: { "if-none-match": copy.headers.get("etag") ?? "", "cache-control": "max-age=0" },
    });
    expect(again.status).toBe(304);

    // What was published stays as published: a new item goes into a correction's review, not onto the page.
    const replaced = await attachMediaFile(
      t.db,
      (await asChecker.auth.me()) as { id: string; role: "fact_checker" },
      {
        claimId: claim.id,
        bytes: mp4Sample(),
        fileName: "clip.mp4",
      },
    );
    await server.caughtUp();
    const still = parseHTML(await (await fetch(`${server.url}/verdicts/${verdict.slug}`)).text()).document;
    expect(still.querySelector("figure.media img")?.getAttribute("src")).toBe(`/media/${mediaId}`);
    expect((await fetch(`${server.url}/media/${replaced.id}`)).status).toBe(404);
    expect((await fetch(`${server.url}/media/${mediaId}`)).status).toBe(200);
  });

  it("need a MediaReview rating before review, and are not changed under an approval", async () => {
    const { withMetadata } = jpegSample();
    const checker = await makeUser(t.db);
    const claim = await makeClaim(t.db, { status: "sourced" });
    await attachMediaFile(t.db, checker, { claimId: claim.id, bytes: withMetadata, fileName: "a.jpg" });
    const { client } = browserClient(server.url);
    await client.auth.login.mutate({ email: checker.email, password: PASSWORD });
    const draft = {
      claimId: claim.id,
      rating: "false",
      headline: "Altered",
      summary: null,
      explanation: "It was edited.",
      sourceIds: [],
    };
    const saved = await client.verdict.save.mutate({ ...draft, baseRevision: 0 });
    await expect(
      client.verdict.submit.mutate({ id: saved.verdict.id, version: saved.verdict.version }),
    ).rejects.toMatchObject({
      data: { code: "PRECONDITION_FAILED" },
      message: "Say how the image or video was presented (its MediaReview rating) first.",
    });
    const rated = await client.verdict.save.mutate({
      ...draft,
      baseRevision: 1,
      mediaRating: "edited_or_cropped",
    });
    const submitted = await client.verdict.submit.mutate({
      id: rated.verdict.id,
      version: rated.verdict.version,
    });
    const editor = await signedIn("editor");
    await editor.client.verdict.approve.mutate({ id: submitted.id, version: submitted.version });
    await expect(
      client.media.attachAddress.mutate({
        claimId: claim.id,
        kind: "image",
        address: "https://social.example/other",
      }),
    ).rejects.toMatchObject({
      data: { code: "CONFLICT" },
      message: expect.stringMatching(/approved this verdict with the image or video as it is/),
    });
    await expect(client.media.detach.mutate({ claimId: claim.id })).rejects.toMatchObject({
      data: { code: "CONFLICT" },
    });

    const unrelated = await makeClaim(t.db);
    await expect(
      client.verdict.save.mutate({ ...draft, claimId: unrelated.id, baseRevision: 0, mediaRating: "staged" }),
    ).rejects.toMatchObject({ data: { code: "BAD_REQUEST" } });
  });
});
