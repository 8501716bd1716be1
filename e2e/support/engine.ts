import http from "node:http";
import path from "node:path";

// The e2e engine's own answers, read straight from its socket: what the page must agree with.
export const E2E_SOCKET = path.join(process.cwd(), ".test-env", "e2e", "dockerd", "docker.sock");

export function engineGet<T>(apiPath: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath: E2E_SOCKET, path: apiPath }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve(JSON.parse(body) as T));
      })
      .on("error", reject);
  });
}

export type SystemDf = {
  LayersSize: number;
  Images: { Id: string; Size: number; SharedSize: number; RepoTags: string[] | null }[];
  Containers: { Id: string; SizeRw?: number }[];
  Volumes: { Name: string; UsageData: { Size: number } }[];
  BuildCache: { Size: number; Shared: boolean }[];
};
