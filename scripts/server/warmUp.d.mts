import type { IncomingMessage, ServerResponse } from "node:http";
export const WARM_UP_HEADER: string;
export const WARM_UP_NONCE: symbol;
export function warmUpPath(pattern: string): string;
export function warmUpRoutes(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  patterns: string[],
  nonce: string,
): Promise<{ answered: number; ms: number }>;
