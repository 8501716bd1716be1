import { costReportAnswerForRequest } from "@/lib/api/costReportBody";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// The cost report as a CSV download; columns in docs/cost-model.md. Same rows as GET /api/reports/cost
// (lib/api/costReportBody.ts writes it, in the read worker).
export const GET = apiRoute("view", async (request) => costReportAnswerForRequest(request, "csv"));
