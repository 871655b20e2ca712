// Prints what DSS holds, for the demo: every project with its datasets and recipes.
// Reads DATAIKU_DSS_URL and DATAIKU_API_KEY; prints nothing secret.
import { DssClient } from "../provider/client";

async function main(): Promise<void> {
  const url = process.env.DATAIKU_DSS_URL;
  const apiKey = process.env.DATAIKU_API_KEY;
  if (!url || !apiKey) throw new Error("set DATAIKU_DSS_URL and DATAIKU_API_KEY");
  const client = new DssClient({ url, apiKey });
  const projects = await client.projects.list();
  console.log(`DSS at ${url} holds ${projects.length} project(s):`);
  for (const summary of projects) {
    const key = summary.projectKey;
    const meta = await client.projects.getMetadata(key);
    console.log(`\nproject ${key}: "${meta.label}"${meta.description ? ` - ${meta.description}` : ""}`);
    for (const ds of await client.datasets.list(key)) {
      const kind = ds.managed ? `managed ${ds.type}` : ds.type;
      const format = ds.formatType ? `, ${ds.formatType}` : "";
      console.log(`  dataset ${ds.name} (${kind}${format})${ds.description ? `: ${ds.description}` : ""}`);
    }
    for (const item of await client.recipes.list(key)) {
      const { recipe } = await client.recipes.get(key, item.name);
      const refs = (roles: typeof recipe.inputs) => (roles?.main?.items ?? []).map((i) => i.ref).join(", ");
      console.log(`  recipe ${recipe.name} (${recipe.type}): [${refs(recipe.inputs)}] -> [${refs(recipe.outputs)}]`);
    }
  }
}

main().catch((e: unknown) => {
  console.error(`show-dss: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
