// A TypeScript program that mixes Dataiku with another resource and passes Outputs between them.
// `LandingZone` stands in for a cloud resource (an S3 bucket, say): here it is a local directory, so
// the example runs anywhere. Its output path becomes a Dataiku dataset's path, and every Dataiku
// object takes its project key from the Project's output, so Pulumi orders them itself.
import * as pulumi from "@pulumi/pulumi";
import * as dataiku from "pulumi-dataiku";

const config = new pulumi.Config();
const env = pulumi.getStack();

/** A stand-in for a cloud bucket: a directory under the program, created and removed by Pulumi. */
const landingZoneProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    const dir = `/landing/${inputs.team}/${inputs.env}`;
    return { id: dir, outs: { ...inputs, path: dir } };
  },
};

class LandingZone extends pulumi.dynamic.Resource {
  declare readonly path: pulumi.Output<string>;
  constructor(name: string, args: { team: string; env: string }) {
    super(landingZoneProvider, name, { ...args, path: undefined }, undefined, "example", "LandingZone");
  }
}

const landing = new LandingZone("landing", { team: "sales", env });

const project = new dataiku.Project("sales", {
  projectKey: `SALES_${env.toUpperCase()}`,
  name: `Sales analytics (${env})`,
  description: "Managed by Pulumi, with the landing zone it reads from",
  tags: ["sales", env],
  variables: {
    standard: { landingPath: landing.path },
    local: { warehousePassword: config.getSecret("warehousePassword") ?? "change-me" },
  },
});

const landed = new dataiku.Dataset("landed", {
  projectKey: project.projectKey,
  name: "LANDED_ORDERS",
  type: "filesystem",
  connection: "filesystem_managed",
  path: landing.path, // an Output of another resource
  formatType: "csv",
});

const orders = new dataiku.Dataset("orders", {
  projectKey: project.projectKey,
  name: "ORDERS",
  type: "managed",
  formatType: "parquet",
  description: "Cleaned orders",
});

const clean = new dataiku.Recipe("clean", {
  projectKey: project.projectKey,
  name: "clean_orders",
  type: "python",
  inputs: [landed], // resources, not names: the recipe waits for them
  outputs: [orders],
  code: "import dataiku\norders = dataiku.Dataset('LANDED_ORDERS').get_dataframe()\n",
});

export const projectKey = project.projectKey;
export const landingPath = landing.path;
export const recipeInputs = clean.inputs;
export const ordersType = orders.dssType;
