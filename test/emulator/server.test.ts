import * as assert from "assert";
import { ErrorTypes } from "../../provider/emulator/errors";
import { KEY, Started, basic, dssError, startTest } from "./helpers";

describe("emulator: transport, auth and errors", () => {
  let t: Started;
  const logs: string[] = [];
  beforeEach(async () => {
    logs.length = 0;
    t = await startTest({ log: (l) => logs.push(l) });
  });
  afterEach(() => t.stop());

  describe("paths and headers", () => {
    it("serves /public/api and /dip/publicapi, with and without trailing slash", async () => {
      await t.dss.createProject("P1");
      for (const p of ["/public/api/projects/P1", "/public/api/projects/P1/", "/dip/publicapi/projects/P1", "/dip/publicapi/projects/P1/"]) {
        const res = await t.dss.raw("GET", p);
        assert.ok(!res.dropped);
        assert.strictEqual(res.status, 200, p);
        assert.strictEqual(res.json.projectKey, "P1");
      }
      const list = await t.dss.raw("GET", "/dip/publicapi/projects");
      assert.ok(!list.dropped);
      assert.deepStrictEqual(list.json.map((p: { projectKey: string }) => p.projectKey), ["P1"]);
    });

    it("sends DSS-Version and DSS-API-Version on successes, errors and admin routes", async () => {
      const replies = [
        await t.dss.call("GET", "/projects/"),
        await t.dss.call("GET", "/projects/NOPE"),
        await t.dss.call("GET", "/projects/", { auth: null }),
        await t.dss.raw("GET", "/__emulator/stats"),
      ];
      for (const res of replies) {
        assert.ok(!res.dropped);
        assert.ok(res.headers["dss-version"], "DSS-Version");
        assert.ok(res.headers["dss-api-version"], "DSS-API-Version");
      }
    });

    it("accepts a JSON body without Content-Type, and with a text Content-Type", async () => {
      await t.dss.call("POST", "/projects/", { body: { projectKey: "NOCT", name: "x" } });
      const res = await t.dss.call("POST", "/projects/", {
        raw: JSON.stringify({ projectKey: "TEXTCT", name: "y" }),
        headers: { "Content-Type": "text/plain" },
      });
      assert.strictEqual(res.status, 200);
      const keys = (await t.dss.ok("GET", "/projects/")).map((p: { projectKey: string }) => p.projectKey);
      assert.deepStrictEqual(keys, ["NOCT", "TEXTCT"]);
    });

    it("reads booleans in any case and rejects other values with a named error", async () => {
      await t.dss.createProject("B1");
      await t.dss.createManaged("B1", "d1");
      const res = await t.dss.call("DELETE", "/projects/B1/datasets/d1?dropData=TRUE");
      assert.strictEqual(res.status, 200);
      assert.strictEqual((await t.dss.dataDir("B1", "d1")).exists, false, "TRUE meant true");
      const bad = await t.dss.call("GET", "/projects/?includeLocation=yes");
      assert.match(dssError(bad, 400, ErrorTypes.illegalArgument).message, /includeLocation=yes.*true or false/);
    });
  });

  describe("authentication", () => {
    it("accepts Basic key:, Basic :key and Bearer", async () => {
      for (const auth of [basic(KEY, ""), basic("", KEY), `Bearer ${KEY}`, `bearer ${KEY}`]) {
        const res = await t.dss.call("GET", "/auth/info", { auth });
        assert.strictEqual(res.status, 200, auth);
        assert.strictEqual(res.json.authIdentifier, "admin");
      }
    });

    it("answers a wrong key with 401 Unknown API Key, and never echoes the key", async () => {
      for (const auth of [basic("wrong", ""), `Bearer wrong`, basic("", "wrong"), "Basic !!!", "Digest abc"]) {
        const res = await t.dss.call("GET", "/projects/", { auth });
        const body = dssError(res, 401, ErrorTypes.notAuthenticated);
        if (auth.includes("wrong")) assert.strictEqual(body.message, "Unknown API Key");
        assert.ok(!res.text.includes("wrong"), "presented key must not be echoed");
      }
    });

    it("answers a missing key with 401 NotAuthenticatedException explaining how to send it", async () => {
      const res = await t.dss.call("GET", "/projects/", { auth: null });
      assert.match(dssError(res, 401, ErrorTypes.notAuthenticated).message, /Authorization header/);
    });

    it("does not apply a request with a wrong key", async () => {
      const res = await t.dss.call("POST", "/projects/", { auth: "Bearer nope", body: { projectKey: "X", name: "x" } });
      assert.strictEqual(res.status, 401);
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/"), []);
    });

    it("never writes the key to the log; logs method, path, status and time", async () => {
      await t.dss.createProject("L1");
      await t.dss.call("GET", "/projects/", { auth: `Bearer ${KEY}` });
      await t.dss.call("GET", "/projects/", { auth: "Bearer another-wrong-key" });
      assert.ok(logs.length >= 3);
      assert.ok(logs.every((l) => !l.includes(KEY) && !l.includes("another-wrong-key")));
      assert.ok(logs.some((l) => /^POST \/public\/api\/projects\/ 200 \d+\.\dms$/.test(l)));
      assert.ok(logs.some((l) => /^GET \/public\/api\/projects\/ 401 /.test(l)));
    });
  });

  describe("errors", () => {
    it("an unknown route answers 404 'unhandled <METHOD> <PATH>' in DSS error JSON", async () => {
      const res = await t.dss.call("GET", "/projects/P/dashboards/");
      assert.strictEqual(dssError(res, 404, ErrorTypes.notFound).message, "unhandled GET /public/api/projects/P/dashboards/");
      const wrongMethod = await t.dss.call("PATCH", "/projects/");
      assert.strictEqual(dssError(wrongMethod, 404, ErrorTypes.notFound).message, "unhandled PATCH /public/api/projects/");
      const noPrefix = await t.dss.raw("GET", "/api/projects/");
      assert.ok(!noPrefix.dropped);
      assert.strictEqual(dssError(noPrefix, 404, ErrorTypes.notFound).message, "unhandled GET /api/projects/");
    });

    it("malformed JSON is a 400 that changes nothing", async () => {
      const res = await t.dss.call("POST", "/projects/", { raw: '{"projectKey": "BAD",' });
      assert.match(dssError(res, 400, ErrorTypes.malformedJson).message, /not valid JSON/);
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/"), []);
    });

    it("wrong body types name the field", async () => {
      const cases: Array<[unknown, RegExp]> = [
        [undefined, /Missing 'body'/],
        [[1, 2], /Invalid 'body': expected a JSON object/],
        ["text", /Invalid 'body'/],
        [{ name: "x" }, /Missing 'projectKey'/],
        [{ projectKey: 7, name: "x" }, /Invalid 'projectKey': expected a string/],
        [{ projectKey: "OK", name: "x", tags: "a" }, /Invalid 'tags': expected an array of strings/],
        [{ projectKey: "OK", name: "x", permissions: [{ admin: true }] }, /permissions\[0\]\.group/],
      ];
      for (const [body, message] of cases) {
        const res = await t.dss.call("POST", "/projects/", { body });
        assert.match(dssError(res, 400, ErrorTypes.illegalArgument).message, message);
      }
      assert.deepStrictEqual(await t.dss.ok("GET", "/projects/"), []);
    });

    it("a badly encoded path segment is a 400, not a crash", async () => {
      const res = await t.dss.call("GET", "/projects/%E0%A4%A");
      assert.match(dssError(res, 400, ErrorTypes.illegalArgument).message, /not validly URL-encoded/);
      assert.strictEqual((await t.dss.call("GET", "/projects/")).status, 200);
    });

    it("URL-encoded names are decoded before lookup", async () => {
      await t.dss.createProject("ENC");
      await t.dss.createManaged("ENC", "with_underscore");
      const res = await t.dss.call("GET", "/projects/%45NC/datasets/with%5Funderscore");
      assert.strictEqual(res.status, 200);
      assert.strictEqual(res.json.name, "with_underscore");
    });
  });
});
