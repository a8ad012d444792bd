#!/usr/bin/env python3
"""bench_torch.py - `make bench`: the C reference against torch 1.13 and 2.14, and harness
throughput.

Driver (run with the interpreter that has torch 1.13, $(TORCH_PYTHON), default /usr/bin/python3):
  1. runs bench_ref (the C reference; it writes the seeded inputs and its outputs) once per
     torch version, in that version's semantics,
  2. per torch version, runs this file as a worker twice, in fresh subprocesses, one thread
     each: under torch's own dispatch (AVX2 for 1.13 here, AVX512 for 2.14) and under
     ATEN_CPU_CAPABILITY=default (the variable must be set before torch is imported, hence the
     subprocess); each worker counts the elements where the reference output (that version's
     semantics) differs in any bit from torch's. torch 1.13 is the host's python3-torch;
     torch 2.14.1 runs in its chroot (scripts/torch-oracle.sh 2.14 run), skipped with a note
     when the chroot is not ready,
  3. runs the harness over the vectors with --jobs 1 and --jobs 2,
  4. prints one table and writes reports/bench.json.
Everything is measured side by side in one run on a shared machine: read ratios, not absolute
times, and nothing here asserts a time. Without torch the torch columns say why they are empty.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE_SH = os.path.join(os.path.dirname(HERE), "scripts", "torch-oracle.sh")
VERSIONS = ("1.13", "2.14")

# Both sides allocate their output on every call. Left alone, glibc's dynamic mmap threshold
# makes some of those allocations fresh mmaps (page faults on every run) and others heap reuse,
# depending on the order of earlier sizes, which swamped the kernels in a first version. Fixed
# thresholds make outputs up to 32 MiB reuse the heap on both sides alike.
MALLOC_ENV = {"GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=33554432:"
                                "glibc.malloc.trim_threshold=4294967296",
              "MALLOC_MMAP_THRESHOLD_": "33554432", "MALLOC_TRIM_THRESHOLD_": "4294967296"}


def timing_env(extra=None):
    """The environment of a timed subprocess: malloc pinned, one OpenMP thread."""
    env = dict(os.environ)
    env.update(MALLOC_ENV)
    env["OMP_NUM_THREADS"] = "1"
    env.pop("ATEN_CPU_CAPABILITY", None)
    env.update(extra or {})
    return env


def read_workloads(path):
    """Parses bench/workloads.txt (format in its header)."""
    out = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, mode, ac, aa, shape, size = line.split()
            out.append({
                "name": name, "mode": mode,
                "align_corners": {"none": None, "false": False, "true": True}[ac],
                "antialias": aa == "1",
                "input": [int(v) for v in shape.split("x")],
                "size": [int(v) for v in size.split("x")],
            })
    return out


# ---- worker: runs inside a fresh interpreter, one per CPU capability -----------------------

def worker(args):
    """Times torch on every workload; prints one JSON object on stdout."""
    try:
        import numpy as np
        import torch
        import torch.nn.functional as F
    except Exception as e:  # torch or numpy absent: the driver reports it, nothing fails
        print(json.dumps({"error": "cannot import torch/numpy: %s" % e}))
        return 0
    torch.set_num_threads(1)
    cap = "?"
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            cap = line.split(":", 1)[1].strip()
    res = {"torch_version": torch.__version__, "capability": cap,
           "env": os.environ.get("ATEN_CPU_CAPABILITY"), "workloads": {}}
    for w in read_workloads(args.workloads):
        src = os.path.join(args.dir, w["name"] + ".in.f32")
        if not os.path.exists(src):
            res["workloads"][w["name"]] = {"error": "no input (bench_ref did not run)"}
            continue
        x = torch.from_numpy(np.fromfile(src, dtype="<f4").reshape(w["input"]))
        kw = {"size": tuple(w["size"]), "mode": w["mode"], "align_corners": w["align_corners"]}
        if w["antialias"]:
            kw["antialias"] = True
        y = F.interpolate(x, **kw)  # warm-up
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter_ns()
            y = F.interpolate(x, **kw)
            times.append((time.perf_counter_ns() - t0) / 1e6)
        out = y.contiguous().numpy()
        out.tofile(os.path.join(args.dir, "%s.torch_%s.f32" % (w["name"], args.label)))
        entry = {"median_ms": statistics.median(times), "min_ms": min(times),
                 "repeats": args.repeats, "elements": int(out.size)}
        ref = os.path.join(args.dir, "%s.ref-%s.f32" % (w["name"], args.oracle))
        if os.path.exists(ref):
            r = np.fromfile(ref, dtype="<u4")
            t = out.reshape(-1).view("<u4")
            entry["ref_differing"] = int(np.count_nonzero(r != t)) if r.size == t.size else None
            entry["ref_size_match"] = bool(r.size == t.size)
        res["workloads"][w["name"]] = entry
    print(json.dumps(res))
    return 0


# ---- driver --------------------------------------------------------------------------------

def run_ref(args, version):
    """Runs bench_ref in the semantics of torch `version`; returns {name: {median_ms, min_ms,
    elements}} and an error line or None."""
    cmd = [args.ref_bin, args.workloads, args.dir, str(args.repeats), version]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, env=timing_env())
    except OSError as e:
        return {}, "cannot run bench_ref: %s" % e
    res = {}
    for line in p.stdout.splitlines():
        name, med, mn, reps, n = line.split("\t")
        res[name] = {"median_ms": float(med), "min_ms": float(mn), "repeats": int(reps),
                     "elements": int(n)}
    err = None
    if p.returncode != 0:
        tail = (p.stderr.strip().splitlines() or ["no message"])[-1]
        err = "bench_ref exited %d: %s" % (p.returncode, tail)
    return res, err


def oracle_ready(version):
    """None when torch `version` can run here, else why not."""
    if version == "1.13":
        return None
    try:
        p = subprocess.run([ORACLE_SH, version, "check"], capture_output=True, text=True)
    except OSError as e:
        return "cannot run %s: %s" % (ORACLE_SH, e)
    if p.returncode != 0:
        return "torch %s is not set up (scripts/torch-oracle.sh %s setup)" % (version, version)
    return None


def run_torch(args, version, label, capability):
    """Runs a worker of torch `version` with ATEN_CPU_CAPABILITY=capability (None: torch's own
    choice)."""
    worker_args = [os.path.abspath(__file__), "--worker", "--label", label, "--oracle", version,
                   "--workloads", os.path.abspath(args.workloads),
                   "--dir", os.path.abspath(args.dir), "--repeats", str(args.repeats)]
    if version == "1.13":
        env = timing_env({"ATEN_CPU_CAPABILITY": capability} if capability is not None
                         else None)
        cmd = [sys.executable] + worker_args
    else:
        # the chroot: the environment travels on the command line (env), the work tree is
        # mounted at its own path
        env = None
        sets = dict(MALLOC_ENV, OMP_NUM_THREADS="1")
        if capability is not None:
            sets["ATEN_CPU_CAPABILITY"] = capability
        cmd = [ORACLE_SH, version, "run", "env", "-u", "ATEN_CPU_CAPABILITY"] + \
            ["%s=%s" % kv for kv in sorted(sets.items())] + ["python3"] + worker_args
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    try:
        return json.loads(p.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        tail = (p.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": "torch worker exited %d: %s" % (p.returncode, tail)}


def run_harness(args, jobs):
    """Runs interpcheck over the vectors; returns wall seconds and per-case statistics."""
    report = os.path.join(args.dir, "harness_jobs%d.json" % jobs)
    cmd = [args.interpcheck, "--port", args.port, "--vectors", args.vectors, "--jobs",
           str(jobs), "--quiet", "--json", report]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        return {"jobs": jobs, "error": "cannot run interpcheck: %s" % e}
    wall = time.monotonic() - t0
    if p.returncode not in (0, 1) or not os.path.exists(report):
        tail = (p.stderr.strip().splitlines() or p.stdout.strip().splitlines() or ["?"])[-1]
        return {"jobs": jobs, "error": "interpcheck exited %d: %s" % (p.returncode, tail)}
    with open(report) as f:
        rep = json.load(f)
    secs = [c["seconds"] for c in rep["cases"] if c.get("seconds") is not None]
    return {"jobs": jobs, "exit_status": p.returncode, "wall_s": wall,
            "report_seconds": rep["run"].get("seconds"), "cases": len(rep["cases"]),
            "summary": rep["summary"],
            "median_case_s": statistics.median(secs) if secs else None,
            "mean_case_s": statistics.mean(secs) if secs else None}


def fmt(v, spec="%.2f"):
    return "-" if v is None else spec % v


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--label", default="default", help=argparse.SUPPRESS)
    ap.add_argument("--oracle", default="1.13", help=argparse.SUPPRESS)
    ap.add_argument("--workloads", default=os.path.join(HERE, "workloads.txt"))
    ap.add_argument("--dir", required=True, help="scratch directory for inputs and outputs")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--ref-bin")
    ap.add_argument("--interpcheck")
    ap.add_argument("--port")
    ap.add_argument("--vectors", default="vectors")
    ap.add_argument("--json", default="reports/bench.json")
    ap.add_argument("--no-torch", action="store_true", help="skip the torch side")
    args = ap.parse_args()
    if args.worker:
        return worker(args)
    os.makedirs(args.dir, exist_ok=True)
    workloads = read_workloads(args.workloads)
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())

    refs, ref_errs, own, default = {}, {}, {}, {}
    for v in VERSIONS:
        refs[v], ref_errs[v] = run_ref(args, v)
        if ref_errs[v]:
            print("bench: reference (torch %s semantics): %s" % (v, ref_errs[v]))
        why = "skipped (--no-torch)" if args.no_torch else oracle_ready(v)
        if why:
            own[v] = default[v] = {"error": why}
        else:
            own[v] = run_torch(args, v, "own-" + v, None)
            default[v] = run_torch(args, v, "default-" + v, "default")
        for label, r in (("own dispatch", own[v]), ("ATEN_CPU_CAPABILITY=default", default[v])):
            if "error" in r:
                print("bench: torch %s side (%s) skipped: %s" % (v, label, r["error"]))

    rows = []
    for w in workloads:
        n = w["name"]
        row = {"workload": n, "mode": w["mode"], "antialias": w["antialias"],
               "input": w["input"], "size": w["size"], "oracles": {}}
        for v in VERSIONS:
            r = refs[v].get(n, {})
            a = own[v].get("workloads", {}).get(n, {})
            d = default[v].get("workloads", {}).get(n, {})
            o = {"ref_ms": r.get("median_ms"), "torch_own_ms": a.get("median_ms"),
                 "torch_default_ms": d.get("median_ms"),
                 "ref_differing_vs_default": d.get("ref_differing"),
                 "ref_differing_vs_own": a.get("ref_differing"), "elements": r.get("elements")}
            o["ratio_ref_own"] = (o["ref_ms"] / o["torch_own_ms"]
                                  if o["ref_ms"] and o["torch_own_ms"] else None)
            o["ratio_ref_default"] = (o["ref_ms"] / o["torch_default_ms"]
                                      if o["ref_ms"] and o["torch_default_ms"] else None)
            diff = o["ref_differing_vs_default"]
            if o["ref_ms"] is None or "median_ms" not in d:
                o["bit_exact"] = None
                bit = "-"
            elif diff is None:
                o["bit_exact"] = False
                bit = "no (size differs)"
            else:
                o["bit_exact"] = diff == 0
                bit = "yes" if diff == 0 else "no (%d differing)" % diff
            o["bit_exact_text"] = bit
            row["oracles"][v] = o
        # the 1.13 columns under their historical names
        o = row["oracles"]["1.13"]
        row.update({"ref_ms": o["ref_ms"], "torch_avx2_ms": o["torch_own_ms"],
                    "torch_default_ms": o["torch_default_ms"],
                    "ref_differing_vs_default": o["ref_differing_vs_default"],
                    "ref_differing_vs_avx2": o["ref_differing_vs_own"],
                    "elements": o["elements"], "ratio_ref_avx2": o["ratio_ref_own"],
                    "ratio_ref_default": o["ratio_ref_default"], "bit_exact": o["bit_exact"],
                    "bit_exact_text": o["bit_exact_text"]})
        rows.append(row)

    harness = []
    if args.interpcheck and args.port:
        for jobs in (1, 2):
            harness.append(run_harness(args, jobs))

    for v in VERSIONS:
        print()
        print("Reference (C99, -O2, torch %s semantics) vs torch %s, 1 thread, float32, median "
              "of %d runs; host %s" % (v, default[v].get("torch_version",
                                                         own[v].get("torch_version", "(absent)")),
                                       args.repeats, platform.node()))
        print("torch own dispatch reports: %s; with ATEN_CPU_CAPABILITY=default: %s"
              % (own[v].get("capability", "-"), default[v].get("capability", "-")))
        hdr = ("workload", "ref ms", "torch-own ms", "torch-default ms", "ref/own",
               "ref/default", "bit-exact vs default", "differ vs own")
        widths = (20, 9, 14, 17, 9, 12, 22, 15)
        line = "  ".join(h.ljust(wd) if i == 0 else h.rjust(wd) for i, (h, wd)
                         in enumerate(zip(hdr, widths)))
        print(line)
        print("-" * len(line))
        for row in rows:
            r = row["oracles"][v]
            cells = (row["workload"], fmt(r["ref_ms"]), fmt(r["torch_own_ms"]),
                     fmt(r["torch_default_ms"]), fmt(r["ratio_ref_own"]),
                     fmt(r["ratio_ref_default"]), r["bit_exact_text"],
                     fmt(r["ref_differing_vs_own"], "%d"))
            print("  ".join(c.ljust(wd) if i == 0 else c.rjust(wd) for i, (c, wd)
                            in enumerate(zip(cells, widths))))
    print("(bit-exact: the reference output equals torch's DEFAULT-dispatch output in every bit; "
          "differ vs own: elements whose bits differ from torch's own dispatch, FMA)")
    if harness:
        print()
        print("Harness throughput: %s --port %s --vectors %s"
              % (args.interpcheck, args.port, args.vectors))
        for h in harness:
            if "error" in h:
                print("  --jobs %d: %s" % (h["jobs"], h["error"]))
            else:
                print("  --jobs %d: %d cases in %.2f s wall (report: %s s); median per case "
                      "%.2f ms, mean %.2f ms; pass %d fail %d error %d skip %d"
                      % (h["jobs"], h["cases"], h["wall_s"], fmt(h["report_seconds"]),
                         h["median_case_s"] * 1e3, h["mean_case_s"] * 1e3,
                         h["summary"]["pass"], h["summary"]["fail"], h["summary"]["error"],
                         h["summary"]["skip"]))

    out = {"format": "interpcheck-bench", "version": 1, "started": started,
           "host": platform.node(), "machine": platform.machine(),
           "repeats": args.repeats, "threads": 1,
           "torch": {v: {"own_dispatch": {k: x for k, x in own[v].items() if k != "workloads"},
                         "default": {k: x for k, x in default[v].items()
                                     if k != "workloads"}} for v in VERSIONS},
           "reference_error": {v: ref_errs[v] for v in VERSIONS}, "workloads": rows,
           "harness": harness,
           "note": "measured side by side in one run on a shared machine; compare ratios"}
    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print()
    print("wrote %s" % args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
