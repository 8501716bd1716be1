// A FAKE classic-builder host of COUNT images in a process of its own (so serving it does not eat the
// CPU of the poll being measured): prints {"endpoint","imageCount"} on one line, serves until killed.
// node --import tsx scripts/bench/fakeBuilderHost.mts COUNT
import { manyImagesContent, startFakeBuilderEngine } from "../../tests/support/fakeBuilderEngine";

const count = Number(process.argv[2] ?? 5000);
const fake = await startFakeBuilderEngine(manyImagesContent(count), { ID: `FAKE:BUILDER:${count}` });
console.log(JSON.stringify({ endpoint: fake.endpoint, imageCount: fake.imageCount }));
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
