import "server-only";
import { db } from "./db";

// Small facts Ballast keeps about itself (the Setting table), by key.

export async function getSetting(key: string): Promise<string | null> {
  return (await db().setting.findUnique({ where: { key }, select: { value: true } }))?.value ?? null;
}

export async function setSetting(key: string, value: string | null): Promise<void> {
  if (value === null) await db().setting.deleteMany({ where: { key } });
  else await db().setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}
