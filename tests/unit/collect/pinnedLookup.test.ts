import { describe, expect, it } from "vitest";
import { parseEndpoint } from "@/lib/collect/endpoint";
import { checkEndpoint } from "@/lib/collect/endpointSafety";
import { pinnedLookup } from "@/lib/collect/pinnedLookup";

// The checked addresses are what the transports connect to (DNS rebinding): no network here.

const lookupOf = (lookup: ReturnType<typeof pinnedLookup>, host: string, options: object) =>
  new Promise((resolve) =>
    lookup(host, options, (error, address, family) => resolve(error ? { error: (error as { code?: string }).code } : { address, family })),
  );

describe("pinnedLookup", () => {
  const addresses = [
    { address: "127.0.0.5", family: 4 },
    { address: "::1", family: 6 },
  ];
  const lookup = pinnedLookup("Engine.Example", addresses);

  it("answers the checked addresses for the checked name, by family, one or all", async () => {
    expect(await lookupOf(lookup, "engine.example", {})).toEqual({ address: "127.0.0.5", family: 4 });
    expect(await lookupOf(lookup, "engine.example", { family: 6 })).toEqual({ address: "::1", family: 6 });
    expect(await lookupOf(lookup, "engine.example", { all: true })).toEqual({ address: addresses, family: undefined });
    expect(await lookupOf(lookup, "engine.example", { all: true, family: 4 })).toEqual({ address: [addresses[0]], family: undefined });
  });

  it("refuses any other name, and a family that was not checked", async () => {
    expect(await lookupOf(lookup, "other.example", {})).toEqual({ error: "ENOTFOUND" });
    expect(await lookupOf(pinnedLookup("v4.example", [addresses[0]]), "v4.example", { family: 6 })).toEqual({ error: "ENOTFOUND" });
  });
});

describe("checkEndpoint resolves a name once and hands back what it checked", () => {
  const answer =
    (...list: string[]) =>
    async () =>
      list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it("returns the addresses a safe name resolves to", async () => {
    expect(await checkEndpoint(parseEndpoint("tcp://engine.example:2375"), {}, answer("127.0.0.5"))).toEqual({
      refusal: null,
      addresses: [{ address: "127.0.0.5", family: 4 }],
    });
  });

  it("refuses a name with any metadata address among its answers, in every network transport", async () => {
    for (const text of ["tcp://engine.example:2375", "ssh://u@engine.example", "https://engine.example:9443"]) {
      const checked = await checkEndpoint(parseEndpoint(text), {}, answer("127.0.0.5", "169.254.169.254"));
      expect(checked.refusal).toMatch(/resolves to a link-local or cloud metadata address/);
    }
    expect((await checkEndpoint(parseEndpoint("tcp://engine.example:2375"), {}, answer("fd00:ec2::254"))).refusal).toMatch(/metadata/);
  });

  it("lets an allow-listed name resolve anywhere, still pinned to that answer", async () => {
    const checked = await checkEndpoint(
      parseEndpoint("tcp://meta.example:80"),
      { BALLAST_ALLOWED_ENDPOINTS: "tcp://meta.example:80" },
      answer("169.254.169.254"),
    );
    expect(checked).toEqual({ refusal: null, addresses: [{ address: "169.254.169.254", family: 4 }] });
  });

  it("does not resolve IP literals or sockets, and fails an empty answer as ENOTFOUND", async () => {
    const never = async () => {
      throw new Error("resolver called");
    };
    expect(await checkEndpoint(parseEndpoint("tcp://127.0.0.1:2375"), {}, never)).toEqual({ refusal: null, addresses: null });
    await expect(checkEndpoint(parseEndpoint("tcp://engine.example:2375"), {}, answer())).rejects.toMatchObject({ code: "ENOTFOUND" });
  });
});
