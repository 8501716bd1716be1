import { formatBytes, formatExactBytes } from "@/components/format";
import type { SuggestionTarget } from "@/lib/analysis/strategies/types";
import styles from "./savings.module.css";

const KIND: Record<string, string> = { image: "Image", container: "Container", volume: "Volume", "build-cache": "Build cache", layer: "Layer", log: "Log" };

/** The exact targets of one suggestion, with the bytes each frees on its own. */
export function TargetList({ targets, label }: { targets: SuggestionTarget[]; label: string }) {
  return (
    <table className={styles.targets} aria-label={label}>
      <thead>
        <tr>
          <th>Kind</th>
          <th>Name</th>
          <th className="num">Bytes</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((target) => (
          <tr key={`${target.kind}:${target.id}`}>
            <td>{KIND[target.kind] ?? target.kind}</td>
            <td className={styles.name} title={target.id}>
              {target.name}
            </td>
            <td className="num" title={formatExactBytes(target.bytes)}>
              {formatBytes(target.bytes)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
