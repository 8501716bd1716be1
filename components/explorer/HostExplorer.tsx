"use client";
import { useState } from "react";
import { QueryState } from "@/components/ui/QueryState";
import { formatAge, formatEngine, formatTime } from "@/components/format";
import { useHostQuery } from "@/lib/queries/useHostQuery";
import { BuildCacheSection } from "./BuildCacheSection";
import { ContainersSection } from "./ContainersSection";
import { DuplicatesSection } from "./DuplicatesSection";
import { HostTrend } from "./HostTrend";
import { ImagesSection } from "./ImagesSection";
import { ReclaimablePanel } from "./ReclaimablePanel";
import { TreemapSection } from "./TreemapSection";
import { VolumesSection } from "./VolumesSection";
import "./explorer.css";

const TABS = ["Overview", "Images", "Containers", "Volumes", "Build cache"] as const;
type Tab = (typeof TABS)[number];

function TabBody({ tab, hostId, hostName, snapshotId }: { tab: Tab; hostId: string; hostName: string; snapshotId: string }) {
  if (tab === "Images") return <ImagesSection hostId={hostId} snapshotId={snapshotId} />;
  if (tab === "Containers") return <ContainersSection hostId={hostId} snapshotId={snapshotId} />;
  if (tab === "Volumes") return <VolumesSection snapshotId={snapshotId} />;
  if (tab === "Build cache") return <BuildCacheSection snapshotId={snapshotId} />;
  return (
    <>
      <TreemapSection hostId={hostId} hostName={hostName} snapshotId={snapshotId} />
      <ReclaimablePanel snapshotId={snapshotId} />
      <HostTrend hostId={hostId} hostName={hostName} />
      <DuplicatesSection hostId={hostId} snapshotId={snapshotId} />
    </>
  );
}

/** The host page: header, then one tab per kind of storage, all from the host's last good snapshot. */
export function HostExplorer({ hostId }: { hostId: string }) {
  const query = useHostQuery(hostId);
  const [tab, setTab] = useState<Tab>("Overview");
  const host = query.data?.host;
  const good = host?.lastGoodSnapshot;
  return (
    <QueryState isLoading={query.isLoading && !query.data} error={query.error} data={query.data}>
      {host && (
        <article className="panel" aria-label={`Host ${host.name} storage`}>
          <div className="host-head">
            <h1>{host.name}</h1>
            <span className="endpoint">{host.endpoint}</span>
            <span className="spacer" />
            <span className="meta">
              {good ? `${formatEngine(good.engine)} · last good snapshot ${formatTime(good.takenAt)} (${formatAge(good.takenAt)})` : "No good snapshot yet"}
            </span>
          </div>
          {host.lastError && (
            <div className="error-box" role="alert">
              Last poll failed ({host.lastError.code}): {host.lastError.message}
              {good && " — showing the last good snapshot."}
            </div>
          )}
          {good && (
            <>
              <div className="tabs" role="tablist" aria-label="Storage views">
                {TABS.map((name) => (
                  <button key={name} type="button" role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
                    {name}
                  </button>
                ))}
              </div>
              <div role="tabpanel" aria-label={tab}>
                <TabBody tab={tab} hostId={host.id} hostName={host.name} snapshotId={good.id} />
              </div>
            </>
          )}
        </article>
      )}
    </QueryState>
  );
}
