import { AuditLog } from "@/components/audit/AuditLog";

export const dynamic = "force-dynamic";

export default function Audit() {
  return <AuditLog />;
}
