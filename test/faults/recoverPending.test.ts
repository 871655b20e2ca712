// scripts/recover-pending: which objects a killed run's state asks us to adopt.
import { strict as assert } from "assert";
import { adoptIdsFromExport, PendingOperation } from "../../scripts/recover-pending";

const op = (type: string, resourceType: string, inputs: Record<string, unknown>): PendingOperation => ({
  type,
  resource: { urn: `urn:pulumi:dev::p::${resourceType}::x`, type: resourceType, inputs },
});

describe("recover-pending: adopt ids from pending operations", () => {
  it("turns pending creates of each kind into project:/dataset:/recipe: ids, sorted", () => {
    const ids = adoptIdsFromExport({
      deployment: {
        pending_operations: [
          op("creating", "pulumi-nodejs:dynamic/dataiku:Recipe", { projectKey: "P", name: "r_1" }),
          op("creating", "pulumi-nodejs:dynamic/dataiku:Dataset", { projectKey: "P", name: "DS_1" }),
          op("creating", "pulumi-nodejs:dynamic/dataiku:Project", { projectKey: "P", name: "Project P" }),
        ],
      },
    });
    assert.deepEqual(ids, ["dataset:P.DS_1", "project:P", "recipe:P.r_1"]);
  });

  it("ignores pending updates and deletes (refresh settles them) and other resource types", () => {
    const ids = adoptIdsFromExport({
      deployment: {
        pending_operations: [
          op("updating", "pulumi-nodejs:dynamic/dataiku:Dataset", { projectKey: "P", name: "DS_1" }),
          op("deleting", "pulumi-nodejs:dynamic/dataiku:Recipe", { projectKey: "P", name: "r_1" }),
          op("creating", "aws:s3/bucket:Bucket", { projectKey: "P", name: "b" }),
        ],
      },
    });
    assert.deepEqual(ids, []);
  });

  it("skips entries whose inputs lack the natural key, and lists a repeated object once", () => {
    const ids = adoptIdsFromExport({
      deployment: {
        pending_operations: [
          op("creating", "pulumi-nodejs:dynamic/dataiku:Dataset", { projectKey: "P" }),
          op("creating", "pulumi-nodejs:dynamic/dataiku:Dataset", { name: "DS_1" }),
          op("creating", "pulumi-nodejs:dynamic/dataiku:Dataset", { projectKey: "P", name: "DS_2" }),
          op("creating", "pulumi-nodejs:dynamic/dataiku:Dataset", { projectKey: "P", name: "DS_2" }),
        ],
      },
    });
    assert.deepEqual(ids, ["dataset:P.DS_2"]);
  });

  it("an export without pending operations asks for nothing", () => {
    assert.deepEqual(adoptIdsFromExport({ deployment: {} }), []);
    assert.deepEqual(adoptIdsFromExport({}), []);
  });
});
