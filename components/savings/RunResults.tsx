import { formatBytes, formatExactBytes } from "@/components/format";
import styles from "./savings.module.css";

type Run = {
  status: string;
  expectedBytes: number;
  reclaimedBytes: number | null;
  results: { kind: string; id: string; name: string; outcome: string; reason: string | null }[];
};

/** A run's outcome: expected vs reclaimed bytes and what happened to each target. */
export function RunResults({ run }: { run: Run }) {
  return (
    <div aria-label="Run result">
      <p>
        Run <strong>{run.status}</strong>: expected <span title={formatExactBytes(run.expectedBytes)}>{formatBytes(run.expectedBytes)}</span>, reclaimed{" "}
        <span title={formatExactBytes(run.reclaimedBytes)}>
          {run.reclaimedBytes === null ? "not measured (no snapshot after)" : formatBytes(run.reclaimedBytes)}
        </span>{" "}
        <span className="meta">(the change between the snapshot before and the one taken after)</span>
      </p>
      <table>
        <thead>
          <tr>
            <th>Target</th>
            <th>Outcome</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {run.results.map((result) => (
            <tr key={`${result.kind}:${result.id}`}>
              <td className={styles.name} title={result.id}>
                {result.name}
              </td>
              <td className={styles[result.outcome]}>{result.outcome}</td>
              <td>{result.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
