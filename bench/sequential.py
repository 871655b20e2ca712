"""The sequential baseline: the Wave 4 plan's apply loop on the official client, dataikuapi.

One object at a time, in dependency order, each create followed by the executor's settings write
(description) and a read-back of the object, as ProjectExecutor/DatasetExecutor/RecipeExecutor in
wave4-apply-plan.md do. Reads DATAIKU_URL, DATAIKU_API_KEY and a workload JSON file
({projectKey, datasets: [...], recipes: [{name, input, output}], descriptions}) named by argv[1].
Prints one JSON line: {"seconds": ..., "created": {"project": 1, "dataset": n, "recipe": m}}.
"""
import json
import os
import sys
import time

import dataikuapi

client = dataikuapi.DSSClient(os.environ["DATAIKU_URL"], os.environ["DATAIKU_API_KEY"])
with open(sys.argv[1], encoding="utf8") as f:
    workload = json.load(f)
key = workload["projectKey"]
describe = workload.get("descriptions", True)

started = time.monotonic()

# ProjectExecutor.create: create, write settings, sync back.
project = client.create_project(key, "Benchmark", "admin", description="Generated workload")
settings = project.get_settings()
settings.save()
project.get_settings()

# DatasetExecutor.create: managed dataset, then settings (description), then sync back.
for name in workload["datasets"]:
    dataset = project.new_managed_dataset(name).with_store_into(
        "filesystem_managed", format_option_id="PARQUET_HIVE").create()
    if describe:
        ds_settings = dataset.get_settings()
        ds_settings.get_raw()["description"] = "Dataset %s" % name
        ds_settings.save()
    dataset.get_settings()

# RecipeExecutor.create: the code travels with the create, then sync back.
for recipe in workload["recipes"]:
    builder = project.new_recipe("python", recipe["name"])
    builder.with_input(recipe["input"])
    builder.with_output(recipe["output"])
    builder.with_script("import dataiku  # %s" % recipe["name"])
    created = builder.create()
    created.get_settings()

print(json.dumps({
    "seconds": time.monotonic() - started,
    "created": {"project": 1, "dataset": len(workload["datasets"]), "recipe": len(workload["recipes"])},
}))
