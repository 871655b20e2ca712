import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

// Mocks show a secret as {<signature key>: <secret signature>, value}; deserialization lifts a nested
// secret to the enclosing property, so accept it at either level.
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
function isSecret(v: unknown): boolean {
  return typeof v === "object" && v !== null && Object.values(v).includes(SECRET_SIG);
}
function unsecret(v: unknown): unknown {
  return isSecret(v) ? (v as { value: unknown }).value : v;
}

/** Resolves an Output in a mocked run (mocks resolve everything synchronously-ish). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

describe("examples/typescript with pulumi.runtime.setMocks", function () {
  const registered: Registered[] = [];
  let program: Record<string, pulumi.Output<unknown>>;

  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs });
          // Echo inputs as outputs, plus the computed fields DSS or the stand-in would fill in.
          const computed: Record<string, unknown> = {};
          if (args.type.endsWith(":LandingZone")) computed.path = `/landing/${args.inputs.team}/${args.inputs.env}`;
          if (args.type.endsWith(":Dataset")) computed.dssType = args.inputs.type === "managed" ? "Filesystem" : args.inputs.type;
          return { id: `${args.name}-id`, state: { ...args.inputs, ...computed } };
        },
        call: () => ({}),
      },
      "dataiku-typescript-example",
      "dev",
    );
    program = require("../../examples/typescript/index");
  });

  it("declares the project, two datasets, a recipe and the landing zone with their typed tokens", () => {
    const byName = Object.fromEntries(registered.map((r) => [r.name, r.type]));
    assert.equal(byName.sales, "pulumi-nodejs:dynamic/dataiku:Project");
    assert.equal(byName.landed, "pulumi-nodejs:dynamic/dataiku:Dataset");
    assert.equal(byName.orders, "pulumi-nodejs:dynamic/dataiku:Dataset");
    assert.equal(byName.clean, "pulumi-nodejs:dynamic/dataiku:Recipe");
    assert.equal(byName.landing, "pulumi-nodejs:dynamic/example:LandingZone");
  });

  it("passes the landing zone's output path into the dataset and the project variables", async () => {
    const landed = registered.find((r) => r.name === "landed");
    assert.equal(landed?.inputs.path, "/landing/sales/dev");
    assert.equal(landed?.inputs.projectKey, "SALES_DEV");
    assert.equal(await valueOf(program.landingPath), "/landing/sales/dev");
    const project = registered.find((r) => r.name === "sales");
    const variables = unsecret(project?.inputs.variables) as { standard: unknown; local: unknown };
    assert.deepEqual(variables.standard, { landingPath: "/landing/sales/dev" });
    assert.ok(isSecret((variables as Record<string, unknown>).local) || isSecret(project?.inputs.variables),
      "local variables are marked secret");
  });

  it("turns Dataset resources given to a recipe into their names", async () => {
    const recipe = registered.find((r) => r.name === "clean");
    assert.deepEqual(recipe?.inputs.inputs, ["LANDED_ORDERS"]);
    assert.deepEqual(recipe?.inputs.outputs, ["ORDERS"]);
    assert.deepEqual(await valueOf(program.recipeInputs), ["LANDED_ORDERS"]);
  });

  it("serializes a thin provider that holds no credentials and loads the code by package name", () => {
    const provider = String(registered.find((r) => r.name === "orders")?.inputs.__provider);
    assert.match(provider, /require\("pulumi-dataiku\/dynamic"\)/);
    assert.ok(provider.length < 4000, `serialized provider is ${provider.length} bytes`);
    assert.doesNotMatch(provider, /apiKey|dkuaps-|axios/);
  });

  it("exposes computed outputs such as the dataset's DSS type", async () => {
    assert.equal(await valueOf(program.ordersType), "Filesystem");
    assert.equal(await valueOf(program.projectKey), "SALES_DEV");
  });
});
