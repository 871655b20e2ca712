// Error classification, wording, and the API key's absence from everything a user or log can see.

import * as assert from "assert";
import * as util from "util";
import {
  DssApiError, DssClient, isAlreadyExists, isAmbiguousWrite, isAuthError, isNotFound,
} from "../../provider/client";
import { NOT_FOUND, Stub, StubReply, TEST_KEY, dssError, rejectionOf, startStub, testClient } from "./stub";

const BASIC = Buffer.from(`${TEST_KEY}:`).toString("base64");

function err(fields: Partial<ConstructorParameters<typeof DssApiError>[1]>): DssApiError {
  return new DssApiError("x", { method: "GET", path: "/p", retryable: false, ...fields });
}

/** Every way a thrown object or client can be looked at, as one string. */
function everyView(value: unknown): string {
  const views = [
    JSON.stringify(value),
    util.inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    util.format("%o", value),
    String(value),
  ];
  if (value instanceof Error) views.push(value.stack ?? "", value.message);
  if (value && typeof value === "object") {
    views.push(Object.keys(value).join(","), Object.getOwnPropertyNames(value).join(","));
    for (const key of Object.keys(value)) views.push(util.inspect((value as Record<string, unknown>)[key], { depth: Infinity, showHidden: true }));
  }
  return views.join("\n");
}

function assertNoKey(value: unknown): void {
  const seen = everyView(value);
  assert.ok(!seen.includes(TEST_KEY), "the API key leaked");
  assert.ok(!seen.includes(BASIC), "the encoded Authorization header leaked");
}

describe("client: error classification", () => {
  it("isNotFound: 404, NotFoundException, and DSS's 5xx 'does not exist' habit", () => {
    assert.ok(isNotFound(err({ status: 404 })));
    assert.ok(isNotFound(err({ status: 404, errorType: NOT_FOUND, dssMessage: "dataset does not exist: P.d" })));
    assert.ok(isNotFound(err({ status: 500, errorType: NOT_FOUND })));
    assert.ok(isNotFound(err({ status: 500, errorType: "java.lang.RuntimeException", dssMessage: "Recipe r does not exist in project P" })));
    assert.ok(isNotFound(err({ status: 500, dssMessage: "PYTHON env X doesn't exist" })));
    assert.ok(isNotFound(err({ status: 502, dssMessage: "Object not found" })));
    assert.ok(!isNotFound(err({ status: 500, dssMessage: "NullPointerException" })));
    assert.ok(!isNotFound(err({ status: 400, dssMessage: "Input 'x' of recipe 'r' does not exist" })), "about another object");
    assert.ok(!isNotFound(err({ status: 404, nonJsonBody: "text/html", dssMessage: "Not Found" })), "a gateway's 404 page is no DSS answer");
    assert.ok(!isNotFound(err({ status: 401, errorType: "com.dataiku.dip.exceptions.UnauthorizedException" })));
    assert.ok(!isNotFound(err({ networkCode: "ECONNRESET" })));
    assert.ok(!isNotFound(new Error("does not exist")));
  });

  it("isAlreadyExists: 409 or an 'already exists' answer", () => {
    assert.ok(isAlreadyExists(err({ status: 409 })));
    assert.ok(isAlreadyExists(err({ status: 400, errorType: "java.lang.IllegalArgumentException", dssMessage: "Project P already exists" })));
    assert.ok(isAlreadyExists(err({ status: 500, dssMessage: "project key is invalid, either incorrect or already used" })));
    assert.ok(!isAlreadyExists(err({ status: 400, dssMessage: "Invalid 'name'" })));
    assert.ok(!isAlreadyExists(err({ networkCode: "ECONNRESET" })));
  });

  it("isAuthError: 401, 403 and DSS's authentication exceptions", () => {
    assert.ok(isAuthError(err({ status: 401 })));
    assert.ok(isAuthError(err({ status: 403 })));
    assert.ok(isAuthError(err({ status: 500, errorType: "com.dataiku.dip.exceptions.UnauthorizedException" })));
    assert.ok(!isAuthError(err({ status: 404 })));
  });

  it("isAmbiguousWrite: only POSTs that may have been applied", () => {
    const post = (f: Partial<ConstructorParameters<typeof DssApiError>[1]>) => err({ method: "POST", ...f });
    assert.ok(isAmbiguousWrite(post({ status: 500, errorType: "x.InjectedFaultException" })));
    assert.ok(isAmbiguousWrite(post({ status: 502 })));
    assert.ok(isAmbiguousWrite(post({ networkCode: "ECONNRESET" })));
    assert.ok(isAmbiguousWrite(post({ networkCode: "ETIMEDOUT" })));
    assert.ok(!isAmbiguousWrite(post({ networkCode: "ECONNREFUSED" })), "refused: nothing was sent");
    assert.ok(!isAmbiguousWrite(post({ status: 429 })));
    assert.ok(!isAmbiguousWrite(post({ status: 400 })));
    assert.ok(!isAmbiguousWrite(post({ status: 500, dssMessage: "project does not exist: P" })), "a recognisable rejection");
    assert.ok(!isAmbiguousWrite(post({ status: 500, errorType: "java.lang.IllegalArgumentException" })));
    assert.ok(!isAmbiguousWrite(err({ status: 500 })), "GET is idempotent");
    assert.ok(!isAmbiguousWrite(err({ method: "PUT", networkCode: "ECONNRESET" })));
  });
});

describe("client: error messages and the API key", () => {
  let stub: Stub;
  let reply: () => StubReply;

  beforeEach(async () => {
    reply = () => ({ body: {} });
    stub = await startStub(() => reply());
  });
  afterEach(() => stub.close());

  it("a wrong key says so, names the setting, and carries no key", async () => {
    reply = () => dssError(401, "com.dataiku.dip.exceptions.NotAuthenticatedException", "Unknown API Key");
    const { client, logs } = testClient(stub.url);
    const e = await rejectionOf(client.projects.list());
    assert.ok(e instanceof DssApiError);
    assert.strictEqual(e.message, "DSS rejected the API key (401 Unknown API Key) on GET /projects/: check dataiku:apiKey / DATAIKU_API_KEY");
    assert.ok(isAuthError(e));
    assert.strictEqual(stub.requests.length, 1, "auth failures are not retried");
    assertNoKey(e);
    assertNoKey(logs);
  });

  it("builds a fresh error: no axios config, request or headers inside", async () => {
    reply = () => dssError(500, "java.lang.RuntimeException", "boom");
    const { client } = testClient(stub.url, { maxRetries: 0 });
    const e = await rejectionOf(client.datasets.get("P", "d"));
    assert.ok(e instanceof DssApiError);
    assert.deepStrictEqual(Object.keys(e).sort(), [
      "attempts", "dssMessage", "errorType", "method", "name", "networkCode", "nonJsonBody", "path", "retryAfterMs",
      "retryable", "status",
    ]);
    for (const field of ["config", "request", "response", "headers", "cause", "toJSON"]) assert.ok(!(field in e), field);
    assert.strictEqual(e.path, "/projects/P/datasets/d");
    assertNoKey(e);
  });

  it("redacts the key when a server echoes it back", async () => {
    reply = () => dssError(500, "x.Echo", `bad header Basic ${BASIC} for key ${TEST_KEY}`);
    const { client, logs } = testClient(stub.url, { maxRetries: 1 });
    const e = await rejectionOf(client.projects.list());
    assert.match((e as DssApiError).dssMessage ?? "", /^bad header \*\*\* for key \*\*\*$/);
    assertNoKey(e);
    assertNoKey(logs);
  });

  it("network errors carry no key either", async () => {
    reply = () => ({ destroy: true });
    const { client, logs } = testClient(stub.url, { maxRetries: 1 });
    const e = await rejectionOf(client.projects.create({ projectKey: "P", name: "p" }));
    assertNoKey(e);
    assertNoKey(logs);
  });

  it("log events describe each attempt without the key or the query string", async () => {
    reply = () => ({ body: { hasResult: true } });
    const { client, logs } = testClient(stub.url);
    await client.projects.delete("P");
    assert.strictEqual(logs.length, 1);
    const { durationMs, ...rest } = logs[0];
    assert.strictEqual(typeof durationMs, "number");
    assert.deepStrictEqual(rest, { method: "DELETE", path: "/projects/P", status: 200, attempt: 1 });
    assertNoKey(logs);
  });

  it("the key is not reachable from the client object", () => {
    const { client } = testClient(stub.url);
    assertNoKey(client);
    assertNoKey(client.projects);
    assert.deepStrictEqual(Object.keys(client).sort(), ["connections", "datasets", "folders", "projects", "recipes", "scenarios"]);
  });

  it("a gateway's HTML page is described as such, with a tag-free excerpt", async () => {
    reply = () => ({
      status: 404, headers: { "content-type": "text/html; charset=utf-8" },
      body: "<html><head><style>p{}</style></head><body><h1>404 Not Found</h1><p>nginx</p></body></html>",
    });
    const { client } = testClient(stub.url);
    const e = await rejectionOf(client.projects.getMetadata("P"));
    assert.ok(e instanceof DssApiError);
    assert.ok(!isNotFound(e), "an HTML 404 must not read as 'the project is gone'");
    assert.strictEqual(e.message,
      'DSS, or a gateway in front of it, answered GET /projects/P/metadata with 404 and a text/html body instead of DSS\'s JSON ("404 Not Found nginx"): check that dataiku:url / DATAIKU_DSS_URL points at DSS and that DSS is up');
  });

  it("a not-found, a refusal and a permission error each say what happened", async () => {
    const { client } = testClient(stub.url);
    reply = () => dssError(404, NOT_FOUND, "dataset does not exist: P.d");
    assert.strictEqual((await rejectionOf(client.datasets.get("P", "d")) as Error).message,
      "DSS says the object does not exist (404 dataset does not exist: P.d) on GET /projects/P/datasets/d");
    reply = () => dssError(400, "java.lang.IllegalArgumentException", "Invalid 'params.connection': expected a string");
    assert.strictEqual((await rejectionOf(client.datasets.put("P", "d", { name: "d" })) as Error).message,
      "DSS refused PUT /projects/P/datasets/d with 400 Invalid 'params.connection': expected a string [IllegalArgumentException]: fix what the message names and retry");
    reply = () => dssError(401, "com.dataiku.dip.exceptions.UnauthorizedException", "Failed to read project permissions");
    assert.match((await rejectionOf(client.projects.getPermissions("P")) as Error).message,
      /^DSS refused GET \/projects\/P\/permissions \(401 Failed to read project permissions\): the API key lacks the rights/);
  });

  it("a redirect is reported, not followed", async () => {
    reply = () => ({ status: 302, headers: { location: "https://elsewhere.example/login?token=abc" } });
    const { client } = testClient(stub.url);
    const e = await rejectionOf(client.projects.list());
    assert.strictEqual((e as Error).message,
      "DSS redirected GET /projects/ (302) to https://elsewhere.example/login: set dataiku:url / DATAIKU_DSS_URL to the address DSS answers on");
    assert.strictEqual(stub.requests.length, 1);
  });

  it("a timeout names the limit to raise", async () => {
    reply = () => ({ hang: true });
    const { client } = testClient(stub.url, { timeoutMs: 100, maxRetries: 0 });
    const e = await rejectionOf(client.projects.list());
    assert.match((e as Error).message, /^DSS at http:\/\/127\.0\.0\.1:\d+ did not answer GET \/projects\/ within 100 ms \(ETIMEDOUT\): check DSS's load, or raise dataiku:timeoutMs \/ DATAIKU_TIMEOUT_MS$/);
  });

  it("a slow trickle of bytes still ends at the per-request deadline", async () => {
    reply = () => ({ trickleMs: 20 });
    const { client } = testClient(stub.url, { timeoutMs: 150, maxRetries: 0 });
    const e = await rejectionOf(client.projects.list());
    assert.strictEqual((e as DssApiError).networkCode, "ETIMEDOUT");
  });

  it("bad options are refused at construction with the setting to fix, never echoing the key", () => {
    assert.throws(() => new DssClient({ url: "", apiKey: "k" }), /The DSS URL is empty: set dataiku:url/);
    assert.throws(() => new DssClient({ url: "dss.example.com", apiKey: "k" }), /not a valid URL/);
    assert.throws(() => new DssClient({ url: "ftp://dss", apiKey: "k" }), /must start with http:\/\/ or https:\/\//);
    assert.throws(() => new DssClient({ url: "https://u:pw@dss", apiKey: "k" }), (e: Error) => /must not contain a user name/.test(e.message) && !e.message.includes("pw"));
    assert.throws(() => new DssClient({ url: "https://dss", apiKey: " " }), /API key is empty: set dataiku:apiKey/);
    assert.throws(() => new DssClient({ url: "https://dss", apiKey: TEST_KEY, maxConcurrency: 1.5 }), /maxConcurrency must be a whole number/);
    assert.throws(() => new DssClient({ url: "https://dss", apiKey: TEST_KEY, timeoutMs: -1 }), (e: Error) => /timeoutMs/.test(e.message) && !e.message.includes(TEST_KEY));
  });
});
