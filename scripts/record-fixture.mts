// Records a HostSnapshot from a real engine as a unit-test fixture.
// Usage: node --conditions=react-server --import tsx scripts/record-fixture.mts DOCKER_HOST tests/fixtures/NAME.json
import fs from "node:fs";
import { collectSnapshot } from "@/lib/collect/collectSnapshot";
import { createEngineClient } from "@/lib/collect/engine";
import { parseEndpoint } from "@/lib/collect/endpoint";

const [dockerHost, output] = process.argv.slice(2);
if (!dockerHost || !output) throw new Error("usage: record-fixture.mts DOCKER_HOST OUTPUT.json");
const snapshot = await collectSnapshot(createEngineClient(parseEndpoint(dockerHost)));
fs.writeFileSync(output, `${JSON.stringify(snapshot, null, 1)}\n`);
console.log(`wrote ${output}: ${snapshot.images.length} images, ${snapshot.layers.length} layers, ${snapshot.containers.length} containers`);
