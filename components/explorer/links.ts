// URLs of explorer pages, in one place. Image ids go into paths as their 64 hex digits.
export const hostHref = (hostId: string) => `/hosts/${hostId}`;
export const imageHref = (hostId: string, imageId: string) => `/hosts/${hostId}/images/${imageId.replace(/^sha256:/, "")}`;
export const shortId = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);

/** The image id inside a treemap node id (`repo:x/image:sha256:…`), or null. */
export function imageIdOfNode(nodeId: string): string | null {
  const match = /image:(sha256:[0-9a-f]{64})$/.exec(nodeId);
  return match ? match[1] : null;
}
