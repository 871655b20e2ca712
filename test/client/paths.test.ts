// Names become exactly one URL path segment each, whatever characters they hold.

import * as assert from "assert";
import { DssApiError } from "../../provider/client";
import { fillRoute, queryString } from "../../provider/client/paths";
import { Stub, rejectionOf, startStub, testClient } from "./stub";

describe("client: path segments", () => {
  let stub: Stub;
  beforeEach(async () => { stub = await startStub(() => ({ body: { name: "x" } })); });
  afterEach(() => stub.close());

  const cases: Array<[string, string]> = [
    ["a/b", "a%2Fb"],
    ["../OTHER", "..%2FOTHER"],
    ["with space", "with%20space"],
    ["né 数据", "n%C3%A9%20%E6%95%B0%E6%8D%AE"],
    ["q?x=1#f", "q%3Fx%3D1%23f"],
    ["%2e%2e", "%252e%252e"],
    ["...", "..."],
  ];
  for (const [name, encoded] of cases) {
    it(`sends ${JSON.stringify(name)} as one segment`, async () => {
      const { client } = testClient(stub.url);
      await client.datasets.get("P K", name);
      await client.recipes.delete("P", name);
      assert.deepStrictEqual(stub.requests.map((r) => r.rawUrl), [
        `/public/api/projects/P%20K/datasets/${encoded}`,
        `/public/api/projects/P/recipes/${encoded}`,
      ]);
      assert.strictEqual(decodeURIComponent(stub.requests[0].rawPath.split("/").pop() ?? ""), name);
    });
  }

  for (const bad of ["", ".", ".."]) {
    it(`refuses ${JSON.stringify(bad)} before sending anything`, async () => {
      const { client } = testClient(stub.url);
      const e = await rejectionOf(client.datasets.delete("P", bad));
      assert.ok(e instanceof DssApiError);
      assert.strictEqual(e.message,
        `Invalid datasetName ${JSON.stringify(bad)} for DELETE /projects/{projectKey}/datasets/{datasetName}: it must be a non-empty string other than "." or ".."`);
      await rejectionOf(client.projects.delete(bad));
      assert.strictEqual(stub.requests.length, 0);
    });
  }

  it("fillRoute and queryString", () => {
    assert.strictEqual(fillRoute("GET", "/a/{x}/b/{y}", { x: "1/2", y: "z" }), "/a/1%2F2/b/z");
    assert.throws(() => fillRoute("GET", "/a/{x}", {}), /Invalid x undefined/);
    assert.strictEqual(queryString({ a: "x y", b: false, c: undefined }), "?a=x+y&b=false");
    assert.strictEqual(queryString({}), "");
  });
});
