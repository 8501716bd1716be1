import type { NextRequest } from "next/server";
import { json, unauthorized } from "@/lib/api/response";
import { withApiErrors } from "@/lib/api/withApiErrors";
import { canViewAudit } from "@/lib/auth/permissions";
import { sessionUser } from "@/lib/auth/session";
import { listAudit } from "@/lib/store/audit";
import { auditEntryBody } from "@/lib/api/publicBodies";

export const dynamic = "force-dynamic";

/** The append-only audit log, newest first (signed-in people only: it names who approved what). */
export const GET = withApiErrors(async (request: NextRequest) => {
  if (!canViewAudit(await sessionUser(request))) return unauthorized("Sign in to read the audit log");
  return json({ entries: (await listAudit()).map(auditEntryBody) });
});
