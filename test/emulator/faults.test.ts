import * as assert from "assert";
import { FaultInjector } from "../../provider/emulator/faults";
import { ErrorTypes } from "../../provider/emulator/errors";
import { API, Res, Started, dssError, startTest } from "./helpers";

describe("emulator: fault injection", () => {
  describe("FaultInjector (unit)", () => {
    it("times: fires on the next N selected requests, then stops", () => {
      const f = new FaultInjector({ rules: [{ fault: "error", status: 503, times: 2 }] });
      const got = [1, 2, 3].map(() => f.decide("GET", "GET /projects/")?.status);
      assert.deepStrictEqual(got, [503, 503, undefined]);
      assert.strictEqual(f.describe().rules[0].remaining, 0);
    });

    it("rate: the same seed gives the same sequence; another seed differs", () => {
      const run = (seed: number) => {
        const f = new FaultInjector({ seed, rules: [{ fault: "error", rate: 0.5 }] });
        return Array.from({ length: 40 }, () => (f.decide("GET", "GET /projects/") ? 1 : 0)).join("");
      };
      assert.strictEqual(run(7), run(7));
      assert.notStrictEqual(run(7), run(8));
      const fired = run(7).split("").filter((c) => c === "1").length;
      assert.ok(fired > 5 && fired < 35, `rate 0.5 fired ${fired}/40`);
    });

    it("rate and times combine: at most N firings", () => {
      const f = new FaultInjector({ seed: 3, rules: [{ fault: "drop", rate: 0.9, times: 2 }] });
      const fired = Array.from({ length: 50 }, () => f.decide("GET", "GET /x")).filter(Boolean).length;
      assert.strictEqual(fired, 2);
    });

    it("selects by method and by route template, with or without method prefix and trailing slash", () => {
      const f = new FaultInjector({
        rules: [
          { fault: "throttle", method: "post", route: "POST /projects/{projectKey}/datasets/managed" },
          { fault: "error", route: "/projects/{projectKey}" },
          { fault: "drop", method: "DELETE", route: "DELETE /projects" },
        ],
      });
      assert.strictEqual(f.decide("POST", "POST /projects/{projectKey}/datasets/managed")?.kind, "throttle");
      assert.strictEqual(f.decide("GET", "GET /projects/{projectKey}/datasets/managed"), undefined);
      assert.strictEqual(f.decide("PUT", "PUT /projects/{projectKey}")?.kind, "error");
      assert.strictEqual(f.decide("DELETE", "DELETE /projects/")?.kind, "drop");
      assert.strictEqual(f.decide("GET", "GET /projects/"), undefined);
    });

    it("refuses bad configs, naming the field", () => {
      const bad: Array<[unknown, RegExp]> = [
        [{ rules: [{ fault: "explode" }] }, /rules\[0\]\.fault/],
        [{ rules: [{ fault: "error", status: 200 }] }, /rules\[0\]\.status/],
        [{ rules: [{ fault: "error", rate: 2 }] }, /rules\[0\]\.rate/],
        [{ rules: [{ fault: "error", times: -1 }] }, /rules\[0\]\.times/],
        [{ latencyMs: "slow" }, /latencyMs/],
        [{ rules: {} }, /'rules'/],
      ];
      for (const [config, message] of bad) assert.throws(() => new FaultInjector(config as never), message);
    });
  });

  describe("over HTTP", () => {
    let t: Started;
    const sleeps: number[] = [];
    beforeEach(async () => {
      sleeps.length = 0;
      t = await startTest({}, { sleep: async (ms) => void sleeps.push(ms) });
      await t.dss.createProject("P");
    });
    afterEach(() => t.stop());

    const putFaults = async (config: unknown) => {
      const res = await t.dss.raw("PUT", "/__emulator/faults", { body: config });
      assert.ok(!res.dropped);
      assert.strictEqual(res.status, 200, res.text);
      return res.json;
    };
    const createDs = (name: string) =>
      t.dss.raw("POST", `${API}/projects/P/datasets/managed`, { body: { name, creationSettings: { connectionId: "filesystem_managed" } } });
    const datasetNames = async () => (await t.dss.ok("GET", "/projects/P/datasets/")).map((d: { name: string }) => d.name);

    it("error: answers the status in DSS error JSON and does not apply the request", async () => {
      await putFaults({ rules: [{ method: "POST", route: "POST /projects/{projectKey}/datasets/managed", fault: "error", status: 503, times: 2 }] });
      for (const attempt of [1, 2]) {
        const res = (await createDs("d")) as Res;
        assert.match(dssError(res, 503, ErrorTypes.injectedFault).message, /Injected fault/, `attempt ${attempt}`);
        assert.deepStrictEqual(await datasetNames(), []);
      }
      assert.strictEqual(((await createDs("d")) as Res).status, 200);
      assert.deepStrictEqual(await datasetNames(), ["d"]);
      assert.strictEqual(t.emu.stats().faultsInjected.error, 2);
    });

    it("throttle: 429 with Retry-After, not applied", async () => {
      await putFaults({ rules: [{ fault: "throttle", retryAfterSeconds: 3, times: 1 }] });
      const res = (await createDs("d")) as Res;
      dssError(res, 429, ErrorTypes.throttled);
      assert.strictEqual(res.headers["retry-after"], "3");
      assert.deepStrictEqual(await datasetNames(), []);
      assert.strictEqual(t.emu.stats().faultsInjected.throttle, 1);
    });

    it("drop: the socket is destroyed and the request is not applied", async () => {
      await putFaults({ rules: [{ fault: "drop", method: "POST", times: 1 }] });
      const res = await createDs("d");
      assert.strictEqual(res.dropped, true);
      assert.deepStrictEqual(await datasetNames(), []);
      assert.strictEqual(t.emu.stats().faultsInjected.drop, 1);
    });

    it("lostResponse: the request is applied and persisted, but no answer comes back", async () => {
      await putFaults({ rules: [{ fault: "lostResponse", method: "POST", times: 1 }] });
      const res = await createDs("d");
      assert.strictEqual(res.dropped, true);
      assert.deepStrictEqual(await datasetNames(), ["d"]);
      const again = (await createDs("d")) as Res;
      assert.match(dssError(again, 400, ErrorTypes.illegalArgument).message, /already exists/);
      assert.strictEqual(t.emu.stats().faultsInjected.lostResponse, 1);
    });

    it("latencyMs delays every public request (through the injected sleep), not admin routes", async () => {
      await putFaults({ latencyMs: 20 });
      await t.dss.ok("GET", "/projects/");
      await t.dss.ok("GET", "/projects/P");
      await t.dss.raw("GET", "/__emulator/stats");
      assert.deepStrictEqual(sleeps, [20, 20]);
    });

    it("GET shows the config with remaining counts; DELETE clears; setFaults/clearFaults do the same", async () => {
      await putFaults({ seed: 5, rules: [{ fault: "error", times: 2 }, { fault: "drop", rate: 0.1 }] });
      await t.dss.call("GET", "/projects/");
      const shown = await t.dss.raw("GET", "/__emulator/faults");
      assert.ok(!shown.dropped);
      assert.deepStrictEqual(shown.json, { seed: 5, rules: [{ fault: "error", times: 2, remaining: 1 }, { fault: "drop", rate: 0.1 }] });
      const cleared = await t.dss.raw("DELETE", "/__emulator/faults");
      assert.ok(!cleared.dropped);
      assert.deepStrictEqual(cleared.json, { rules: [] });
      assert.strictEqual((await t.dss.call("GET", "/projects/")).status, 200);

      t.emu.setFaults({ rules: [{ fault: "error", status: 502 }] });
      assert.strictEqual((await t.dss.call("GET", "/projects/")).status, 502);
      t.emu.clearFaults();
      assert.strictEqual((await t.dss.call("GET", "/projects/")).status, 200);
    });

    it("a bad PUT is a 400 naming the field and keeps the previous config", async () => {
      await putFaults({ rules: [{ fault: "error", times: 1 }] });
      const res = await t.dss.raw("PUT", "/__emulator/faults", { body: { rules: [{ fault: "error", status: 99 }] } });
      assert.ok(!res.dropped);
      assert.match(dssError(res, 400, ErrorTypes.illegalArgument).message, /rules\[0\]\.status/);
      assert.strictEqual((await t.dss.call("GET", "/projects/")).status, 500, "the earlier rule still applies");
    });

    it("faults given at start apply from the first request", async () => {
      const s = await startTest({ faults: { rules: [{ fault: "error", status: 500, times: 1 }] } });
      try {
        assert.strictEqual((await s.dss.call("GET", "/projects/")).status, 500);
        assert.strictEqual((await s.dss.call("GET", "/projects/")).status, 200);
      } finally {
        await s.stop();
      }
      await assert.rejects(startTest({ faults: { rules: [{ fault: "nope" as never }] } }), /Invalid emulator faults option/);
    });
  });

  describe("stats", () => {
    let t: Started;
    beforeEach(async () => {
      t = await startTest();
    });
    afterEach(() => t.stop());

    it("counts every public request by method and route template, faulted ones too, not admin routes", async () => {
      await t.dss.createProject("P");
      await t.dss.call("GET", "/projects/P/datasets/a");
      await t.dss.raw("GET", "/dip/publicapi/projects/P/datasets/b/");
      await t.dss.call("GET", "/projects/", { auth: null });
      await t.dss.call("GET", "/no/such/route");
      t.emu.setFaults({ rules: [{ fault: "drop", times: 1 }] });
      await t.dss.raw("PUT", `${API}/projects/P/metadata`, { body: {} });
      await t.dss.raw("GET", "/__emulator/faults");
      await t.dss.raw("GET", "/__emulator/stats");

      const res = await t.dss.raw("GET", "/__emulator/stats");
      assert.ok(!res.dropped);
      assert.deepStrictEqual(res.json, {
        total: 6,
        byMethod: { POST: 1, GET: 4, PUT: 1 },
        byRoute: {
          "POST /projects/": 1,
          "GET /projects/{projectKey}/datasets/{datasetName}": 2,
          "GET /projects/": 1,
          "GET (unhandled)": 1,
          "PUT /projects/{projectKey}/metadata": 1,
        },
        faultsInjected: { error: 0, throttle: 0, drop: 1, lostResponse: 0 },
      });
      assert.deepStrictEqual(t.emu.stats(), res.json);
    });

    it("DELETE /__emulator/stats and resetStats() reset the counters", async () => {
      await t.dss.call("GET", "/projects/");
      const reset = await t.dss.raw("DELETE", "/__emulator/stats");
      assert.ok(!reset.dropped);
      assert.strictEqual(reset.json.total, 0);
      await t.dss.call("GET", "/projects/");
      assert.strictEqual(t.emu.stats().total, 1);
      t.emu.resetStats();
      assert.deepStrictEqual(t.emu.stats(), { total: 0, byMethod: {}, byRoute: {}, faultsInjected: { error: 0, throttle: 0, drop: 0, lostResponse: 0 } });
    });

    it("stats() returns a snapshot that later requests do not change", async () => {
      const snap = t.emu.stats();
      await t.dss.call("GET", "/projects/");
      assert.strictEqual(snap.total, 0);
    });
  });
});
