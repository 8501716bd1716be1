export type Listen = { host: string | null; port: number; why: string };
export function parseListen(text: string): { host: string | null; port: number | null };
export function resolveListen(env: Record<string, string | undefined>, accountsExist: boolean): Listen;
export function listenMessage(listen: Listen): string;
