import { describe, expect, it } from "vitest";
import { routeWinner } from "@/lib/api/routePatterns";

// The direct path (lib/api/directRoutes.ts) may answer a path only when Next.js would give it to the same route.
const split = (path: string) => path.split("/").slice(1);

describe("routeWinner", () => {
  const routes = [
    "/api/health",
    "/api/hosts",
    "/api/hosts/test",
    "/api/hosts/[hostId]",
    "/api/hosts/[hostId]/poll",
    "/api/snapshots/[snapshotId]/images",
    "/api/snapshots/[snapshotId]/images/[imageId]",
    "/docs/[...slug]",
    "/files/[[...path]]",
    "/files/readme",
  ];

  it("prefers a static segment to a dynamic one, and says the dynamic params", () => {
    expect(routeWinner(routes, split("/api/hosts/test"))).toEqual({ pattern: "/api/hosts/test", params: {}, catchAll: false });
    expect(routeWinner(routes, split("/api/hosts/h1"))).toEqual({ pattern: "/api/hosts/[hostId]", params: { hostId: "h1" }, catchAll: false });
    expect(routeWinner(routes, split("/api/hosts/h1/poll"))).toEqual({ pattern: "/api/hosts/[hostId]/poll", params: { hostId: "h1" }, catchAll: false });
    expect(routeWinner(routes, split("/api/snapshots/s1/images/abc"))).toEqual({
      pattern: "/api/snapshots/[snapshotId]/images/[imageId]",
      params: { snapshotId: "s1", imageId: "abc" },
      catchAll: false,
    });
  });

  it("matches whole paths only: no route for a shorter or longer path", () => {
    expect(routeWinner(routes, split("/api/snapshots/s1"))).toBeNull();
    expect(routeWinner(routes, split("/api/health/x"))).toBeNull();
    expect(routeWinner(routes, split("/api"))).toBeNull();
  });

  it("ranks catch-alls below static and dynamic segments, an optional one lowest", () => {
    expect(routeWinner(routes, split("/docs/a/b"))).toMatchObject({ pattern: "/docs/[...slug]", catchAll: true });
    expect(routeWinner(routes, split("/docs"))).toBeNull();
    expect(routeWinner(routes, split("/files"))).toMatchObject({ pattern: "/files/[[...path]]", catchAll: true });
    expect(routeWinner(routes, split("/files/readme"))).toMatchObject({ pattern: "/files/readme", catchAll: false });
    expect(routeWinner([...routes, "/docs/[page]"], split("/docs/a"))).toMatchObject({ pattern: "/docs/[page]", catchAll: false });
  });
});
