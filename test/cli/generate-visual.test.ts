// generate → apply for a project using every visual type: the generated config carries each recipe's
// short form, applying it adopts everything with no write to DSS, and the next plan is empty.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { VISUAL_KEYS } from "../../provider/recipe/visual";
import { startTestDss, TestDss } from "../helpers/emulator";
import { hasPulumi } from "../helpers/pulumiCli";
import { VISUAL_KEY as KEY, visualProject } from "../helpers/visualProject";
import { CliSandbox } from "./helpers";

describe("dataiku-iac: generate then apply, every visual recipe type", function () {
  this.timeout(300_000);
  let dss: TestDss;
  let sandbox: CliSandbox;

  before(async function () {
    if (!hasPulumi()) this.skip();
    dss = await startTestDss();
    // Made outside any Pulumi stack, then one recipe edited by hand on top.
    const project = await visualProject(dss);
    for (const args of project.args.values()) await project.recipes.create(args);
    const doc = await dss.client.recipes.get(KEY, "sort_by_amount");
    const payload = JSON.parse(doc.payload) as Record<string, unknown>;
    payload.rank = true;
    await dss.client.recipes.put(KEY, "sort_by_amount", { ...doc, payload: JSON.stringify(payload) });
    sandbox = CliSandbox.create(dss);
  });
  after(async () => {
    sandbox?.cleanup();
    await dss?.close();
  });

  it("writes each visual recipe's payload as its short form", async () => {
    const result = await sandbox.run(["generate", "-p", KEY, "-c", "gen.yml"]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const config = parse(fs.readFileSync(path.join(sandbox.dir, "gen.yml"), "utf8"));
    const recipes = config.recipes as Array<Record<string, unknown>>;
    assert.equal(recipes.filter((r) => VISUAL_KEYS.some((k) => k in r)).length, 11);
    const byName = Object.fromEntries(recipes.map((r) => [r.name, r]));
    assert.deepEqual(byName.sort_by_amount.sort, { orderBy: [{ column: "amount", desc: true }, { column: "order_id", desc: false }], rowNumber: true, rank: true });
    assert.deepEqual(byName.group_by_country.group, { keys: ["country"], aggregations: { amount: ["sum", "avg"], order_id: ["count_distinct"] }, count: true });
    assert.deepEqual((byName.join_customers.join as { columns: unknown }).columns, { CUSTOMERS: ["name", "segment"] });
    // Filters and computed columns in use have no short form: they come as raw payload keys.
    assert.deepEqual(Object.keys(byName.group_by_country.payload as object), ["postFilter"]);
    assert.equal((byName.group_by_country.payload as { postFilter: { expression: string } }).postFilter.expression, "amount_sum > 100");
    assert.equal(byName.sort_by_amount.payload, undefined, "filters that are off are left out");
  });

  it("apply adopts everything with no write to DSS, and the next plan is empty", async () => {
    const plan = await sandbox.run(["plan", "-c", "gen.yml"]);
    assert.equal(plan.code, 2, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /^Plan: 0 to create, 26 to adopt, 0 to update, 0 to destroy\.$/m);
    dss.emulator.resetStats();
    const applied = await sandbox.run(["apply", "-c", "gen.yml", "--auto-approve"]);
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
    const { byMethod } = dss.emulator.stats();
    assert.equal((byMethod.PUT ?? 0) + (byMethod.DELETE ?? 0), 0, JSON.stringify(dss.emulator.stats().byRoute));
    const after = await sandbox.run(["plan", "-c", "gen.yml"]);
    assert.equal(after.code, 0, after.stdout + after.stderr);
    assert.match(after.stdout, /No changes\. Infrastructure is up-to-date\./);
  });
});
