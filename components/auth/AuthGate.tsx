"use client";
import type { ReactNode } from "react";
import { useSessionQuery } from "@/lib/queries/useSessionQuery";
import { SignInPanel } from "./SignInPanel";

/**
 * Once any account exists, every page needs a signed-in person (unless BALLAST_ANONYMOUS_VIEW=true):
 * the page itself is not rendered, so it fetches nothing. The API refuses on its own anyway.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  if (session.isLoading) return null;
  const data = session.data;
  const mustSignIn = data?.accountsExist === true && !data.user && !data.anonymousView;
  if (!mustSignIn) return <>{children}</>;
  return (
    <>
      <h1>Sign in</h1>
      <SignInPanel purpose="This Ballast has accounts: sign in to see its hosts." />
    </>
  );
}
