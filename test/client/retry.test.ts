// Retries: which failures are repeated, how long the client waits, and how a create whose answer was
// lost still ends with exactly one object. Sleeps are recorded, never waited.

import * as assert from "assert";
import {
  DssApiError, isAlreadyExists, isAmbiguousWrite, isNotFound,
} from "../../provider/client";
import { backoffDelay, parseRetryAfter, retryDelay } from "../../provider/client/retry";
import { NOT_FOUND, RecordedRequest, Stub, StubReply, dssError, rejectionOf, startStub, testClient } from "./stub";

const INJECTED = "com.dataiku.dip.emulator.InjectedFaultException";

/** Replies from a script, one per request; the last entry repeats. */
function scripted(...replies: Array<StubReply | ((req: RecordedRequest) => StubReply)>): (req: RecordedRequest) => StubReply {
  let i = 0;
  return (req) => {
    const next = replies[Math.min(i++, replies.length - 1)];
    return typeof next === "function" ? next(req) : next;
  };
}

describe("client: retries", () => {
  let stub: Stub;
  let handler: (req: RecordedRequest) => StubReply;

  beforeEach(async () => {
    handler = () => ({ body: {} });
    stub = await startStub((req) => handler(req));
  });
  afterEach(() => stub.close());

  const calls = (): string[] => stub.requests.map((r) => `${r.method} ${r.rawPath.replace("/public/api", "")}`);

  describe("idempotent calls", () => {
    for (const status of [500, 502, 503, 504]) {
      it(`GET retries a ${status} with jittered backoff, then succeeds`, async () => {
        handler = scripted(dssError(status, INJECTED, "boom"), dssError(status, INJECTED, "boom"), { body: [{ projectKey: "A" }] });
        const { client, sleeps, logs } = testClient(stub.url, { retryBaseDelayMs: 100 });
        assert.deepStrictEqual(await client.projects.list(), [{ projectKey: "A" }]);
        assert.strictEqual(stub.requests.length, 3);
        // random() is 0.5: half of 100 * 2^0, then half of 100 * 2^1.
        assert.deepStrictEqual(sleeps, [50, 100]);
        assert.deepStrictEqual(logs.map((l) => [l.attempt, l.status]), [[1, status], [2, status], [3, 200]]);
      });
    }

    it("PUT and DELETE retry a 5xx too", async () => {
      handler = scripted(dssError(500, INJECTED, "x"), { status: 200 }, dssError(503, INJECTED, "x"), { status: 200 });
      const { client, sleeps } = testClient(stub.url);
      await client.datasets.put("P", "d", { name: "d" });
      await client.datasets.delete("P", "d");
      assert.deepStrictEqual(calls(), ["PUT /projects/P/datasets/d", "PUT /projects/P/datasets/d",
        "DELETE /projects/P/datasets/d", "DELETE /projects/P/datasets/d"]);
      assert.strictEqual(sleeps.length, 2);
    });

    it("caps the backoff at retryMaxDelayMs", async () => {
      handler = () => dssError(503, INJECTED, "down");
      const { client, sleeps } = testClient(stub.url, { retryBaseDelayMs: 1000, retryMaxDelayMs: 3000, random: () => 0.999 });
      await rejectionOf(client.projects.list());
      assert.deepStrictEqual(sleeps, [999, 1998, 2997, 2997, 2997]);
    });

    it("a dropped connection on GET is retried", async () => {
      handler = scripted({ destroy: true }, { body: { projectKey: "P" } });
      const { client, logs } = testClient(stub.url);
      assert.deepStrictEqual(await client.projects.get("P"), { projectKey: "P" });
      assert.strictEqual(stub.requests.length, 2);
      assert.ok(logs[0].error && /ECONNRESET/.test(logs[0].error), logs[0].error);
    });

    it("exhausted retries end with a clear error naming the call and the attempt count", async () => {
      handler = () => dssError(503, INJECTED, "Injected fault");
      const { client, sleeps } = testClient(stub.url, { maxRetries: 3 });
      const e = await rejectionOf(client.projects.getMetadata("P"));
      assert.ok(e instanceof DssApiError);
      assert.strictEqual(stub.requests.length, 4);
      assert.strictEqual(sleeps.length, 3);
      assert.strictEqual(e.status, 503);
      assert.strictEqual(e.attempts, 4);
      assert.strictEqual(e.retryable, true);
      assert.strictEqual(e.message,
        "DSS failed on GET /projects/P/metadata with 503 Injected fault: DSS or a gateway in front of it is unwell; try again later (gave up after 4 attempts)");
    });

    it("a not-found answer is never retried, even DSS's 500 'does not exist'", async () => {
      handler = () => dssError(500, "java.lang.RuntimeException", "Recipe r does not exist in project P");
      const { client, sleeps } = testClient(stub.url);
      const e = await rejectionOf(client.recipes.get("P", "r"));
      assert.ok(isNotFound(e));
      assert.strictEqual(stub.requests.length, 1);
      assert.deepStrictEqual(sleeps, []);
    });

    it("4xx answers other than 429 are not retried", async () => {
      handler = () => dssError(400, "java.lang.IllegalArgumentException", "Invalid 'columns'");
      const { client } = testClient(stub.url);
      const e = await rejectionOf(client.datasets.putSchema("P", "d", { columns: [] }));
      assert.strictEqual((e as DssApiError).status, 400);
      assert.strictEqual(stub.requests.length, 1);
    });
  });

  describe("429 and Retry-After", () => {
    it("honours Retry-After in seconds on a GET", async () => {
      handler = scripted({ ...dssError(429, "x.TooManyRequestsException", "slow down"), headers: { "retry-after": "2" } }, { body: [] });
      const { client, sleeps } = testClient(stub.url);
      await client.projects.list();
      assert.deepStrictEqual(sleeps, [2000]);
    });

    it("honours Retry-After as an HTTP date", async () => {
      const now = Date.parse("2026-01-01T00:00:00Z");
      handler = scripted({ status: 503, headers: { "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" } }, { body: [] });
      const { client, sleeps } = testClient(stub.url, { now: () => now });
      await client.projects.list();
      assert.deepStrictEqual(sleeps, [7000]);
    });

    it("retries a throttled POST, because DSS applied nothing", async () => {
      handler = scripted({ ...dssError(429, "x.TooManyRequestsException", "slow down"), headers: { "retry-after": "3" } }, { body: "ok" });
      const { client, sleeps } = testClient(stub.url);
      await client.projects.create({ projectKey: "P", name: "p" });
      assert.deepStrictEqual(calls(), ["POST /projects/", "POST /projects/"]);
      assert.deepStrictEqual(sleeps, [3000]);
    });

    it("a burst of 429s longer than maxRetries does not fail the request: DSS is busy, not broken", async () => {
      let throttles = 0;
      handler = (req) =>
        req.method === "POST" && throttles++ < 8
          ? { ...dssError(429, "x.TooManyRequestsException", "slow down"), headers: { "retry-after": "1" } }
          : { status: 200, body: "P" };
      const { client, sleeps } = testClient(stub.url, { maxRetries: 2 });
      await client.projects.create({ projectKey: "P", name: "p" });
      assert.equal(sleeps.length, 8);
    });

    it("stops once the 429 waits add up to maxThrottleWaitMs, with advice on the limits", async () => {
      handler = () => ({ ...dssError(429, "x.TooManyRequestsException", "slow down"), headers: { "retry-after": "1" } });
      const { client, sleeps } = testClient(stub.url, { maxRetries: 0, maxThrottleWaitMs: 2500 });
      const e = await rejectionOf(client.projects.create({ projectKey: "P", name: "p" }));
      assert.deepStrictEqual(sleeps, [1000, 1000]);
      assert.match((e as Error).message, /throttled POST \/projects\/.*lower dataiku:maxConcurrency or dataiku:requestsPerSecond.*after 3 attempts/);
    });
  });

  describe("creates (POST) after an ambiguous failure", () => {
    it("a 500 on POST is not blindly retried: the object exists, so the create succeeded", async () => {
      handler = (req) => req.method === "POST" ? dssError(500, INJECTED, "boom") : { body: { label: "p" } };
      const { client, sleeps } = testClient(stub.url);
      await client.projects.create({ projectKey: "P", name: "p" });
      assert.deepStrictEqual(calls(), ["POST /projects/", "GET /projects/P/metadata"]);
      assert.deepStrictEqual(sleeps, []);
    });

    it("a 502 on POST with nothing created: checks, waits, creates again", async () => {
      let created = false;
      handler = (req) => {
        if (req.method === "POST") {
          if (stub.requests.filter((r) => r.method === "POST").length === 1) return { status: 502, body: "<html>Bad gateway</html>", headers: { "content-type": "text/html" } };
          created = true;
          return { body: {} };
        }
        return created ? { body: { name: "d" } } : dssError(404, NOT_FOUND, "dataset does not exist: P.d");
      };
      const { client, sleeps } = testClient(stub.url);
      await client.datasets.createManaged("P", { name: "d", creationSettings: { connectionId: "fs" } });
      assert.deepStrictEqual(calls(), ["POST /projects/P/datasets/managed", "GET /projects/P/datasets/d", "POST /projects/P/datasets/managed"]);
      assert.deepStrictEqual(sleeps, [125]);
    });

    it("a lost create response ends with exactly one object and no error", async () => {
      const recipes = new Set<string>();
      handler = (req) => {
        if (req.method === "POST") {
          const name = (req.json as { recipePrototype: { name: string } }).recipePrototype.name;
          if (recipes.has(name)) return dssError(400, "java.lang.IllegalArgumentException", `recipe P.${name} already exists`);
          recipes.add(name);
          // Applied, then the connection dies before the answer: the client sees a reset.
          return recipes.size === 1 ? { destroy: true } : { body: { name } };
        }
        if (req.rawPath.endsWith("/recipes/")) return { body: [...recipes].map((name) => ({ name })) };
        const name = decodeURIComponent(req.rawPath.split("/").pop() ?? "");
        return recipes.has(name) ? { body: { recipe: { name, type: "python" }, payload: "" } } : dssError(404, NOT_FOUND, "recipe does not exist");
      };
      const { client } = testClient(stub.url);
      const created = await client.recipes.create("P", { recipePrototype: { type: "python", name: "r1" }, creationSettings: {} });
      assert.deepStrictEqual(created, { name: "r1" });
      assert.deepStrictEqual(calls(), ["POST /projects/P/recipes/", "GET /projects/P/recipes/r1"]);
      assert.deepStrictEqual((await client.recipes.list("P")).map((r) => r.name), ["r1"]);
    });

    it("a POST timeout is ambiguous: checked, not repeated blindly", async () => {
      handler = (req) => req.method === "POST" ? { hang: true } : { body: { name: "d" } };
      const { client } = testClient(stub.url, { timeoutMs: 200 });
      await client.datasets.create("P", { name: "d", type: "Filesystem" });
      assert.deepStrictEqual(calls(), ["POST /projects/P/datasets/", "GET /projects/P/datasets/d"]);
    });

    it("gives up after maxRetries ambiguous rounds, saying nothing was created", async () => {
      handler = (req) => req.method === "POST" ? dssError(503, INJECTED, "down") : dssError(404, NOT_FOUND, "project does not exist: P");
      const { client, sleeps } = testClient(stub.url, { maxRetries: 2 });
      const e = await rejectionOf(client.projects.create({ projectKey: "P", name: "p" }));
      assert.ok(e instanceof DssApiError);
      assert.ok(isAmbiguousWrite(e));
      assert.deepStrictEqual(calls(), ["POST /projects/", "GET /projects/P/metadata", "POST /projects/", "GET /projects/P/metadata",
        "POST /projects/", "GET /projects/P/metadata"]);
      assert.strictEqual(sleeps.length, 2);
      assert.match(e.message, /POST \/projects\/ with 503.*still absent after 3 attempts, so nothing was created/);
    });

    it("a failing existence check says the state is unknown", async () => {
      handler = (req) => req.method === "POST" ? { destroy: true } : dssError(403, "x.UnauthorizedException", "no rights");
      const { client } = testClient(stub.url);
      const e = await rejectionOf(client.datasets.create("P", { name: "d" }));
      assert.match((e as Error).message, /broke during POST \/projects\/P\/datasets\/.*checking whether the object was created anyway also failed.*may or may not exist/);
    });

    it("first-attempt 'already exists' is an isAlreadyExists error, not adopted", async () => {
      handler = () => dssError(400, "java.lang.IllegalArgumentException", "Project P already exists: choose another key");
      const { client } = testClient(stub.url);
      const e = await rejectionOf(client.projects.create({ projectKey: "P", name: "p" }));
      assert.ok(isAlreadyExists(e));
      assert.deepStrictEqual(calls(), ["POST /projects/"]);
      assert.match((e as Error).message, /already exists.*adopt the existing object or choose another name/);
    });

    it("a second-round 'already exists' is our own first attempt landing late", async () => {
      let posts = 0;
      handler = (req) => {
        if (req.method === "POST") {
          posts++;
          return posts === 1 ? dssError(504, INJECTED, "gateway timeout") : dssError(409, "x.Conflict", "already exists");
        }
        // Absent at the first check, present once the late create has landed.
        return posts === 1 ? dssError(404, NOT_FOUND, "dataset does not exist") : { body: { name: "d" } };
      };
      const { client } = testClient(stub.url);
      await client.datasets.create("P", { name: "d" });
      assert.deepStrictEqual(calls(), ["POST /projects/P/datasets/", "GET /projects/P/datasets/d",
        "POST /projects/P/datasets/", "GET /projects/P/datasets/d"]);
    });

    it("a refused connection is retried even for a POST: nothing was sent", async () => {
      const port = new URL(stub.url).port;
      await stub.close();
      const { client, sleeps } = testClient(`http://127.0.0.1:${port}`, { maxRetries: 2 });
      const e = await rejectionOf(client.projects.create({ projectKey: "P", name: "p" }));
      assert.ok(e instanceof DssApiError);
      assert.strictEqual(e.networkCode, "ECONNREFUSED");
      assert.strictEqual(e.attempts, 3);
      assert.strictEqual(sleeps.length, 2);
      assert.match(e.message, /^Could not connect to DSS at http:\/\/127\.0\.0\.1:\d+ for POST \/projects\/ \(ECONNREFUSED\): check dataiku:url/);
      stub = await startStub(() => ({}));
    });
  });
});

describe("client: retry arithmetic", () => {
  const settings = { retryBaseDelayMs: 250, retryMaxDelayMs: 10_000, random: () => 1 - Number.EPSILON };

  it("backs off exponentially with full jitter up to the cap", () => {
    assert.deepStrictEqual([0, 1, 2, 3, 6].map((i) => backoffDelay(i, settings)), [249, 499, 999, 1999, 9999]);
    assert.strictEqual(backoffDelay(3, { ...settings, random: () => 0 }), 0);
  });

  it("reads Retry-After seconds and dates, ignoring garbage", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    assert.strictEqual(parseRetryAfter("5", now), 5000);
    assert.strictEqual(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now), 30_000);
    assert.strictEqual(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now), 0);
    assert.strictEqual(parseRetryAfter("soon", now), undefined);
    assert.strictEqual(parseRetryAfter(undefined, now), undefined);
  });

  it("prefers Retry-After to backoff, within a one-minute ceiling", () => {
    const failure = (retryAfterMs?: number) => new DssApiError("x", { method: "GET", path: "/", status: 429, retryable: true, retryAfterMs });
    assert.strictEqual(retryDelay(0, failure(4000), settings), 4000);
    assert.strictEqual(retryDelay(0, failure(3_600_000), settings), 60_000);
    assert.strictEqual(retryDelay(1, failure(), settings), 499);
  });
});
