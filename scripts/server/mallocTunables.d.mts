export const MALLOC_TUNABLES: Record<string, string>;
export function serverGlibcTunables(env: Record<string, string | undefined>): string;
