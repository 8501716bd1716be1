import type { IncomingMessage, ServerResponse } from "node:http";
export function warmUpPath(pattern: string): string;
export function warmUpRoutes(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  patterns: string[],
  nonce: string,
): Promise<{ answered: number; ms: number }>;
