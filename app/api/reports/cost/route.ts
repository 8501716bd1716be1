import { costReportAnswerForRequest } from "@/lib/api/costReportBody";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// The cost report as JSON: the same rows GET /api/reports/cost.csv writes, plus the total row the
// CSV leaves out, the prices used and how many snapshots each host contributed (lib/api/costReportBody.ts
// writes it, in the read worker).
export const GET = apiRoute("view", async (request) => costReportAnswerForRequest(request, "json"));
