// Types for boundaries.mjs (plain JavaScript: ESLint loads it without a TypeScript step).
export type Zone = { name: string; from: string[]; except?: string[]; forbid: string[]; message: string };
export declare const SERVER_ONLY: { folders: string[]; files: string[]; except: string[] };
export declare const ZONES: Zone[];
export declare const ENV_READERS: string[];
