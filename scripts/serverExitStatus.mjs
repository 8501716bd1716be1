import os from "node:os";

/**
 * The exit status of `npm start` for how the Next.js server ended: its own code; 128 + the signal's
 * number when it died by a signal (as a shell reports it), except a SIGINT/SIGTERM we passed on to
 * stop it, which is a clean stop (0).
 */
export function serverExitStatus(code, signal, stopping) {
  if (signal) return stopping && (signal === "SIGTERM" || signal === "SIGINT") ? 0 : 128 + (os.constants.signals[signal] ?? 0);
  return code ?? 1;
}
