import type { HostFill } from "@/lib/api/reportTypes";
import { formatBytes, formatExactBytes } from "@/components/format";
import { fillText } from "@/components/hosts/fillText";

/** Every agent-measured filesystem in scope: used, free and its fill date over the report's period. */
export function DiskForecastTable({ fills }: { fills: HostFill[] }) {
  const rows = fills.flatMap((host) => host.forecasts.map((forecast) => ({ host, forecast })));
  if (rows.length === 0) return <p className="meta">Disk size and fill dates need the Ballast host agent on a host.</p>;
  return (
    <table aria-label="Disks and fill dates">
      <thead>
        <tr>
          <th>Host</th>
          <th>Filesystem</th>
          <th className="num">Used</th>
          <th className="num">Free</th>
          <th>Fill date</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ host, forecast }) => (
          <tr key={`${host.hostId}:${forecast.path}`}>
            <td>{host.hostName}</td>
            <td>
              <code>{forecast.path}</code>
            </td>
            <td className="num" title={formatExactBytes(forecast.usedBytes)}>
              {formatBytes(forecast.usedBytes)}
            </td>
            <td className="num" title={formatExactBytes(forecast.freeBytes)}>
              {formatBytes(forecast.freeBytes)}
            </td>
            <td>{fillText(forecast)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
