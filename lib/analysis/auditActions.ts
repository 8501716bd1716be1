// What the audit log records (README §Security lists who may cause each): run steps, then admin
// actions on hosts, prices, users, tokens, the environment admin and retention. One list for the
// store that writes entries and the public API type that reads them.
export type AuditAction =
  | "run_started"
  | "run_finished"
  | "run_interrupted"
  | "run_reconciled"
  | "host_added"
  | "host_price_changed"
  | "host_changed"
  | "host_deleted"
  | "user_added"
  | "user_changed"
  | "initial_admin_applied"
  | "token_created"
  | "token_revoked"
  | "retention_pass";
