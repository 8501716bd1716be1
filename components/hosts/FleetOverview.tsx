"use client";
import { QueryState } from "@/components/ui/QueryState";
import { useFleetQuery } from "@/lib/queries/useFleetQuery";
import { useHostsQuery } from "@/lib/queries/useHostsQuery";
import { AddHostPanel } from "./AddHostPanel";
import { FleetTable } from "./FleetTable";
import { FleetTotals } from "./FleetTotals";
import { HostCard } from "./HostCard";

/** Below this many hosts each also gets its card (categories, largest images); above, the table is the view. */
const CARDS_UP_TO = 6;

function NoEngine() {
  return (
    <div className="info-box" role="status">
      <strong>No Docker engine is reachable.</strong> Ballast looks for the engine in <code>DOCKER_HOST</code>, else at <code>/var/run/docker.sock</code>. Start
      Ballast where it can read that socket (the user needs to be in the <code>docker</code> group), set <code>DOCKER_HOST</code>, or add a host below.
    </div>
  );
}

export function FleetOverview({ defaultIntervalSec }: { defaultIntervalSec: number }) {
  const query = useHostsQuery();
  const fleet = useFleetQuery();
  const hosts = query.data?.hosts ?? [];
  return (
    <>
      <h1>Fleet overview</h1>
      <QueryState isLoading={query.isLoading && !query.data} error={query.error} data={query.data} isEmpty={hosts.length === 0} empty={<NoEngine />}>
        {fleet.data && (
          <>
            <FleetTotals totals={fleet.data.totals} hostCount={fleet.data.hosts.length} />
            <FleetTable hosts={fleet.data.hosts} />
          </>
        )}
        {hosts.length <= CARDS_UP_TO && hosts.map((host) => <HostCard key={host.id} host={host} />)}
      </QueryState>
      <AddHostPanel defaultIntervalSec={defaultIntervalSec} />
    </>
  );
}
