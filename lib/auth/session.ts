import "server-only";
import { config } from "@/lib/config";
import crypto from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { createSessionRow, deleteExpiredSessions, deleteSession, findSessionUser } from "@/lib/store/sessions";
import type { UserDto } from "@/lib/store/users";

// Session cookies: a random 32-byte token, httpOnly, SameSite=Lax (a cross-site POST carries no
// cookie), Secure when the request came over https (directly or through a proxy that says so).

export const SESSION_COOKIE = "ballast_session";

export type SessionUser = UserDto;

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

function isHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? request.nextUrl.protocol.replace(":", "")) === "https";
}

/** Starts a session for the user and sets its cookie on the response. */
export async function startSession(request: NextRequest, response: NextResponse, userId: string): Promise<void> {
  const now = new Date();
  await deleteExpiredSessions(now);
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + config().BALLAST_SESSION_HOURS * 3_600_000);
  await createSessionRow(hashToken(token), userId, expiresAt);
  response.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(request),
    path: "/",
    expires: expiresAt,
  });
}

/** The signed-in person behind the request's cookie, or null. */
export async function sessionUser(request: NextRequest): Promise<SessionUser | null> {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return findSessionUser(hashToken(token), new Date());
}

/** Ends the request's session (if any) and clears the cookie. */
export async function endSession(request: NextRequest, response: NextResponse): Promise<void> {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (token) await deleteSession(hashToken(token));
  response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: isHttps(request), path: "/", maxAge: 0 });
}
