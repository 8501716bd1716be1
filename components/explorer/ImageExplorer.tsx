"use client";
import Link from "next/link";
import { QueryState } from "@/components/ui/QueryState";
import { formatBytes, formatExactBytes, formatTime } from "@/components/format";
import type { ImageDetail } from "@/lib/api/explorerTypes";
import { useHostQuery } from "@/lib/queries/useHostQuery";
import { useImageDetailQuery } from "@/lib/queries/useImageDetailQuery";
import { ImageLayersTable } from "./ImageLayersTable";
import { hostHref } from "./links";
import "./explorer.css";

function Figure({ label, bytes, testId }: { label: string; bytes: number; testId: string }) {
  return (
    <div className="figure" data-testid={testId} data-bytes={bytes}>
      <div className="meta">{label}</div>
      <div className="value" title={formatExactBytes(bytes)}>
        {formatBytes(bytes)}
      </div>
    </div>
  );
}

function ImageFacts({ image }: { image: ImageDetail }) {
  return (
    <>
      <div className="figures">
        <Figure label="Size" bytes={image.accounting.sizeBytes} testId="image-size" />
        <Figure label="Shared with other images" bytes={image.accounting.sharedBytes} testId="image-shared" />
        <Figure label="Unique to this image" bytes={image.accounting.uniqueBytes} testId="image-unique" />
        <Figure label="Freed if removed (Ballast)" bytes={image.accounting.freedIfRemovedBytes} testId="image-freed" />
        <Figure label="Fair share" bytes={image.accounting.fairShareBytes} testId="image-fair-share" />
      </div>
      <p className="meta">
        Size, shared and unique are the engine’s figures (<code>docker system df -v</code>); freed if removed and fair share are Ballast’s.
        {image.engineNote ? ` ${image.engineNote}` : ""}
      </p>
      <table aria-label="Image facts">
        <tbody>
          <tr>
            <th>ID</th>
            <td>
              <code>{image.id}</code>
            </td>
          </tr>
          <tr>
            <th>Tags</th>
            <td>{image.tags.length ? image.tags.join(", ") : "none"}</td>
          </tr>
          <tr>
            <th>Digests</th>
            <td>
              {image.digests.length
                ? image.digests.map((digest) => (
                    <div key={digest}>
                      <code>{digest}</code>
                    </div>
                  ))
                : "none (built here, never pushed or pulled)"}
            </td>
          </tr>
          <tr>
            <th>Created</th>
            <td>{formatTime(image.createdAt)}</td>
          </tr>
          <tr>
            <th>Dangling</th>
            <td>
              {image.dangling ? "yes: no tag points at it" : "no"}
              {image.intermediate ? " (build intermediate)" : ""}
            </td>
          </tr>
          <tr>
            <th>Containers</th>
            <td>{image.containers.length ? image.containers.map((c) => `${c.name} (${c.state})`).join(", ") : "none"}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

/** The image page: facts, accounting, then the layers in order. */
export function ImageExplorer({ hostId, imageId }: { hostId: string; imageId: string }) {
  const host = useHostQuery(hostId);
  const snapshotId = host.data?.host.lastGoodSnapshot?.id;
  const query = useImageDetailQuery(snapshotId, imageId);
  const image = query.data?.image;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link href="/">Fleet</Link> › <Link href={hostHref(hostId)}>{host.data?.host.name ?? "host"}</Link> › <span>{image?.name ?? "image"}</span>
      </nav>
      <QueryState isLoading={(host.isLoading || query.isLoading) && !image} error={host.error ?? query.error} data={image}>
        {image && (
          <article className="panel" aria-label={`Image ${image.name}`}>
            <h1>{image.name}</h1>
            <ImageFacts image={image} />
            <h3>Layers, base first</h3>
            <ImageLayersTable hostId={hostId} image={image} />
          </article>
        )}
      </QueryState>
    </>
  );
}
