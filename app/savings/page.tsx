import { SavingsPage } from "@/components/savings/SavingsPage";

export const dynamic = "force-dynamic";

export default function Savings() {
  return <SavingsPage />;
}
