import { NextRequest } from "next/server";

// Calls Next.js route handlers in-process with real requests (real store, real engine behind them).

export function request(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): NextRequest {
  return new NextRequest(new URL(url, "http://ballast.test"), {
    method: init.method ?? "GET",
    headers: { host: "ballast.test", ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}

export const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });

export async function jsonOf(response: Response): Promise<{ status: number; body: any }> {
  return { status: response.status, body: await response.json() };
}
