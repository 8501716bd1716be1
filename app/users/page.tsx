import { UsersPage } from "@/components/accounts/UsersPage";

export default function Users() {
  return <UsersPage />;
}
