"use client";
import type { ReactNode } from "react";
import { useSessionQuery } from "@/lib/queries/useSessionQuery";
import { SignInPanel } from "./SignInPanel";

/**
 * Once any account exists, every page needs a signed-in person (unless BALLAST_ANONYMOUS_VIEW=true):
 * the page is not shown to anyone else. The API refuses on its own anyway.
 *
 * While the session loads, the page is rendered but not shown (`display: none`), so its queries start
 * beside the session's instead of one round trip later: the host page's treemap waited for the session,
 * then the host, then its own answer (issue 14). A page that turns out to need sign-in is never shown;
 * the queries it started are refused and asked again as the person once they sign in (useLoginMutation).
 * `display: contents` once shown: the wrapper neither remounts the page nor changes its layout.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  const data = session.data;
  const mustSignIn = !session.isLoading && data?.accountsExist === true && !data.user && !data.anonymousView;
  if (!mustSignIn) return <div style={{ display: session.isLoading ? "none" : "contents" }}>{children}</div>;
  return (
    <>
      <h1>Sign in</h1>
      <SignInPanel purpose="This Ballast has accounts: sign in to see its hosts." />
    </>
  );
}
