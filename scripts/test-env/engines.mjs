// The engines of the test matrix (ARCHITECTURE.md §Test environment): Debian bookworm's dockerd 20.10
// (the system's docker.io), and the newer ones fetch-engines.sh unpacks under .test-env/engines/<suite>.
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** name → how privateDockerd.mjs starts it. `engineDir` undefined = the system's dockerd 20.10. */
export const TEST_ENGINES = [
  { name: "docker-20.10-overlay2", engineDir: undefined, containerdStore: false },
  { name: "docker-26.1-overlay2", engineDir: path.join(root, ".test-env/engines/trixie"), containerdStore: false },
  { name: "docker-28.5-overlay2", engineDir: path.join(root, ".test-env/engines/sid"), containerdStore: false },
  { name: "docker-28.5-containerd", engineDir: path.join(root, ".test-env/engines/sid"), containerdStore: true },
];

/** The newer engines only (the 20.10 one runs the full suite on its own). */
export const NEWER_ENGINES = TEST_ENGINES.filter((engine) => engine.engineDir !== undefined);
