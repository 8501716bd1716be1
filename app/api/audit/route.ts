import { auditEntryBody } from "@/lib/api/publicBodies";
import { json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { listAudit } from "@/lib/store/audit";

export const dynamic = "force-dynamic";

/** The append-only audit log, newest first (signed-in people only: it names who approved what). */
export const GET = apiRoute("viewAudit", async () => json({ entries: (await listAudit()).map(auditEntryBody) }));
