import { loginSchema } from "@/lib/api/authSchema";
import { parseRequest } from "@/lib/api/request";
import { apiError, json, tooManyRequests } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { sessionBody } from "@/lib/api/sessionBody";
import { anonymousViewEnabled } from "@/lib/auth/authorize";
import { clientAddress } from "@/lib/auth/clientAddress";
import { checkCredentials } from "@/lib/auth/login";
import { beginLoginAttempt, loginSucceeded } from "@/lib/auth/loginLimits";
import { startSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export const POST = apiRoute("public", async (request) => {
  const { body, error } = await parseRequest(request, { body: loginSchema });
  if (error) return error;
  const address = clientAddress(request);
  const started = await beginLoginAttempt(body.username, address, Date.now());
  if ("retryAfterSec" in started) return tooManyRequests("Too many failed sign-ins for this user name or from this address", started.retryAfterSec);
  // The attempt already counts as a failure (lib/auth/loginLimits.ts): a wrong password leaves it counted.
  const user = await checkCredentials(body.username, body.password);
  if (!user) return apiError(401, "invalid_credentials", "Wrong user name or password");
  await loginSucceeded(started.attempt);
  const response = json(sessionBody(user, true, anonymousViewEnabled()));
  await startSession(request, response, user.id);
  return response;
});
