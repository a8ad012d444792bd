#!/usr/bin/env python3
"""test_scoreboard.py - unit tests of scoreboard.py on a hand-made manifest and report
(Python 3 standard library only; `make scoreboard-unit`, part of `make test`)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scoreboard  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def vcase(cid, shape):
    return {"id": cid, "call": {"mode": "nearest", "size": [4], "scale_factor": None,
                                "align_corners": None, "recompute_scale_factor": None,
                                "antialias": False},
            "input": {"dtype": "float32", "shape": shape, "layout": "contiguous"},
            "expected": {"shape": shape}}


def rcase(cid, verdict, message, tags=("mode:nearest",), cause=None):
    c = {"id": cid, "verdict": verdict, "kind": "values", "message": message,
         "tags": list(tags)}
    if cause is not None:
        c["cause"] = cause
    return c


class ScoreboardTest(unittest.TestCase):
    def test_cause_prefers_the_reports_cause_then_the_hint_then_the_kind(self):
        self.assertEqual(scoreboard.cause_of({"cause": "floor vs round", "message": "x; hint: h"}),
                         "floor vs round")
        self.assertEqual(scoreboard.cause_of({"message": "3 of 4 off; hint: shifted"}), "shifted")
        self.assertEqual(scoreboard.cause_of({"message": "off", "kind": "values"}), "values")

    def test_first_matching_rule_names_the_group_and_the_rest_is_unexplained(self):
        lib = {"differences": [
            {"group": "a", "verdict": "FAIL", "message": "shape"},
            {"group": "b", "verdict": "FAIL", "tags": {"mode": "nearest"}}]}
        rep = {"cases": [rcase("x1", "FAIL", "output shape got [1] want [2]"),
                         rcase("x2", "FAIL", "values"),
                         rcase("x3", "ERROR", "refused"),
                         rcase("x4", "PASS", "")]}
        g = scoreboard.group_cases(lib, rep)
        self.assertEqual([c["id"] for c in g["a"]], ["x1"])
        self.assertEqual([c["id"] for c in g["b"]], ["x2"])
        self.assertEqual([c["id"] for c in g["unexplained: ERROR values nearest"]], ["x3"])

    def test_rules_see_the_direction_from_the_manifest(self):
        lib = {"differences": [{"group": "up", "tags": {"dir": "up"}},
                               {"group": "other"}]}
        manifest = {"a": {"input": {"shape": [1, 1, 2]}, "expected": {"shape": [1, 1, 4]}},
                    "b": {"input": {"shape": [1, 1, 4, 4]}, "expected": {"shape": [1, 1, 2, 8]}}}
        rep = {"cases": [rcase("a", "FAIL", "v"), rcase("b", "FAIL", "v")]}
        g = scoreboard.group_cases(lib, rep, manifest)
        self.assertEqual([c["id"] for c in g["up"]], ["a"])
        self.assertEqual([c["id"] for c in g["other"]], ["b"])
        self.assertEqual(scoreboard.direction(manifest["b"]), "mixed")

    def test_outputs_come_from_the_message(self):
        got, want = scoreboard.outputs_of(
            {"message": "1 of 2 elements off; first [0,0,1] got 2 (0x1p+1) want 1 (0x1p+0); "
                        "hint: h"})
        self.assertEqual((got, want), ("[0,0,1] 2", "[0,0,1] 1"))

    def test_the_written_files_are_deterministic_and_strict_fails_on_unexplained(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "vectors"))
            os.makedirs(os.path.join(d, "reports"))
            with open(os.path.join(d, "vectors", "manifest.json"), "w") as f:
                json.dump({"cases": [vcase("big", [1, 1, 9]), vcase("small", [1, 1, 2])]}, f)
            rep = {"run": {"port_version": "1"},
                   "summary": {"total": 2, "pass": 0, "exact": 0, "fail": 2, "error": 0,
                               "skip": 0},
                   "cases": [rcase("big", "FAIL", "v; hint: h"),
                             rcase("small", "FAIL", "v; hint: h2")]}
            with open(os.path.join(d, "reports", "lib.json"), "w") as f:
                json.dump(rep, f)
            spec = {"preamble": ["# T"], "libraries": [
                {"report": "lib", "title": "Lib", "package": "p", "adapter": "a.c",
                 "differences": [{"group": "g", "title": "G", "sentence": "S.",
                                  "verdict": "FAIL"}]}]}
            with open(os.path.join(d, "lib.json"), "w") as f:
                json.dump(spec, f)
            cmd = [sys.executable, os.path.join(HERE, "scoreboard.py"), "--libraries",
                   os.path.join(d, "lib.json"), "--vectors", os.path.join(d, "vectors"),
                   "--reports", os.path.join(d, "reports"), "--out",
                   os.path.join(d, "out.md"), "--expect-dir", os.path.join(d, "exp"),
                   "--strict"]
            self.assertEqual(subprocess.run(cmd).returncode, 0)
            first = open(os.path.join(d, "out.md")).read()
            self.assertIn("minimal call: `small`", first)
            self.assertEqual(open(os.path.join(d, "exp", "lib.txt")).read().splitlines()[1:],
                             ["big FAIL:values G", "small FAIL:values G"])
            subprocess.run(cmd)
            self.assertEqual(open(os.path.join(d, "out.md")).read(), first)
            spec["libraries"][0]["differences"][0]["verdict"] = "ERROR"
            with open(os.path.join(d, "lib.json"), "w") as f:
                json.dump(spec, f)
            r = subprocess.run(cmd, stderr=subprocess.DEVNULL)
            self.assertEqual(r.returncode, 1)


if __name__ == "__main__":
    unittest.main()
