import type { ServerResponse } from "node:http";
export const ENCODED_HEADER: string;
export const PASSES_ENCODED: unique symbol;
export function passEncodedAnswers<R extends Pick<ServerResponse, "setHeader" | "appendHeader">>(res: R): R;
