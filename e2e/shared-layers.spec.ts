import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/admin";

// The same layer on many hosts: three hosts seeded through Ballast's store (e2e/support/seedFleet.mts)
// share the debian-12 base layer (80 MB each) and carry two versions of the debian image.
const seed = (mode: "seed" | "remove") =>
  execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/support/seedFleet.mts", mode, "3"], { encoding: "utf8" });

test.afterAll(() => void seed("remove"));

test("the shared-layers view lists the base layer three hosts have in common, with copies × bytes", async ({ page }) => {
  seed("seed");
  await signIn(page);
  await page.goto("/fleet/shared-layers");
  await expect(page.getByText("Hosts cannot share layer storage")).toBeVisible();
  const base = page.getByRole("table", { name: "Layers on several hosts" }).getByRole("row").filter({ hasText: "RUN make debian-12" }).first();
  await expect(base.getByRole("cell").nth(2)).toHaveText("3");
  await expect(base.getByRole("cell").nth(3)).toHaveText("80.0 MB");
  await expect(base.getByRole("cell").nth(4)).toHaveText("240 MB");
  await expect(base).toContainText("fleet-01 (app-0:latest, debian:12.0)");
  const versions = page.getByRole("region", { name: "Images in several versions" });
  await expect(versions).toContainText("debian: 2 versions on 3 hosts");
});
