import type { ConnectionTest } from "@/lib/queries/useHostMutations";

/** What Test connection found: the engine, or the cause in Ballast's words (dns, refused, tls, …). */
export function ConnectionTestResult({ result }: { result: ConnectionTest }) {
  if (result.ok) {
    const e = result.engine;
    return (
      <div className="info-box" role="status" aria-label="Connection test">
        Connected: Docker {e.version} (API {e.apiVersion}), {e.storageDriver}, {e.os} — engine ID <code>{e.id}</code>
      </div>
    );
  }
  return (
    <div className="error-box" role="status" aria-label="Connection test">
      <strong>Cannot connect ({result.error.code}):</strong> {result.error.message}
    </div>
  );
}
