"use client";
import { QueryState } from "@/components/ui/QueryState";
import { formatBytes, formatMoney } from "@/components/format";
import { useSharedLayersQuery } from "@/lib/queries/useSharedLayersQuery";

const short = (id: string) => id.replace("sha256:", "").slice(0, 12);

/** The same layer on many hosts: copies × bytes, and the images whose versions to consolidate. */
export function SharedLayersView() {
  const query = useSharedLayersQuery();
  const data = query.data;
  const fleetBytes = data?.layers.reduce((sum, l) => sum + l.fleetBytes, 0) ?? 0;
  return (
    <>
      <h1>The same layers on many hosts</h1>
      <p className="info-box">
        Hosts cannot share layer storage: each host keeps its own copy of a layer, so the fleet pays copies × bytes. Consolidating on fewer versions of a base
        image is what frees disk — on each host that drops a version.
      </p>
      <QueryState
        isLoading={query.isLoading}
        error={query.error}
        data={data}
        isEmpty={!data || data.layers.length === 0}
        empty={<p className="meta">No layer is on more than one host (of {data?.hostsRead ?? 0} hosts with a snapshot).</p>}
      >
        {data && (
          <>
            <section className="panel" aria-label="Shared layers">
              <h2>
                {data.layers.length} layers on more than one host · {formatBytes(fleetBytes)} stored fleet-wide
              </h2>
              <table aria-label="Layers on several hosts">
                <thead>
                  <tr>
                    <th>Layer (chain ID)</th>
                    <th>Step</th>
                    <th className="num">Hosts</th>
                    <th className="num">Size</th>
                    <th className="num">Copies × bytes</th>
                    <th className="num">$/month</th>
                    <th>On</th>
                  </tr>
                </thead>
                <tbody>
                  {data.layers.map((layer) => (
                    <tr key={layer.chainId} aria-label={`Layer ${short(layer.chainId)}`}>
                      <td>
                        <code title={layer.chainId}>{short(layer.chainId)}</code>
                      </td>
                      <td className="step">{layer.createdBy ?? "—"}</td>
                      <td className="num">{layer.hostCount}</td>
                      <td className="num">{formatBytes(layer.hosts[0]?.sizeBytes ?? 0)}</td>
                      <td className="num">{formatBytes(layer.fleetBytes)}</td>
                      <td className="num">{formatMoney(layer.monthlyCost)}</td>
                      <td>{layer.hosts.map((h) => `${h.name} (${h.images.join(", ")})`).join("; ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="panel" aria-label="Images in several versions">
              <h2>Images in several versions across the fleet</h2>
              {data.baseVersions.length === 0 ? (
                <p className="meta">Every repository is on one version fleet-wide.</p>
              ) : (
                <ul>
                  {data.baseVersions.map((base) => (
                    <li key={base.repository}>
                      <strong>{base.repository}</strong>: {base.versions.length} versions on {base.hostCount} hosts —{" "}
                      {base.versions.map((v) => `${v.tags.join(", ")} (${short(v.imageId)}, ${formatBytes(v.sizeBytes)}) on ${v.hosts.join(", ")}`).join("; ")}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}
