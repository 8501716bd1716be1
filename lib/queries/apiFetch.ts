import type { ApiErrorBody } from "@/lib/api/types";

/** An API answer that was not 2xx, with the server's code and plain-words message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function apiFetch<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  const body = (await response.json().catch(() => null)) as (T & Partial<ApiErrorBody>) | null;
  if (!response.ok) {
    throw new ApiError(response.status, body?.error?.code ?? "http_error", body?.error?.message ?? `Request failed (${response.status})`);
  }
  return body as T;
}
