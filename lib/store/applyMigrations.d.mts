export function sqlitePathFromUrl(url: string, baseDir?: string): string;
export function readMigrations(migrationsDir: string): { name: string; sql: string; checksum: string }[];
export function applyMigrations(options: { databasePath: string; migrationsDir: string }): string[];
