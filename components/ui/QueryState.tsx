import type { ReactNode } from "react";

/**
 * Loading / error / empty states for a query; shows a spinner only when there is nothing to show yet.
 * Pass `data` (the query's data): when a background refetch fails after data arrived, the data stays
 * on screen with a small "could not refresh" note instead of being replaced by an error box.
 */
export function QueryState({
  isLoading,
  error,
  data,
  isEmpty,
  empty,
  children,
}: {
  isLoading: boolean;
  error: Error | null;
  data?: unknown;
  isEmpty?: boolean;
  empty?: ReactNode;
  children: ReactNode;
}) {
  const hasData = data !== undefined && data !== null;
  if (isLoading && !hasData) return <p className="spinner">Loading…</p>;
  if (error && !hasData)
    return (
      <div className="error-box" role="alert">
        {error.message}
      </div>
    );
  const body = isEmpty ? empty : children;
  if (!error) return <>{body}</>;
  return (
    <>
      <p className="refresh-failed" role="status">
        Could not refresh: {error.message}. Showing the last data loaded.
      </p>
      {body}
    </>
  );
}
