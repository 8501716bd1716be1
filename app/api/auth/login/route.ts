import { loginSchema } from "@/lib/api/authSchema";
import { parseRequest } from "@/lib/api/request";
import { apiError, json, tooManyRequests } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { sessionBody } from "@/lib/api/sessionBody";
import { anonymousViewEnabled } from "@/lib/auth/authorize";
import { clientAddress } from "@/lib/auth/clientAddress";
import { checkCredentials } from "@/lib/auth/login";
import { loginRetryAfterSec, recordLoginFailure, recordLoginSuccess } from "@/lib/auth/loginLimits";
import { startSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export const POST = apiRoute("public", async (request) => {
  const { body, error } = await parseRequest(request, { body: loginSchema });
  if (error) return error;
  const address = clientAddress(request);
  const wait = loginRetryAfterSec(body.username, address, Date.now());
  if (wait > 0) return tooManyRequests("Too many failed sign-ins for this user name or from this address", wait);
  const user = await checkCredentials(body.username, body.password);
  if (!user) {
    recordLoginFailure(body.username, address, Date.now());
    return apiError(401, "invalid_credentials", "Wrong user name or password");
  }
  recordLoginSuccess(body.username);
  const response = json(sessionBody(user, true, anonymousViewEnabled()));
  await startSession(request, response, user.id);
  return response;
});
