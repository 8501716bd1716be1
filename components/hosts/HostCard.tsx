"use client";
import Link from "next/link";
import type { HostSummary } from "@/lib/api/types";
import { DEFAULT_PRICE_PER_GB_MONTH } from "@/lib/analysis/cost";
import { usePollHostMutation } from "@/lib/queries/usePollHostMutation";
import { usePermissions } from "@/lib/queries/useSessionQuery";
import { formatAge, formatEngine, formatTime } from "@/components/format";
import { CategoryTable } from "./CategoryTable";
import { HostStatusBadge } from "./HostStatusBadge";
import { DiskUsage } from "./DiskUsage";
import { LargestImagesChart } from "./LargestImagesChart";

export function HostCard({ host }: { host: HostSummary }) {
  const poll = usePollHostMutation();
  const mayPoll = usePermissions().has("poll");
  const good = host.lastGoodSnapshot;
  const price = host.pricePerGbMonth ?? DEFAULT_PRICE_PER_GB_MONTH;
  return (
    <article className="panel" aria-label={`Host ${host.name}`} data-host={host.name}>
      <div className="host-head">
        <h2>
          <Link href={`/hosts/${host.id}`}>{host.name}</Link>
        </h2>
        <HostStatusBadge host={host} />
        <span className="endpoint">{host.endpoint}</span>
        {host.kind === "agent" && host.agent && (
          <span className="meta" title={`Pinned certificate fingerprint sha256 ${host.agent.fingerprint}`}>
            agent · sha256 {host.agent.fingerprint.slice(0, 11)}…
          </span>
        )}
        <span className="spacer" />
        <span className="meta">
          Last poll: {host.lastSnapshot ? `${formatTime(host.lastSnapshot.takenAt)} (${formatAge(host.lastSnapshot.takenAt)})` : "never"}
        </span>
        {mayPoll && (
          <button className="secondary" onClick={() => poll.mutate(host.id)} disabled={poll.isPending}>
            {poll.isPending ? "Polling…" : "Poll now"}
          </button>
        )}
      </div>
      {host.lastError && (
        <div className="error-box" role="alert">
          <strong>Last poll failed ({host.lastError.code}):</strong> {host.lastError.message}
          {good && <> — showing the last good snapshot from {formatTime(good.takenAt)}.</>}
        </div>
      )}
      {poll.error && (
        <div className="error-box" role="alert">
          {poll.error.message}
        </div>
      )}
      {good?.totals ? (
        <div className="grid-2">
          <section aria-label="Storage by category">
            <h3>Storage by category</h3>
            <CategoryTable totals={good.totals} pricePerGbMonth={price} takenAt={good.takenAt} asOf={good.asOf} />
            <p className="meta">
              {formatEngine(good.engine)}, data root <code>{good.engine?.dataRoot}</code>. Priced at ${price}/GB-month.
            </p>
            <p className="meta" data-testid="figure-sources">
              {good.agent
                ? `Logs and disk measured on the host by the Ballast agent ${good.agent.version}; images, containers, volumes and build cache from the Engine API through it.`
                : "All figures from the Engine API. Logs and disk size need the Ballast host agent."}
            </p>
            {host.fill.length > 0 ? <DiskUsage forecasts={host.fill} /> : <p className="meta">Disk size unknown — needs the host agent.</p>}
            <p>
              <Link href={`/hosts/${host.id}`}>Explore where the bytes are: layers, sharing, reclaimable →</Link>
            </p>
          </section>
          <LargestImagesChart snapshotId={good.id} />
        </div>
      ) : (
        !host.lastError && <p className="spinner">Waiting for the first poll…</p>
      )}
    </article>
  );
}
