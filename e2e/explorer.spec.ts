import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/admin";
import { engineGet, type SystemDf } from "./support/engine";
import { bigHostSnapshot } from "../tests/support/bigHost";
import { focusedTreemapView, treemapView } from "../lib/analysis/treemapView";
import { imageRows } from "../lib/analysis/snapshotRows";

// The storage explorer on the scene engine (read-only): treemap → image → layer → sharing image, then
// every tab, each number checked against the engine's own /system/df.

type Df = Omit<SystemDf, "Images" | "Containers" | "Volumes"> & {
  Images: (SystemDf["Images"][number] & { Containers: number })[];
  Containers: { Id: string; Names: string[]; SizeRw?: number }[];
  Volumes: { Name: string; UsageData: { Size: number; RefCount: number } }[];
};

test.beforeEach(async ({ page }) => signIn(page));

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/explorer-${name}.png`, fullPage: true });
const bytesIn = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute("data-bytes"));

async function openLocalHost(page: Page): Promise<Df> {
  await page.goto("/");
  // The poller registers the local engine shortly after start-up: wait for it.
  let local: { id: string; name: string } | undefined;
  await expect
    .poll(
      async () => {
        const hosts = (await (await page.request.get("/api/hosts")).json()) as { hosts: { id: string; name: string; status: string }[] };
        local = hosts.hosts.find((host) => host.name === "local" && host.status === "ok");
        return Boolean(local);
      },
      { timeout: 45_000 },
    )
    .toBe(true);
  await page.reload();
  // Poll now so the page and /system/df describe the same moment.
  expect((await page.request.post(`/api/hosts/${local!.id}/poll`)).status()).toBe(200);
  const df = await engineGet<Df>("/system/df");
  await page.getByRole("article", { name: "Host local" }).getByRole("link", { name: "local", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "local" })).toBeVisible();
  return df;
}

test("treemap → image → layer → the image sharing it", async ({ page }) => {
  const df = await openLocalHost(page);
  await expect(page.getByRole("img", { name: /^Treemap of/ })).toBeVisible();
  await expect(page.getByText(/Each layer is drawn once/)).toBeVisible();
  await expect
    .poll(() => bytesIn(page, "docker-reclaimable"))
    .toBe(Math.max(0, df.LayersSize - df.Images.filter((i) => i.Containers > 0).reduce((sum, i) => sum + i.Size - i.SharedSize, 0)));
  await expect(page.getByTestId("reclaimable-explanation")).toContainText(/./);
  await shot(page, "overview");

  // Zoom by clicking the repository's box in the SVG, then the image through the button list.
  await page.locator('g[data-node-id^="repo:ballast-test/app-b/"] rect').first().click();
  await expect(page.getByRole("navigation", { name: "Treemap path" })).toContainText("ballast-test/app-b");
  await page
    .locator('[aria-label="Zoom into"]')
    .getByRole("button", { name: /^ballast-test\/app-b:2/ })
    .click();
  await expect(page.getByRole("navigation", { name: "Treemap path" }).locator('[aria-current="location"]')).toHaveText("ballast-test/app-b:2");
  await page.locator('g[data-kind="layer"] rect').first().hover();
  await expect(page.locator(".chart-tooltip")).toContainText("Unique to one image");
  await expect(page.locator(".chart-tooltip")).toContainText("/month");
  await shot(page, "treemap-tooltip");
  await page
    .locator('[aria-label="Zoom into"]')
    .getByRole("button", { name: /^RUN dd/ })
    .first()
    .click();
  await expect(page.getByRole("region", { name: "Selected layer" })).toContainText("unique to one image");
  await shot(page, "treemap-zoomed");

  await page.getByRole("link", { name: "Open image page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ballast-test/app-b:2" })).toBeVisible();
  const appB2 = df.Images.find((image) => image.RepoTags?.includes("ballast-test/app-b:2"))!;
  await expect.poll(() => bytesIn(page, "image-size")).toBe(appB2.Size);
  expect(await bytesIn(page, "image-shared")).toBe(appB2.SharedSize);
  const layers = page.getByRole("table", { name: "Layers" });
  // base: COPY busybox + RUN --install; app-b:1 adds b.bin; app-b:2 adds b2.bin.
  await expect(layers.getByRole("row")).toHaveCount(1 + 4);
  await shot(page, "image");
  await layers.getByRole("row").nth(1).getByRole("button").click();
  await expect(page.getByRole("region", { name: "Layer sharing" })).toContainText("Shared with");
  await shot(page, "image-layer-sharing");

  // The base layer (row #0) is shared: follow it to the base image.
  await layers.getByRole("row").nth(1).getByRole("button").click();
  await page.getByRole("region", { name: "Layer sharing" }).getByRole("link", { name: "ballast-test/base:1" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ballast-test/base:1" })).toBeVisible();
  await shot(page, "sharing-image");
});

test("images, containers, volumes and build cache tabs agree with the engine", async ({ page }) => {
  const df = await openLocalHost(page);
  const tabs = page.getByRole("tablist", { name: "Storage views" });

  await tabs.getByRole("tab", { name: "Images" }).click();
  await expect.poll(() => bytesIn(page, "fair-share-total")).toBe(df.LayersSize);
  const images = page.getByRole("table", { name: "Images" });
  await expect(images.getByRole("row")).toHaveCount(1 + df.Images.length);
  await expect(page.getByRole("img", { name: "Shared versus unique bytes of the largest images" })).toBeVisible();
  await page.getByLabel("Filter Images").fill("dup");
  await expect(images.getByRole("row")).toHaveCount(1 + 2);
  await page.getByLabel("Filter Images").fill("");
  await images.getByRole("button", { name: "Fair share" }).click();
  await expect(images.getByRole("columnheader", { name: /Fair share/ })).toHaveAttribute("aria-sort", "descending");
  await shot(page, "images");

  await tabs.getByRole("tab", { name: "Containers" }).click();
  const containers = page.getByRole("table", { name: "Containers" });
  await expect(containers.getByRole("row")).toHaveCount(1 + df.Containers.length);
  const writer = df.Containers.find((c) => c.Names.includes("/bt-writer"))!;
  await expect(containers.getByRole("row", { name: /bt-writer/ }).locator("[data-bytes]")).toHaveAttribute("data-bytes", String(writer.SizeRw));
  await shot(page, "containers");

  await tabs.getByRole("tab", { name: "Volumes" }).click();
  const volumes = page.getByRole("table", { name: "Volumes" });
  for (const volume of df.Volumes) {
    await expect(volumes.getByRole("row", { name: new RegExp(volume.Name.slice(0, 12)) }).locator("[data-bytes]")).toHaveAttribute(
      "data-bytes",
      String(volume.UsageData.Size),
    );
  }
  await expect(volumes.getByRole("row", { name: /bt-named/ })).toContainText("bt-volume-user");
  await shot(page, "volumes");

  await tabs.getByRole("tab", { name: "Build cache" }).click();
  await expect.poll(() => bytesIn(page, "build-cache-summary")).toBe(df.BuildCache.filter((r) => !r.Shared).reduce((sum, r) => sum + r.Size, 0));
  await expect(page.getByRole("table", { name: "Build cache records" }).getByRole("row")).toHaveCount(1 + df.BuildCache.length);
  await shot(page, "build-cache");
});

test("a 1,250-image host stays responsive: folded treemap, windowed table", async ({ page }) => {
  await openLocalHost(page);
  const big = bigHostSnapshot();
  // Serve a recorded-shape 1,250-image snapshot in place of the scene's (the engine stays untouched).
  await page.route(/\/api\/snapshots\/[^/]+\/treemap$/, (route) => route.fulfill({ json: { treemap: treemapView(big, 0.04) } }));
  await page.route(/\/api\/snapshots\/[^/]+\/images$/, (route) => route.fulfill({ json: { images: imageRows(big) } }));
  const started = Date.now();
  await page.reload();
  await expect(page.getByRole("img", { name: /^Treemap of/ })).toBeVisible();
  const treemapMs = Date.now() - started;
  const boxes = await page.locator("g[data-node-id]").count();
  expect(boxes).toBeLessThan(1700);
  await shot(page, "big-overview");

  let t = Date.now();
  await page.getByRole("tablist", { name: "Storage views" }).getByRole("tab", { name: "Images" }).click();
  const table = page.getByRole("table", { name: "Images" });
  await expect(page.getByText("1250 rows")).toBeVisible();
  const tabMs = Date.now() - t;
  expect(await table.locator("tbody tr:not([aria-hidden])").count()).toBeLessThan(60);
  t = Date.now();
  await table.locator("xpath=ancestor::div[contains(@class,'table-scroll')]").evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(table.getByRole("row", { name: /team\d+\/app:\d+/ }).last()).toBeVisible();
  await page.getByLabel("Filter Images").fill("team7/");
  await expect(page.getByText("10 of 1250 rows")).toBeVisible();
  await expect(table.getByRole("row", { name: /team7\/app:/ })).toHaveCount(10);
  const filterMs = Date.now() - t;
  console.info(`[big host] treemap ${treemapMs} ms (${boxes} boxes), images tab ${tabMs} ms, scroll+filter ${filterMs} ms`);
  expect(treemapMs + tabMs + filterMs).toBeLessThan(15_000);
  await shot(page, "big-images");
});

test("a 1,250-image host: the 'smaller items' box opens to the repositories folded into it", async ({ page }) => {
  await openLocalHost(page);
  const big = bigHostSnapshot();
  const whole = treemapView(big, 0.04);
  const groupId = whole.root.children.find((node) => node.kind === "aggregate")!.id;
  const opened = focusedTreemapView(big, 0.04, groupId)!;
  const foldedRepos = opened.root.children.filter((node) => node.kind === "repository");
  const innerGroup = opened.root.children.find((node) => node.kind === "aggregate")!;
  // `?focus=` is answered from the same snapshot; `hold` keeps an answer back while the test looks.
  let release = () => {};
  let hold: Promise<void> = Promise.resolve();
  let focusRequests = 0;
  await page.route(/\/api\/snapshots\/[^/]+\/treemap(\?.*)?$/, async (route) => {
    const focus = new URL(route.request().url()).searchParams.get("focus");
    if (focus) focusRequests += 1;
    await hold;
    const treemap = focus ? focusedTreemapView(big, 0.04, focus) : whole;
    await route.fulfill(treemap ? { json: { treemap } } : { status: 404, json: { error: { code: "not_found", message: "Treemap node not found" } } });
  });
  await page.reload();
  const chart = page.getByRole("region", { name: "Layer treemap" });
  const crumbs = page.getByRole("navigation", { name: "Treemap path" });
  await expect(chart.locator(`g[data-node-id="${groupId}"]`)).toBeVisible();
  await expect(chart.locator(`g[data-node-id="${foldedRepos[0].id}"]`)).toHaveCount(0);
  await shot(page, "big-folded");

  // Click the box itself; while the group loads the old chart stays, dimmed, with a status line.
  hold = new Promise((resolve) => (release = resolve));
  await chart.locator(`g[data-node-id="${groupId}"] rect`).click();
  await expect(chart.getByRole("status")).toHaveText(/Opening 86 smaller items/);
  await expect(chart.locator(`g[data-node-id="${groupId}"]`)).toBeVisible();
  await shot(page, "big-group-loading");
  release();
  await expect(crumbs.locator('[aria-current="location"]')).toHaveText("86 smaller items");
  await expect(chart.getByRole("status")).toHaveCount(0);
  for (const repo of foldedRepos.slice(0, 5)) await expect(chart.locator(`g[data-node-id="${repo.id}"]`).first()).toBeVisible();
  await expect(chart.locator(`g[data-node-id="${innerGroup.id}"]`)).toBeVisible();
  await expect(page.getByText(`${opened.nodeCount} of ${opened.fullNodeCount} nodes drawn`)).toBeVisible();
  await shot(page, "big-group-opened");

  // Zooming into a repository of the group stays in the browser; the button under the chart opens the next group.
  await page
    .locator('[aria-label="Zoom into"]')
    .getByRole("button", { name: new RegExp(`^${foldedRepos[0].name}`) })
    .click();
  await expect(crumbs).toContainText(`86 smaller items › ${foldedRepos[0].name}`);
  await crumbs.getByRole("button", { name: "86 smaller items" }).click();
  await page
    .locator('[aria-label="Zoom into"]')
    .getByRole("button", { name: /^46 smaller items/ })
    .click();
  await expect(crumbs.locator('[aria-current="location"]')).toHaveText("46 smaller items");
  await expect(crumbs).toContainText("all images › 86 smaller items › 46 smaller items");
  expect(focusRequests).toBe(2);
  await shot(page, "big-group-nested");

  // Back to the whole host through the breadcrumbs: the first answer is cached, no new request.
  await crumbs.getByRole("button", { name: /all images$/ }).click();
  await expect(crumbs.locator('[aria-current="location"]')).toHaveText(/all images$/);
  await expect(chart.locator(`g[data-node-id="${foldedRepos[0].id}"]`)).toHaveCount(0);
  expect(focusRequests).toBe(2);
});
