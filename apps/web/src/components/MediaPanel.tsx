import { mediaKinds, type TMediaKind } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { fileSize } from "../lib/file-size";
import { useT } from "../lib/i18n";
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
  const t = useT();
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
      <h2 id={`${id}-heading`}>{t("media.panel")}</h2>
      {media.isError && <FormError error={media.error} />}
      {item ? (
        <div>
          {original &&
            (item.kind === "video" ? (
              // biome-ignore lint/a11y/useMediaCaption: the evidence under review, described beside it
              <video src={original} controls preload="metadata" className="media-preview" />
            ) : (
              <img src={original} alt={t("media.previewAlt")} className="media-preview" />
            ))}
          <dl className="facts">
            {item.fileName && (
              <>
                <dt>{t("media.file")}</dt>
                <dd>
                  {original && <a href={original}>{item.fileName}</a>} ({item.mime},{" "}
                  {fileSize(item.byteSize ?? 0)})
                </dd>
              </>
            )}
            {item.sha256 && (
              <>
                <dt>{t("media.sha256")}</dt>
                <dd>
                  <code className="hash">{item.sha256}</code>
                </dd>
              </>
            )}
            {item.file && (
              <>
                <dt>{t("media.readersCopy")}</dt>
                <dd>
                  {item.removedMetadata.length
                    ? t("media.without", { removed: item.removedMetadata.join(", ") })
                    : t("media.asUploaded")}
                </dd>
              </>
            )}
            {item.address && (
              <>
                <dt>{t("media.where")}</dt>
                <dd>
                  <a href={item.address} rel="noopener noreferrer nofollow">
                    {item.address}
                  </a>
                </dd>
              </>
            )}
          </dl>
          <button type="button" onClick={() => detach.mutate({ claimId })} disabled={detach.isPending}>
            {t("media.remove")}
          </button>
          <FormError error={detach.error} />
        </div>
      ) : (
        <p className="muted">{t("media.intro")}</p>
      )}
      <form onSubmit={submit} aria-label={t("media.attachForm")}>
        <label>
          {t("media.fileField")}
          <input type="file" accept={ACCEPT} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          {t("media.shared", { ifKnown: file ? "yes" : "no" })}
          <input type="url" value={address} onChange={(e) => setAddress(e.target.value)} />
        </label>
        {!file && (
          <label>
            {t("media.itIs")}
            <select value={kind} onChange={(e) => setKind(e.target.value as TMediaKind)}>
              {mediaKinds.map((value) => (
                <option key={value} value={value}>
                  {t(value === "image" ? "media.anImage" : "media.aVideo")}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" disabled={upload.isPending || link.isPending || (!file && !address.trim())}>
          {t(item ? "media.replace" : "media.attach")}
        </button>
        <FormError error={upload.error ?? link.error} />
      </form>
    </section>
  );
}
