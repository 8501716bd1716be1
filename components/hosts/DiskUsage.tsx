import type { FillForecast } from "@/lib/analysis/fillForecast";
import { formatBytes, formatExactBytes } from "@/components/format";
import { fillText } from "./fillText";

/** Used/free bar and fill date for each filesystem the agent measures (data root first). */
export function DiskUsage({ forecasts }: { forecasts: FillForecast[] }) {
  return (
    <section aria-label="Disk">
      <h3>Disk</h3>
      {forecasts.map((fs) => {
        const share = (bytes: number) => `${fs.sizeBytes > 0 ? Math.min(100, (bytes / fs.sizeBytes) * 100).toFixed(1) : 0}%`;
        // Blocks neither used nor available to Docker: the root reserve (df's Size − Used − Available).
        const reserved = Math.max(0, fs.sizeBytes - fs.usedBytes - fs.freeBytes);
        return (
          <div key={fs.path} className="disk" data-path={fs.path}>
            <div className="meta">
              <code>{fs.path}</code>
            </div>
            <div
              className="disk-bar"
              role="img"
              aria-label={`${fs.path}: ${formatBytes(fs.usedBytes)} used, ${formatBytes(fs.freeBytes)} free of ${formatBytes(fs.sizeBytes)}`}
            >
              <span className="disk-used" style={{ width: share(fs.usedBytes) }} />
              <span className="disk-reserved" style={{ width: share(reserved) }} title="Reserved for root: not available to Docker" />
            </div>
            <div className="meta">
              <span data-testid="disk-used" data-bytes={fs.usedBytes} title={formatExactBytes(fs.usedBytes)}>
                {formatBytes(fs.usedBytes)} used
              </span>
              {" · "}
              <span data-testid="disk-free" data-bytes={fs.freeBytes} title={formatExactBytes(fs.freeBytes)}>
                {formatBytes(fs.freeBytes)} free
              </span>
              {` of ${formatBytes(fs.sizeBytes)}`}
            </div>
            <div data-testid="fill-date">{fillText(fs)}</div>
          </div>
        );
      })}
    </section>
  );
}
