// Concurrency and rate limits, counted where they matter: at the server and in the recorded sleeps.

import * as assert from "assert";
import { RateLimiter, Semaphore } from "../../provider/client/limiter";
import { Stub, StubReply, startStub, testClient } from "./stub";

describe("client: limits", () => {
  let stub: Stub;
  afterEach(() => stub?.close());

  it("never has more than maxConcurrency requests in flight, and uses all of them", async () => {
    const limit = 3;
    const total = 10;
    let inFlight = 0;
    let maxInFlight = 0;
    let answered = 0;
    const held: Array<() => void> = [];
    // Holds each request until `limit` are waiting (or every remaining one is), then answers one: a
    // client that ignored the limit would be seen with more than `limit` in flight.
    const releaseIfFull = (): void => {
      if (held.length === limit || held.length === total - answered) {
        answered++;
        held.shift()?.();
      }
    };
    stub = await startStub(() => new Promise<StubReply>((resolve) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      held.push(() => {
        inFlight--;
        resolve({ body: { projectKey: "P" } });
        setImmediate(releaseIfFull);
      });
      releaseIfFull();
    }));
    const { client } = testClient(stub.url, { maxConcurrency: limit });
    const results = await Promise.all(Array.from({ length: total }, () => client.projects.get("P")));
    assert.strictEqual(results.length, total);
    assert.strictEqual(stub.requests.length, total);
    assert.strictEqual(maxInFlight, limit);
  });

  it("spaces requests evenly at requestsPerSecond, with no burst: no second holds more than that", async () => {
    stub = await startStub(() => ({ body: [] }));
    let clock = 0;
    const sleeps: number[] = [];
    const { client } = testClient(stub.url, {
      requestsPerSecond: 2,
      now: () => clock,
      sleep: async (ms) => { sleeps.push(ms); clock += ms; },
    });
    for (let i = 0; i < 5; i++) await client.projects.list();
    // One request per 500 ms from the first on: t = 0, 500, 1000, 1500, 2000.
    assert.deepStrictEqual(sleeps, [500, 500, 500, 500]);
    assert.strictEqual(stub.requests.length, 5);
  });
});

describe("client: limiter units", () => {
  it("Semaphore hands a freed slot to the longest waiter", async () => {
    const sem = new Semaphore(1);
    const order: string[] = [];
    const releaseA = await sem.acquire();
    const b = sem.acquire().then((release) => { order.push("b"); return release; });
    const c = sem.acquire().then((release) => { order.push("c"); return release; });
    order.push("a done");
    releaseA();
    releaseA(); // a second release of the same slot is ignored
    (await b)();
    (await c)();
    assert.deepStrictEqual(order, ["a done", "b", "c"]);
  });

  it("RateLimiter waits only for the part of the interval not yet elapsed", async () => {
    let clock = 1000;
    const sleeps: number[] = [];
    const limiter = new RateLimiter(1, () => clock, async (ms) => { sleeps.push(ms); clock += ms; });
    await limiter.take();
    clock += 300;
    await limiter.take();
    clock += 5000;
    await limiter.take();
    assert.deepStrictEqual(sleeps, [700]);
  });
});
