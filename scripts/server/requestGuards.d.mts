export const MAX_PATH_CHARS: number;
export const MAX_DECLARED_BODY_BYTES: number;
export const PEER_HEADER: string;
export const METHODS: string[];
export function requestProblem(
  method: string | undefined,
  rawUrl: string | undefined,
  headers: Record<string, string | string[] | undefined>,
): null | { status: number; code: string; message: string; allow?: string };
export function errorBody(code: string, message: string): string;
export function clientErrorAnswer(errorCode: string | undefined): string;
