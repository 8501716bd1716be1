import { json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { anonymousViewEnabled } from "@/lib/auth/authorize";
import { sessionBody } from "@/lib/api/sessionBody";

export const dynamic = "force-dynamic";

export const GET = apiRoute("public", async (_request, { principal, accountsExist }) => json(sessionBody(principal, accountsExist, anonymousViewEnabled())));
