import { newUserBody } from "@/lib/api/accountsSchema";
import { parseRequest } from "@/lib/api/request";
import { conflict, json } from "@/lib/api/response";
import { apiRoute } from "@/lib/api/route";
import { auditActor } from "@/lib/auth/auditActor";
import { addUser } from "@/lib/auth/users";
import { listUsers } from "@/lib/store/users";

export const dynamic = "force-dynamic";

export const GET = apiRoute("manageUsers", async () => json({ users: await listUsers() }));

// POST {"username","password","role"} adds an enabled account (role: viewer | approver | admin).
export const POST = apiRoute("manageUsers", async (request, { principal }) => {
  const { body, error } = await parseRequest(request, { body: newUserBody });
  if (error) return error;
  const user = await addUser(auditActor(principal), body);
  return user ? json({ user }, 201) : conflict(`A user named "${body.username}" exists already`, "name_taken");
});
