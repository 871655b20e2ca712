"""Drives a DSS (normally the emulator) with the unmodified official client, dataikuapi.

Environment: DATAIKU_URL (e.g. http://127.0.0.1:43121), DATAIKU_API_KEY, optional
CONFORMANCE_PROJECT_KEY (default CONFORMANCE). Prints one JSON line per check:
{"check": name, "ok": bool, "detail": ...} and exits 1 if any check failed.
The /__emulator/dataset-data route is used to look at managed data on disk.
"""
import json
import os
import sys
import traceback
import urllib.request

import dataikuapi
from dataikuapi.utils import DataikuException

URL = os.environ["DATAIKU_URL"]
KEY = os.environ["DATAIKU_API_KEY"]
PROJECT_KEY = os.environ.get("CONFORMANCE_PROJECT_KEY", "CONFORMANCE")
# A project the provider's executors filled in before this script runs: what it wrote must read
# back through the client's own settings helpers.
PROVIDER_KEY = os.environ.get("CONFORMANCE_PROVIDER_PROJECT_KEY", "PROVIDER_WRITTEN")

client = dataikuapi.DSSClient(URL, KEY)
failures = []


def report(check, ok, detail=None):
    print(json.dumps({"check": check, "ok": bool(ok), "detail": detail}), flush=True)
    if not ok:
        failures.append(check)


def check(name):
    """Runs the decorated function as one check; it returns a detail or raises AssertionError."""
    def run(fn):
        try:
            report(name, True, fn())
        except Exception as e:  # noqa: BLE001 - every failure becomes a reported check
            report(name, False, "%s: %s" % (type(e).__name__, e) + ("" if isinstance(e, AssertionError) else "\n" + traceback.format_exc()))
        return fn
    return run


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def data_dir(dataset):
    with urllib.request.urlopen("%s/__emulator/dataset-data/%s/%s" % (URL, PROJECT_KEY, dataset)) as res:
        return json.loads(res.read().decode("utf8"))


def expect_error(fn, *needles):
    try:
        fn()
    except DataikuException as e:
        text = str(e)
        for needle in needles:
            expect(needle in text, "error %r does not mention %r" % (text, needle))
        return text
    raise AssertionError("expected a DataikuException mentioning %s" % (needles,))


project = None


@check("auth_info")
def _():
    info = client.get_auth_info()
    expect(info.get("authIdentifier"), "no authIdentifier in %r" % info)
    return info["authIdentifier"]


@check("connections")
def _():
    names = client.list_connections_names("all")
    expect("filesystem_managed" in names and "sql_dwh" in names, "connections: %r" % names)
    return names


@check("project_create")
def _():
    global project
    project = client.create_project(PROJECT_KEY, "Conformance", "admin", description="made by lifecycle.py")
    keys = client.list_project_keys()
    expect(PROJECT_KEY in keys, "%s not in %r" % (PROJECT_KEY, keys))
    return keys


@check("project_metadata")
def _():
    md = project.get_metadata()
    md["label"] = "Conformance renamed"
    md["description"] = "long description"
    md["tags"] = ["zeta", "alpha"]
    md.setdefault("custom", {}).setdefault("kv", {})["team"] = "data"
    project.set_metadata(md)
    back = project.get_metadata()
    expect(back["label"] == "Conformance renamed", "label: %r" % back["label"])
    expect(back["description"] == "long description", "description: %r" % back["description"])
    expect(back["tags"] == ["alpha", "zeta"], "tags should come back sorted: %r" % back["tags"])
    expect(back["custom"]["kv"]["team"] == "data", "custom kv: %r" % back["custom"])
    expect(project.get_summary()["name"] == "Conformance renamed", "summary name follows the label")
    return back["tags"]


@check("project_variables")
def _():
    variables = project.get_variables()
    variables["standard"]["env"] = "test"
    variables["local"]["scratch"] = {"path": "/tmp/x"}
    project.set_variables(variables)
    back = project.get_variables()
    expect(back["standard"] == {"env": "test"}, "standard: %r" % back["standard"])
    expect(back["local"] == {"scratch": {"path": "/tmp/x"}}, "local: %r" % back["local"])
    return back


@check("managed_dataset")
def _():
    ds = project.new_managed_dataset("raw_orders").with_store_into(
        "filesystem_managed", format_option_id="PARQUET_HIVE").create()
    raw = ds.get_settings().get_raw()
    expect(raw["type"] == "Filesystem" and raw["managed"] is True, "type/managed: %r %r" % (raw["type"], raw["managed"]))
    expect(raw["formatType"] == "parquet", "formatType: %r" % raw["formatType"])
    expect(raw["params"]["connection"] == "filesystem_managed", "params: %r" % raw["params"])
    expect(ds.exists(), "exists() via metadata")
    on_disk = data_dir("raw_orders")
    expect(on_disk["exists"] and on_disk["files"], "data dir: %r" % on_disk)
    schema = {"columns": [{"name": "id", "type": "bigint"}, {"name": "amount", "type": "double"}]}
    ds.set_schema(schema)
    expect(ds.get_schema()["columns"] == schema["columns"], "schema round trip")
    return on_disk["path"]


@check("sql_dataset")
def _():
    ds = project.create_sql_table_dataset("dim_customers", "PostgreSQL", "sql_dwh", "customers", "public")
    settings = ds.get_settings()
    raw = settings.get_raw()
    expect(type(settings).__name__ == "SQLDatasetSettings", "settings class: %s" % type(settings).__name__)
    expect(raw["params"]["table"] == "customers" and raw["params"]["schema"] == "public", "params: %r" % raw["params"])
    expect(raw["params"]["connection"] == "sql_dwh", "connection: %r" % raw["params"])
    names = [d["name"] for d in project.list_datasets()]
    expect(names == ["dim_customers", "raw_orders"], "datasets: %r" % names)
    return names


recipe = None


@check("python_recipe")
def _():
    global recipe
    builder = project.new_recipe("python", "compute_orders_clean")
    builder.with_input("raw_orders")
    builder.with_new_output_dataset("orders_clean", "filesystem_managed", format="CSV_EXCEL_GZIP")
    builder.with_script("import dataiku\nprint('v1')\n")
    recipe = builder.create()
    expect(recipe.name == "compute_orders_clean", "name: %r" % recipe.name)
    settings = recipe.get_settings()
    expect(settings.get_code() == "import dataiku\nprint('v1')\n", "code: %r" % settings.get_code())
    raw = settings.get_recipe_raw_definition()
    expect([i["ref"] for i in raw["inputs"]["main"]["items"]] == ["raw_orders"], "inputs: %r" % raw["inputs"])
    expect([o["ref"] for o in raw["outputs"]["main"]["items"]] == ["orders_clean"], "outputs: %r" % raw["outputs"])
    out = project.get_dataset("orders_clean").get_settings().get_raw()
    expect(out["formatType"] == "csv" and out["formatParams"]["compress"] == "gz", "output format: %r" % out["formatType"])
    return [r["name"] for r in project.list_recipes()]


@check("recipe_code_update")
def _():
    settings = recipe.get_settings()
    before = settings.get_recipe_raw_definition()["versionTag"]["versionNumber"]
    settings.set_code("import dataiku\nprint('v2')\n")
    settings.save()
    back = recipe.get_settings()
    expect(back.get_code() == "import dataiku\nprint('v2')\n", "code after save: %r" % back.get_code())
    after = back.get_recipe_raw_definition()["versionTag"]["versionNumber"]
    expect(after == before + 1, "versionTag %s -> %s" % (before, after))
    return after


@check("error_not_found")
def _():
    return expect_error(lambda: project.get_dataset("no_such_dataset").get_settings(), "NotFoundException", "no_such_dataset")


@check("error_duplicate_project")
def _():
    return expect_error(lambda: client.create_project(PROJECT_KEY, "Again", "admin"), "already exists")


@check("error_output_suppressed")
def _():
    builder = project.new_recipe("python", "compute_nowhere")
    builder.with_input("raw_orders")
    builder.with_output("missing_output")
    return expect_error(builder.create, "creationInfo params are suppressing it")


@check("delete_dataset_keep_data")
def _():
    project.get_dataset("orders_clean").delete(drop_data=False)
    expect(not project.get_dataset("orders_clean").exists(), "orders_clean still exists")
    on_disk = data_dir("orders_clean")
    expect(on_disk["exists"], "data should be kept: %r" % on_disk)
    return on_disk


@check("delete_dataset_drop_data")
def _():
    project.get_dataset("raw_orders").delete(drop_data=True)
    on_disk = data_dir("raw_orders")
    expect(not on_disk["exists"], "data should be gone: %r" % on_disk)
    return on_disk


@check("delete_recipe")
def _():
    recipe.delete()
    names = [r["name"] for r in project.list_recipes()]
    expect(names == [], "recipes left: %r" % names)
    return names


folder = None


@check("managed_folder")
def _():
    global folder
    folder = project.create_managed_folder("reports")
    expect(len(folder.id) == 8, "folder id: %r" % folder.id)
    settings = folder.get_settings()
    expect(settings.type == "Filesystem", "type: %r" % settings.type)
    expect(settings.get_raw_params()["connection"] == "filesystem_folders", "params: %r" % settings.get_raw_params())
    settings.get_raw()["tags"] = ["b", "a"]
    settings.get_raw()["description"] = "reports folder"
    settings.save()
    back = folder.get_settings().get_raw()
    expect(back["tags"] == ["a", "b"] and back["description"] == "reports folder", "after save: %r" % back)
    expect([f["id"] for f in project.list_managed_folders()] == [folder.id], "list_managed_folders")
    return folder.id


@check("managed_folder_delete_keeps_files")
def _():
    req = urllib.request.Request("%s/__emulator/folder-files/%s/%s" % (URL, PROJECT_KEY, folder.id), method="PUT",
                                 data=json.dumps({"fileName": "a.csv"}).encode("utf8"))
    urllib.request.urlopen(req).read()
    expect([c["path"] for c in folder.list_contents()["items"]] == ["/a.csv"], "contents: %r" % folder.list_contents())
    folder.delete()
    expect(project.list_managed_folders() == [], "folder still listed")
    with urllib.request.urlopen("%s/__emulator/folder-files/%s/%s" % (URL, PROJECT_KEY, folder.id)) as res:
        files = json.loads(res.read().decode("utf8"))["files"]
    expect(files == ["a.csv"], "files should be kept: %r" % files)
    return files


@check("scenario")
def _():
    scenario = project.create_scenario("Nightly build", "step_based")
    expect(scenario.id == "Nightly_build", "id: %r" % scenario.id)
    settings = scenario.get_settings()
    expect(type(settings).__name__ == "StepBasedScenarioSettings", "settings class: %s" % type(settings).__name__)
    settings.raw_steps.append({"type": "build_flowitem", "name": "Build", "params": {"builds": [{"type": "DATASET", "itemId": "dim_customers", "partitionsSpec": ""}], "jobType": "RECURSIVE_BUILD"}})
    settings.add_daily_trigger(hour=3, minute=15)
    settings.active = True
    settings.save()
    back = scenario.get_settings()
    expect(back.active is True, "active: %r" % back.active)
    expect([st["params"]["builds"][0]["itemId"] for st in back.raw_steps] == ["dim_customers"], "steps: %r" % back.raw_steps)
    expect(back.raw_steps[0].get("id"), "DSS gives each step an id")
    trigger = back.raw_triggers[0]
    expect(trigger["type"] == "temporal" and trigger["params"]["frequency"] == "Daily" and trigger["params"]["hour"] == 3, "trigger: %r" % trigger)
    expect(scenario.get_status().running is False, "status")
    # (DSSScenarioListItem.id returns the name in this client version: use the objects.)
    expect([s.id for s in project.list_scenarios(as_type="objects")] == ["Nightly_build"], "list_scenarios")
    scenario.delete()
    expect(project.list_scenarios() == [], "scenario still listed")
    return trigger["params"]


@check("provider_folder_read")
def _():
    provider = client.get_project(PROVIDER_KEY)
    items = provider.list_managed_folders()
    expect([f["name"] for f in items] == ["reports"], "folders: %r" % items)
    settings = provider.get_managed_folder(items[0]["id"]).get_settings()
    raw = settings.get_raw()
    expect(settings.type == "Filesystem" and settings.get_raw_params()["connection"] == "filesystem_folders", "settings: %r" % raw)
    expect(raw["description"] == "written by the provider" and raw["tags"] == ["flow"], "managed fields: %r" % raw)
    recipe_def = provider.get_recipe("write_report").get_settings().get_recipe_raw_definition()
    expect([o["ref"] for o in recipe_def["outputs"]["main"]["items"]] == [items[0]["id"]], "recipe output by folder id: %r" % recipe_def["outputs"])
    return items[0]["id"]


@check("provider_scenario_read")
def _():
    provider = client.get_project(PROVIDER_KEY)
    scenario = [s for s in provider.list_scenarios(as_type="objects")][0]
    settings = scenario.get_settings()
    expect(type(settings).__name__ == "StepBasedScenarioSettings", "settings class: %s" % type(settings).__name__)
    expect(settings.active is True, "active")
    steps = settings.raw_steps
    expect([st["type"] for st in steps] == ["build_flowitem"], "steps: %r" % steps)
    expect([b["itemId"] for b in steps[0]["params"]["builds"]] == ["out_ds"] and steps[0]["params"]["jobType"] == "RECURSIVE_FORCED_BUILD", "build: %r" % steps[0])
    kinds = [(t["type"], t["params"].get("frequency")) for t in settings.raw_triggers]
    expect(kinds == [("temporal", "Weekly"), ("ds_modified", None)], "triggers: %r" % kinds)
    weekly = settings.raw_triggers[0]["params"]
    expect(weekly["daysOfWeek"] == ["Monday", "Friday"] and weekly["hour"] == 6 and weekly["minute"] == 30, "weekly: %r" % weekly)
    expect([w["itemId"] for w in settings.raw_triggers[1]["params"]["watches"]] == ["in_ds"], "watches: %r" % settings.raw_triggers[1])
    expect(scenario.get_status().running is False, "status")
    return kinds


@check("delete_project")
def _():
    project.new_managed_dataset("scratch").with_store_into("filesystem_managed").create()
    expect(data_dir("scratch")["exists"], "scratch data created")
    project.delete(clear_managed_datasets=True)
    keys = client.list_project_keys()
    expect(PROJECT_KEY not in keys, "project still listed: %r" % keys)
    expect(not data_dir("scratch")["exists"], "clearManagedDatasets should remove scratch data")
    return keys


print(json.dumps({"summary": True, "failed": failures}), flush=True)
sys.exit(1 if failures else 0)
