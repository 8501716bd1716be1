import { endpointFromInput } from "@/lib/api/hostEndpointInput";
import { parseRequest } from "@/lib/api/request";
import { json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { connectionTestSchema } from "@/lib/api/schema";
import { formatEndpoint } from "@/lib/collect/endpoint";
import { testConnection } from "@/lib/collect/testConnection";

export const dynamic = "force-dynamic";

// POST {"endpoint","tls"?,"agent"?} → {"ok":true,"engine":{…}} or {"ok":false,"error":{"code","message"}}: the
// cause (dns, refused, tls, auth, host_key, timeout, not_docker, unsupported_api) before the host is saved.
// Host managers only, like adding a host: it makes Ballast dial the address it is given.
export const POST = apiRoute("manageHosts", async (request) => {
  const { body, error } = await parseRequest(request, { body: connectionTestSchema });
  if (error) return error;
  const input = endpointFromInput(body);
  if ("error" in input) return input.error;
  return json(await testConnection(input.endpoint, formatEndpoint(input.endpoint)));
});
