import { strict as assert } from "assert";
import { canonicalCron, cronOf, parseCron } from "../../provider/scenario/cron";
import { applyScenario, declaredOnly, fromScenario } from "../../provider/scenario/mapping";
import { scenarioArgsSchema } from "../../provider/scenario/schema";
import type { ScenarioDefinition } from "../../provider/client";

describe("scenario: cron expressions <-> DSS's time-based triggers", () => {
  const params = (cron: string) => {
    const parsed = parseCron(cron);
    assert.ok("params" in parsed, JSON.stringify(parsed));
    return parsed.params;
  };

  it("maps each supported form onto one DSS frequency, and back to a canonical spelling", () => {
    assert.deepEqual(params("*/15 * * * *"), { frequency: "Minutely", repeatFrequency: 15 });
    assert.deepEqual(params("30 * * * *"), { frequency: "Hourly", hour: 0, minute: 30, repeatFrequency: 1 });
    assert.deepEqual(params("0 */6 * * *"), { frequency: "Hourly", hour: 0, minute: 0, repeatFrequency: 6 });
    assert.deepEqual(params("5 2 * * *"), { frequency: "Daily", hour: 2, minute: 5, repeatFrequency: 1 });
    assert.deepEqual(params("0 6 * * MON-FRI").daysOfWeek, ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]);
    assert.deepEqual(params("0 6 * * 7,sat").daysOfWeek, ["Sunday", "Saturday"]);
    for (const cron of ["*/15 * * * *", "30 * * * *", "0 */6 * * *", "5 2 * * *", "0 6 * * 1,5"]) {
      assert.equal(cronOf(params(cron)), cron);
    }
    assert.equal(canonicalCron("00 02 * * FRI,MON"), "0 2 * * 1,5");
  });

  it("refuses malformed expressions and the ones DSS cannot run, saying what to write", () => {
    const error = (cron: string) => (parseCron(cron) as { error: string }).error;
    assert.match(error("0 2 * *"), /needs 5 fields/);
    assert.match(error("61 2 * * *"), /minute "61" must be a number from 0 to 59/);
    assert.match(error("0 2 * * FUNDAY"), /day-of-week "FUNDAY"/);
    assert.match(error("0 2 1 * *"), /cannot be a DSS time-based trigger .* use a form such as/);
  });

  it("DSS triggers cron cannot say (monthly, every 2 days) read back as unsupported", () => {
    assert.equal(cronOf({ frequency: "Monthly", hour: 2, minute: 0 }), undefined);
    assert.equal(cronOf({ frequency: "Daily", hour: 2, minute: 0, repeatFrequency: 2 }), undefined);
  });
});

describe("scenario: only declared fields are compared", () => {
  const args = scenarioArgsSchema.parse({
    projectKey: "P", name: "s", active: true,
    steps: [{ build: ["out"] }], triggers: [{ cron: "0 2 * * *" }],
  });

  it("what DSS adds on save (ids, labels, run conditions, jobType, timezone) never shows as a difference", () => {
    const empty: ScenarioDefinition = { id: "s", name: "s", type: "step_based", active: false, params: { steps: [] }, triggers: [] };
    const written = applyScenario(empty, args);
    // DSS's rewrite on save (see provider/emulator/routes/scenarios.ts).
    const saved = structuredClone(written);
    Object.assign(saved.params!.steps![0], { id: "step_1", enabled: true, runConditionType: "RUN_IF_STATUS_MATCH" });
    Object.assign(saved.triggers![0], { id: "t1", name: "Time-based", delay: 5 });
    assert.deepEqual(applyScenario(saved, args), saved, "a second write changes nothing");
    const model = fromScenario(saved);
    assert.deepEqual(declaredOnly(model.steps, args.steps), [{ build: ["out"] }]);
    assert.deepEqual(declaredOnly(model.triggers, args.triggers), [{ cron: "0 2 * * *" }]);
  });

  it("a step DSS holds that the program does not model reads back as `unsupported`, so it shows as drift", () => {
    const def: ScenarioDefinition = {
      id: "s", name: "s", type: "step_based", params: { steps: [{ type: "exec_sql", params: {} }] }, triggers: [],
    };
    assert.deepEqual(declaredOnly(fromScenario(def).steps, args.steps), [{ unsupported: "exec_sql" }]);
  });
});
