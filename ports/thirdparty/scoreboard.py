#!/usr/bin/env python3
"""scoreboard.py - writes SCOREBOARD.md and the expectations files from the scoreboard's JSON
reports (Python 3 standard library only; deterministic: the same reports give the same bytes).

    scoreboard.py --libraries ports/thirdparty/libraries.json --vectors vectors \
        --reports reports/scoreboard --out SCOREBOARD.md --expect-dir ports/thirdparty/expect

libraries.json lists each library (its report name, title, package, adapter) and its known
differences: rules matched in order against each FAIL or ERROR case (verdict, regular
expressions on the id, the message and the tags); the first rule that matches names the case's
group. A case no rule matches lands in an "unexplained" group, printed as such and counted on
stderr (exit status 1 with --strict).
"""
import argparse
import collections
import json
import os
import re
import sys

MODES = ["nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear", "area"]
VERDICTS = ["PASS", "FAIL", "ERROR", "SKIP"]


def cause_of(case):
    """The case's cause: the harness's `cause` when the report has one, else the hint in its
    message, else its kind. The one place that decides, so the harness's diagnosis replaces
    the fallback as soon as reports carry it."""
    cause = case.get("cause")
    if cause:
        return cause
    msg = case.get("message") or ""
    m = re.search(r"hint: (.*)$", msg)
    if m:
        return m.group(1)
    return case.get("kind") or "unknown"


def tags_of(case):
    out = {}
    for t in case.get("tags", []):
        k, _, v = t.partition(":")
        out[k] = v
    return out


def py_value(v):
    if v is None:
        return "None"
    if v is True:
        return "True"
    if v is False:
        return "False"
    if isinstance(v, list):
        return "(" + ", ".join(py_value(x) for x in v) + ("," if len(v) == 1 else "") + ")"
    if isinstance(v, str):
        return repr(v)
    return repr(v)


def render_call(vcase):
    """The torch call of a manifest case, as one line of Python."""
    call, inp = vcase["call"], vcase["input"]
    shape = "x".join(str(s) for s in inp["shape"])
    layout = "" if inp.get("layout") == "contiguous" else ", " + inp.get("layout", "")
    args = []
    if call.get("size") is not None:
        args.append("size=" + py_value(call["size"]))
    if call.get("scale_factor") is not None:
        args.append("scale_factor=" + py_value(call["scale_factor"]))
    args.append("mode=" + py_value(call["mode"]))
    if call.get("align_corners") is not None:
        args.append("align_corners=" + py_value(call["align_corners"]))
    if call.get("recompute_scale_factor") is not None:
        args.append("recompute_scale_factor=" + py_value(call["recompute_scale_factor"]))
    if call.get("antialias"):
        args.append("antialias=True")
    return "interpolate(x[%s %s%s], %s)" % (shape, inp["dtype"], layout, ", ".join(args))


def numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def outputs_of(case):
    """Library vs torch, a few elements, from the harness's message."""
    msg = case.get("message") or ""
    m = re.search(r"output shape got (\[[^\]]*\]) want (\[[^\]]*\])", msg)
    if m:
        return "shape %s" % m.group(1), "shape %s" % m.group(2)
    got, want = [], []
    for label in ("first", "worst"):
        m = re.search(label + r" (\[[^\]]*\]) got (\S+) \([^)]*\) want (\S+) ", msg)
        if m:
            got.append("%s %s" % (m.group(1), m.group(2)))
            want.append("%s %s" % (m.group(1), m.group(3)))
    if got:
        return ", ".join(got), ", ".join(want)
    m = re.search(r"for a call torch accepts: (.*)$", msg)
    if m:
        return "refused: " + m.group(1), "an output"
    m = re.search(r"returned IC_ERR_INTERNAL: (.*)$", msg)
    if m:
        return "error: " + m.group(1), "an output"
    return msg, "(see the report)"


def expected_shape(vcase, oracle=None):
    """The output shape torch gives for a manifest case (format 2: under that oracle, else the
    first one listed), or None for an error case."""
    if vcase is None:
        return None
    if "outcomes" in vcase:
        outs = vcase["outcomes"]
        o = outs.get(oracle) if oracle in outs else outs[sorted(outs)[0]] if outs else None
        exp = (o or {}).get("expected")
    else:
        exp = vcase.get("expected")
    return exp["shape"] if exp else None


def direction(vcase, oracle=None):
    """'up', 'down', 'same' or 'mixed': the spatial sizes of a manifest case, output vs input."""
    out_shape = expected_shape(vcase, oracle)
    if out_shape is None:
        return ""
    ins, outs = vcase["input"]["shape"][2:], out_shape[2:]
    if list(ins) == list(outs):
        return "same"
    if all(o >= i for i, o in zip(ins, outs)):
        return "up"
    if all(o <= i for i, o in zip(ins, outs)):
        return "down"
    return "mixed"


def rule_matches(rule, case, tags):
    if "verdict" in rule and case["verdict"] != rule["verdict"]:
        return False
    if "id" in rule and not re.search(rule["id"], case["id"]):
        return False
    if "message" in rule and not re.search(rule["message"], case.get("message") or ""):
        return False
    for k, pat in rule.get("tags", {}).items():
        if not re.fullmatch(pat, tags.get(k, "")):
            return False
    return True


def group_cases(lib, report, manifest=None, oracle=None):
    """{group name: [cases]} for the FAIL and ERROR cases of one report. Rules see the case's
    tags plus `dir` (up, down, same, mixed: output vs input sizes, from the manifest)."""
    groups = collections.OrderedDict()
    for rule in lib["differences"]:
        groups[rule["group"]] = []
    for case in sorted(report["cases"], key=lambda c: c["id"]):
        if case["verdict"] not in ("FAIL", "ERROR"):
            continue
        tags = tags_of(case)
        tags["dir"] = direction((manifest or {}).get(case["id"]), oracle)
        name = None
        for rule in lib["differences"]:
            if rule_matches(rule, case, tags):
                name = rule["group"]
                break
        if name is None:
            name = "unexplained: %s %s %s" % (case["verdict"], case.get("kind"), tags.get("mode"))
            groups.setdefault(name, [])
        groups[name].append(case)
    return groups


def minimal(cases, manifest, oracle=None):
    def key(c):
        v = manifest.get(c["id"])
        n_in = numel(v["input"]["shape"]) if v else 1 << 62
        shape = expected_shape(v, oracle)
        n_out = numel(shape) if shape is not None else 1 << 62
        return (n_in, n_out, c["id"])

    return min(cases, key=key)


def oracle_name(label):
    return "torch " + label if label else "default"


def mode_table(libs, reports, labels):
    """reports: {oracle label: {library report name: report}}; one row per library and oracle."""
    lines = ["| library (API) | oracle | " + " | ".join(MODES) + " | total |",
             "|---" * (len(MODES) + 3) + "|"]
    for lib in libs:
        for label in labels:
            rep = reports[label].get(lib["report"])
            if rep is None:
                lines.append("| %s | %s | " % (lib["title"], oracle_name(label))
                             + " | ".join("not run" for _ in MODES) + " | not run |")
                continue
            per = collections.defaultdict(collections.Counter)
            for c in rep["cases"]:
                per[tags_of(c).get("mode", "?")][c["verdict"]] += 1
                per["total"][c["verdict"]] += 1
            cells = []
            for m in MODES + ["total"]:
                cnt = per[m]
                if cnt["PASS"] + cnt["FAIL"] + cnt["ERROR"] == 0:
                    cells.append("-")
                else:
                    cells.append("%d/%d/%d/%d" % tuple(cnt[v] for v in VERDICTS))
            lines.append("| %s | %s | %s |" % (lib["title"], oracle_name(label), " | ".join(cells)))
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--libraries", required=True)
    ap.add_argument("--vectors", default="vectors")
    ap.add_argument("--reports", default="reports/scoreboard",
                    help="the reports, <lib>.json, when no --oracle is given")
    ap.add_argument("--oracle", action="append", default=[], metavar="LABEL=DIR",
                    help="the reports against one torch oracle, in DIR/<lib>.json (repeatable; "
                    "the first is the default oracle: groups and expectations follow it)")
    ap.add_argument("--out", default="SCOREBOARD.md")
    ap.add_argument("--expect-dir", default=None)
    ap.add_argument("--strict", action="store_true", help="exit 1 when a case is unexplained")
    ap.add_argument("--readme", default=None,
                    help="also rewrite the table between the scoreboard-table markers of this file")
    opts = ap.parse_args()

    with open(opts.libraries) as f:
        spec = json.load(f)
    with open(os.path.join(opts.vectors, "manifest.json")) as f:
        manifest = {c["id"]: c for c in json.load(f)["cases"]}
    libs = spec["libraries"]
    oracles = [o.split("=", 1) for o in opts.oracle] or [["", opts.reports]]
    labels = [label for label, _ in oracles]
    default = labels[0]
    by_oracle = {}
    for label, rdir in oracles:
        by_oracle[label] = {}
        for lib in libs:
            path = os.path.join(rdir, lib["report"] + ".json")
            if os.path.exists(path):
                with open(path) as f:
                    by_oracle[label][lib["report"]] = json.load(f)
    reports = by_oracle[default]

    out = []
    out += spec["preamble"]
    out.append("")
    out.append("Each cell: PASS/FAIL/ERROR/SKIP against the oracle of its row (%s: the vectors' "
               "default oracle first); `-` where the library does not offer the mode. An ERROR "
               "is a call torch accepts that the library refuses or fails on. The groups below "
               "are made against %s." % (", ".join(oracle_name(x) for x in labels),
                                         oracle_name(default)))
    out.append("")
    table = mode_table(libs, by_oracle, labels)
    out += table
    unexplained = 0
    for lib in libs:
        rep = reports.get(lib["report"])
        out.append("")
        out.append("## %s" % lib["title"])
        out.append("")
        out.append("Package: %s. Adapter: [`%s`](%s) (its header comment maps each torch "
                   "argument). Version reported: %s." % (
                       lib["package"], lib["adapter"], lib["adapter"],
                       rep["run"]["port_version"] if rep else "not run"))
        out.append("")
        if rep is None:
            out.append("Not scored: the report is missing (`make scoreboard` builds it).")
            continue
        for label in labels:
            r = by_oracle[label].get(lib["report"])
            if r is None:
                continue
            s = r["summary"]
            out.append("- against %s: %d cases: %d pass (%d bit-exact), %d fail, %d error, "
                       "%d skip." % (oracle_name(label), s["total"], s["pass"], s["exact"],
                                     s["fail"], s["error"], s["skip"]))
        others = {}
        for label in labels[1:]:
            r = by_oracle[label].get(lib["report"])
            if r is not None:
                others[label] = {c["id"]: c["verdict"] for c in r["cases"]}
        groups = group_cases(lib, rep, manifest, default)
        rules = {r["group"]: r for r in lib["differences"]}
        expect = []
        n = 0
        for name, cases in groups.items():
            if not cases:
                continue
            n += 1
            rule = rules.get(name)
            ex = minimal(cases, manifest, default)
            got, want = outputs_of(ex)
            verdicts = collections.Counter(c["verdict"] for c in cases)
            vtxt = ", ".join("%d %s" % (verdicts[v], v) for v in VERDICTS if verdicts[v])
            out.append("")
            if rule is None:
                unexplained += len(cases)
                out.append("%d. **Unexplained** (%s): `%s`." % (n, vtxt, name))
            else:
                out.append("%d. **%s** (%s). %s" % (n, rule["title"], vtxt, rule["sentence"]))
            out.append("   - cause (harness): %s" % cause_of(ex))
            call = render_call(manifest[ex["id"]]) if ex["id"] in manifest else "?"
            out.append("   - minimal call: `%s`: `%s`" % (ex["id"], call))
            out.append("   - library: %s; torch: %s" % (got, want))
            if rule is not None and rule.get("source"):
                out.append("   - source: [%s](%s)" % (rule["source_label"], rule["source"]))
            for label, verdict_of in sorted(others.items()):
                same = sum(1 for c in cases if verdict_of.get(c["id"]) in ("FAIL", "ERROR"))
                out.append("   - against %s: %d of these %d cases differ too" % (
                    oracle_name(label), same, len(cases)))
            reason = rule["title"] if rule else "unexplained"
            for c in cases:
                kind = c.get("kind")
                expect.append("%s %s%s %s" % (c["id"], c["verdict"], ":" + kind if kind else "",
                                              reason))
        if n == 0:
            out.append("")
            out.append("No differences.")
        mine = {c["id"]: c["verdict"] for c in rep["cases"]}
        for label, verdict_of in sorted(others.items()):
            bad = ("FAIL", "ERROR")
            only_default = sorted(i for i, v in mine.items()
                                  if v in bad and verdict_of.get(i) == "PASS")
            only_other = sorted(i for i, v in verdict_of.items()
                                if v in bad and mine.get(i) == "PASS")
            out.append("")
            out.append("Between the oracles: %d cases pass against %s but not against %s%s; "
                       "%d the other way round%s." % (
                           len(only_default), oracle_name(label), oracle_name(default),
                           (" (e.g. `%s`)" % "`, `".join(only_default[:3])) if only_default
                           else "", len(only_other),
                           (" (e.g. `%s`)" % "`, `".join(only_other[:3])) if only_other
                           else ""))
        if opts.expect_dir:
            os.makedirs(opts.expect_dir, exist_ok=True)
            path = os.path.join(opts.expect_dir, lib["report"] + ".txt")
            with open(path, "w") as f:
                f.write("# %s: known differences against %s (case id, verdict:kind, reason), "
                        "written by ports/thirdparty/scoreboard.py\n" % (lib["title"],
                                                                          oracle_name(default)))
                for line in sorted(expect):
                    f.write(line + "\n")
    out.append("")
    out += spec.get("postamble", [])
    with open(opts.out, "w") as f:
        f.write("\n".join(out).rstrip("\n") + "\n")
    if opts.readme:
        with open(opts.readme) as f:
            text = f.read()
        begin, end = "<!-- scoreboard-table:begin -->\n", "<!-- scoreboard-table:end -->"
        i, j = text.find(begin), text.find(end)
        if i < 0 or j < i:
            print("scoreboard: %s has no scoreboard-table markers" % opts.readme, file=sys.stderr)
            return 2
        text = text[:i + len(begin)] + "\n".join(table) + "\n" + text[j:]
        with open(opts.readme, "w") as f:
            f.write(text)
    if unexplained:
        print("scoreboard: %d cases in unexplained groups" % unexplained, file=sys.stderr)
        if opts.strict:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
