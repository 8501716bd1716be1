"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "./apiFetch";
import { keys } from "./keys";

// Hosts management (issue 12): add, edit, enable/disable, delete and Test connection.

export type HostFields = {
  name: string;
  endpoint: string;
  tls: { caPath: string; certPath: string; keyPath: string; verify: boolean } | null;
  agent: { token: string; fingerprint: string } | null;
  pollIntervalSec: number;
  pricePerGbMonth: number | null;
};

export type ConnectionTest =
  | { ok: true; engine: { id: string; name: string; version: string; apiVersion: string; os: string; storageDriver: string } }
  | { ok: false; error: { code: string; message: string } };

export type HostSaved = { id: string; newSeries: { engineId: string; message: string } | null };

const post = (url: string, body: unknown, method = "POST") => ({ method, body: JSON.stringify(body) });

export function useTestConnectionMutation() {
  return useMutation({
    mutationFn: (input: Pick<HostFields, "endpoint" | "tls" | "agent">) => apiFetch<ConnectionTest>("/api/hosts/test", post("", input)),
  });
}

/** Adds a host (no id) or saves an edit; a new host is polled at once so it shows data or its error. */
export function useSaveHostMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, fields, agentChanged }: { id: string | null; fields: HostFields; agentChanged: boolean }): Promise<HostSaved> => {
      if (id === null) {
        const { host } = await apiFetch<{ host: { id: string } }>("/api/hosts", post("", fields));
        await apiFetch(`/api/hosts/${host.id}/poll`, { method: "POST" }).catch(() => undefined);
        return { id: host.id, newSeries: null };
      }
      // Empty TLS fields or agent token keep what is stored (the API never sends them back).
      const { agent, tls, ...rest } = fields;
      const body = { ...rest, ...(tls ? { tls } : {}), ...(agentChanged && agent ? { agent } : {}) };
      const saved = await apiFetch<{ host: { id: string }; newSeries: HostSaved["newSeries"] }>(`/api/hosts/${id}`, post("", body, "PATCH"));
      return { id, newSeries: saved.newSeries };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.hosts() }),
  });
}

export function useSetHostEnabledMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => apiFetch(`/api/hosts/${id}`, post("", { enabled }, "PATCH")),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.hosts() }),
  });
}

export function useDeleteHostMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ deleted: { hostId: string; snapshots: number } }>(`/api/hosts/${id}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.hosts() }),
  });
}
