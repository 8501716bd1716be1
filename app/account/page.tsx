import { TokensSection } from "@/components/accounts/TokensSection";

export default function Account() {
  return (
    <>
      <h1>Your account</h1>
      <TokensSection />
    </>
  );
}
