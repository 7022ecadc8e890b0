import { mediaKinds, type TMediaKind } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { fileSize } from "../lib/file-size";
import { refreshClaimViews, trpc } from "../lib/trpc";
import { FormError } from "./FormError";

const ACCEPT = "image/jpeg,image/png,image/webp,image/gif,video/mp4,video/quicktime";

/** Sends the file itself as the request body; the desk API answers a refusal with a message. */
async function uploadMedia(claimId: string, file: File, address: string) {
  const query = new URLSearchParams({ name: file.name, ...(address ? { address } : {}) });
  const response = await fetch(`/api/claims/${claimId}/media?${query}`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: file,
    credentials: "same-origin",
  });
  const answer = await response.json().catch(() => null);
  if (!response.ok) throw new Error(answer?.error?.message ?? `The upload failed (${response.status}).`);
  return answer;
}

/**
 * The image or video a claim is about: an uploaded file (shown here as sent; readers get a
 * copy without its metadata once a verdict is published) or the address where it circulated.
 */
export function MediaPanel({ claimId }: { claimId: string }) {
  const id = useId();
  const media = useQuery(trpc.media.get.queryOptions({ claimId }));
  const [file, setFile] = useState<File | null>(null);
  const [address, setAddress] = useState("");
  const [kind, setKind] = useState<TMediaKind>("image");
  const upload = useMutation({
    mutationFn: () => {
      if (!file) throw new Error("Choose a file first.");
      return uploadMedia(claimId, file, address.trim());
    },
    onSuccess: () => {
      setFile(null);
      setAddress("");
    },
    onSettled: () => refreshClaimViews(),
  });
  const link = useMutation(
    trpc.media.attachAddress.mutationOptions({
      onSuccess: () => setAddress(""),
      onSettled: () => refreshClaimViews(),
    }),
  );
  const detach = useMutation(trpc.media.detach.mutationOptions({ onSettled: () => refreshClaimViews() }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate();
    else link.mutate({ claimId, kind, address: address.trim() });
  };
  const item = media.data;
  const original = item?.file ? `/api/media/${item.id}/original` : null;

  return (
    <section aria-labelledby={`${id}-heading`} className="media-panel">
      <h2 id={`${id}-heading`}>Image or video</h2>
      {media.isError && <FormError error={media.error} />}
      {item ? (
        <div>
          {original &&
            (item.kind === "video" ? (
              // biome-ignore lint/a11y/useMediaCaption: the evidence under review, described beside it
              <video src={original} controls preload="metadata" className="media-preview" />
            ) : (
              <img src={original} alt="As uploaded for this claim" className="media-preview" />
            ))}
          <dl className="facts">
            {item.fileName && (
              <>
                <dt>File</dt>
                <dd>
                  {original && <a href={original}>{item.fileName}</a>} ({item.mime},{" "}
                  {fileSize(item.byteSize ?? 0)})
                </dd>
              </>
            )}
            {item.sha256 && (
              <>
                <dt>SHA-256 as uploaded</dt>
                <dd>
                  <code className="hash">{item.sha256}</code>
                </dd>
              </>
            )}
            {item.file && (
              <>
                <dt>Readers' copy</dt>
                <dd>
                  {item.removedMetadata.length
                    ? `Without its ${item.removedMetadata.join(", ")}`
                    : "The file as uploaded (it carried no metadata)"}
                  ; shown on the public page once the verdict is published.
                </dd>
              </>
            )}
            {item.address && (
              <>
                <dt>Where it circulated</dt>
                <dd>
                  <a href={item.address} rel="noopener noreferrer nofollow">
                    {item.address}
                  </a>
                </dd>
              </>
            )}
          </dl>
          <button type="button" onClick={() => detach.mutate({ claimId })} disabled={detach.isPending}>
            Remove from this claim
          </button>
          <FormError error={detach.error} />
        </div>
      ) : (
        <p className="muted">
          Is this claim about a picture or a video? Attach it: its verdict then says how it was presented
          (MediaReview).
        </p>
      )}
      <form onSubmit={submit} aria-label="Attach an image or video">
        <label>
          File (JPEG, PNG, WebP, GIF, MP4 or QuickTime)
          <input type="file" accept={ACCEPT} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          Where it was shared (link){file ? ", if known" : ""}
          <input type="url" value={address} onChange={(e) => setAddress(e.target.value)} />
        </label>
        {!file && (
          <label>
            It is
            <select value={kind} onChange={(e) => setKind(e.target.value as TMediaKind)}>
              {mediaKinds.map((value) => (
                <option key={value} value={value}>
                  {value === "image" ? "an image" : "a video"}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" disabled={upload.isPending || link.isPending || (!file && !address.trim())}>
          {item ? "Replace" : "Attach"}
        </button>
        <FormError error={upload.error ?? link.error} />
      </form>
    </section>
  );
}
