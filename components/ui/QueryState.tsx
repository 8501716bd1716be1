import type { ReactNode } from "react";

/** Loading / error / empty states for a query; shows a spinner only when there is nothing to show yet. */
export function QueryState({
  isLoading,
  error,
  isEmpty,
  empty,
  children,
}: {
  isLoading: boolean;
  error: Error | null;
  isEmpty?: boolean;
  empty?: ReactNode;
  children: ReactNode;
}) {
  if (isLoading) return <p className="spinner">Loading…</p>;
  if (error)
    return (
      <div className="error-box" role="alert">
        {error.message}
      </div>
    );
  if (isEmpty) return <>{empty}</>;
  return <>{children}</>;
}
