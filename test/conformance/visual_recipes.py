"""Reads and writes visual recipe payloads with the unmodified official client, dataikuapi.

Phase "read" (argv[1] == "read"): the provider has created one recipe of each visual type in
CONFORMANCE_PROJECT_KEY (examples/visual); each is read back through get_settings() and the settings
class of its type, with the helpers that class offers.
Phase "write": new recipes made with the client's creators (new_recipe(...)) and edited with its
helpers, for the provider to read afterwards.
Prints one JSON line per check: {"check": name, "ok": bool, "detail": ...}; exits 1 if one failed.
"""
import json
import os
import sys
import traceback

import dataikuapi

client = dataikuapi.DSSClient(os.environ["DATAIKU_URL"], os.environ["DATAIKU_API_KEY"])
project = client.get_project(os.environ.get("CONFORMANCE_PROJECT_KEY", "VISUAL_FLOW"))
failures = []


def check(name):
    def run(fn):
        try:
            print(json.dumps({"check": name, "ok": True, "detail": fn()}), flush=True)
        except Exception as e:  # noqa: BLE001 - every failure becomes a reported check
            failures.append(name)
            detail = "%s: %s" % (type(e).__name__, e) + ("" if isinstance(e, AssertionError) else "\n" + traceback.format_exc())
            print(json.dumps({"check": name, "ok": False, "detail": detail}), flush=True)
        return fn
    return run


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def settings_of(name, cls):
    settings = project.get_recipe(name).get_settings()
    expect(type(settings).__name__ == cls, "%s: settings class %s, expected %s" % (name, type(settings).__name__, cls))
    return settings


def flags(entry, names):
    return sorted(n for n in names if entry.get(n) is True)


AGGREGATES = ["min", "max", "count", "countDistinct", "sum", "concat", "stddev", "avg", "first", "last"]


def read_phase():
    @check("read_grouping")
    def _():
        s = settings_of("group_by_country", "GroupingRecipeSettings")
        p = s.obj_payload
        expect(p["keys"] == [{"column": "country"}], "keys: %r" % p["keys"])
        expect(p["globalCount"] is True, "globalCount: %r" % p.get("globalCount"))
        amount = s.get_or_create_column_settings("amount")
        expect(flags(amount, AGGREGATES) == ["avg", "sum"], "amount: %r" % amount)
        expect(flags(s.get_or_create_column_settings("order_id"), AGGREGATES) == ["countDistinct"], "order_id")
        expect(p["postFilter"]["expression"] == "amount_sum > 100", "raw payload key: %r" % p.get("postFilter"))
        return p["keys"]

    @check("read_prepare")
    def _():
        s = settings_of("prepare_orders", "PrepareRecipeSettings")
        steps = s.raw_steps
        expect([(x["metaType"], x["type"]) for x in steps] == [("PROCESSOR", "FillEmptyWithValue"), ("PROCESSOR", "ColumnRenamer")], "steps: %r" % steps)
        expect(steps[1]["params"]["renamings"] == [{"from": "amount", "to": "amount_eur"}], "params: %r" % steps[1]["params"])
        expect(steps[1]["name"] == "amount in euros" and steps[0]["disabled"] is False, "name/disabled: %r" % steps)
        return len(steps)

    @check("read_join")
    def _():
        s = settings_of("join_customers", "JoinRecipeSettings")
        vis = s.raw_virtual_inputs
        expect([v["index"] for v in vis] == [0, 1], "virtual inputs: %r" % vis)
        joins = s.raw_joins
        expect(len(joins) == 1 and joins[0]["type"] == "LEFT" and (joins[0]["table1"], joins[0]["table2"]) == (0, 1), "joins: %r" % joins)
        cond = joins[0]["on"][0]
        expect(cond["type"] == "EQ" and cond["column1"] == {"name": "customer_id", "table": 0}
               and cond["column2"] == {"name": "customer_id", "table": 1}, "condition: %r" % cond)
        refs = s.get_flat_input_refs()
        expect(refs == ["ORDERS_PREPARED", "CUSTOMERS"], "input refs: %r" % refs)
        return refs

    @check("read_window")
    def _():
        s = settings_of("running_totals", "WindowRecipeSettings")
        w = s.obj_payload["windows"][0]
        expect(w["partitioningColumns"] == ["customer_id"] and w["enablePartitioning"] is True, "window: %r" % w)
        expect(w["orders"] == [{"column": "order_date", "desc": False}] and w["enableOrdering"] is True, "orders: %r" % w)
        return w["partitioningColumns"]

    @check("read_stack")
    def _():
        s = settings_of("restack", "StackRecipeSettings")
        expect(s.columns_selection_mode == "UNION", "mode: %r" % s.columns_selection_mode)
        expect([v["index"] for v in s.raw_virtual_inputs] == [0, 1], "virtual inputs")
        p = s.obj_payload
        expect(p["addOriginColumn"] is True and p["originColumnName"] == "value_band", "origin: %r" % p)
        return s.columns_selection_mode

    @check("read_split")
    def _():
        s = settings_of("split_by_value", "SplitRecipeSettings")
        p = s.obj_payload
        expect(p["mode"] == "FILTER" and p["defaultOutputIndex"] == 1, "split: %r" % p)
        expect(p["filterSplits"][0]["filter"]["expression"] == "amount_eur >= 500", "rule: %r" % p["filterSplits"])
        expect(s.get_flat_output_refs() == ["HIGH_VALUE", "STANDARD"], "outputs: %r" % s.get_flat_output_refs())
        return p["mode"]

    @check("read_sort")
    def _():
        s = settings_of("sort_by_amount", "SortRecipeSettings")
        expect(s.row_number_column_enabled is True and s.rank_column_enabled is False, "flags")
        orders = s.obj_payload["orders"]
        expect(orders == [{"column": "amount", "desc": True}, {"column": "order_id", "desc": False}], "orders: %r" % orders)
        return orders

    @check("read_topn")
    def _():
        p = settings_of("top_orders", "TopNRecipeSettings").obj_payload
        expect(p["firstRows"] == 20 and p["keys"] == [{"column": "country"}], "topn: %r" % p)
        return p["firstRows"]

    @check("read_distinct")
    def _():
        p = settings_of("distinct_segments", "DistinctRecipeSettings").obj_payload
        expect(p["keys"] == [{"column": "segment"}] and p["globalCount"] is True, "distinct: %r" % p)
        return p["keys"]

    @check("read_pivot")
    def _():
        p = settings_of("pivot_countries", "PivotRecipeSettings").obj_payload
        expect(p["explicitIdentifiers"] == ["customer_id"] and p["pivots"][0]["keyColumns"] == ["country"], "pivot: %r" % p)
        expect(flags(p["pivots"][0]["valueColumns"][0], AGGREGATES) == ["sum"], "values: %r" % p["pivots"][0])
        return p["explicitIdentifiers"]

    @check("read_sampling")
    def _():
        p = settings_of("sample_orders", "SamplingRecipeSettings").obj_payload
        expect(p["selection"]["samplingMethod"] == "RANDOM_FIXED_RATIO" and p["selection"]["targetRatio"] == 0.1, "selection: %r" % p)
        expect(p["filter"]["enabled"] is True and p["filter"]["expression"] == "amount > 0", "filter: %r" % p["filter"])
        return p["selection"]["samplingMethod"]


def write_phase():
    @check("write_grouping")
    def _():
        builder = project.new_recipe("grouping", "client_group")
        builder.with_input("ORDERS").with_new_output("CLIENT_GROUPED", "filesystem_managed").with_group_key("country")
        recipe = builder.create()
        s = recipe.get_settings()
        s.add_grouping_key("customer_id")
        s.set_column_aggregations("amount", min=True, max=True)
        s.set_global_count_enabled(True)
        s.save()
        return recipe.name

    @check("write_prepare")
    def _():
        builder = project.new_recipe("prepare", "client_prepare")
        builder.with_input("ORDERS").with_new_output("CLIENT_PREPARED", "filesystem_managed")
        s = builder.create().get_settings()
        s.add_processor_step("ColumnRenamer", {"renamings": [{"from": "country", "to": "pays"}]})
        s.save()
        return len(s.raw_steps)

    @check("write_join")
    def _():
        builder = project.new_recipe("join", "client_join")
        builder.with_input("ORDERS").with_input("CUSTOMERS").with_new_output("CLIENT_JOINED", "filesystem_managed")
        s = builder.create().get_settings()
        guessed = s.raw_joins
        expect(len(guessed) == 1 and [c["column1"]["name"] for c in guessed[0]["on"]] == ["customer_id"], "guessed: %r" % guessed)
        s.raw_joins.clear()
        join = s.add_join("INNER", 0, 1)
        s.add_condition_to_join(join, "EQ", "customer_id", "customer_id")
        s.save()
        return join["type"]

    @check("write_stack_sort")
    def _():
        builder = project.new_recipe("vstack", "client_stack")
        builder.with_input("ORDERS").with_input("ORDERS_SORTED").with_new_output("CLIENT_STACKED", "filesystem_managed")
        s = builder.create().get_settings()
        s.set_intersection_input_schema_mode()
        s.add_origin_column("source", {0: "live"})
        s.save()
        builder = project.new_recipe("sort", "client_sort")
        builder.with_input("ORDERS").with_new_output("CLIENT_SORTED", "filesystem_managed")
        s = builder.create().get_settings()
        s.add_sorting_key("amount", ascending=False)
        s.dense_rank_column_enabled = True
        s.save()
        return s.obj_payload["orders"]

    @check("write_bad_join_index")
    def _():
        s = project.get_recipe("client_join").get_settings()
        s.raw_joins[0]["table2"] = 5
        try:
            s.save()
        except dataikuapi.utils.DataikuException as e:
            expect("table2" in str(e), "error: %s" % e)
            return str(e)
        raise AssertionError("a join on a virtual input that does not exist was saved")


read_phase() if sys.argv[1:] == ["read"] else write_phase()
sys.exit(1 if failures else 0)
