#!/usr/bin/env python3
"""Calibrates the rules' confidences against gold annotations.

For each rule, counts its predictions that the gold confirms (right) and does not (wrong), with
`vnkg eval --format json` over every gold directory given, and proposes

    calibrated = (right + K * stated) / (right + wrong + K)        K = 4

the measured precision, pulled toward the stated confidence when the rule has made few
predictions (K is how many predictions the stated value is worth). Relation rules are counted
on relations, name rules on mentions (exact span and class). With --write, the proposals
replace the `confidence` of each rule value in src/ (rules with fewer than MIN_N predictions
keep theirs).

    scripts/calibrate.py [--vnkg BIN] [--write] GOLD_DIR...
"""
import argparse
import json
import os
import re
import subprocess
import sys

K = 4
MIN_N = 5
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def counts(vnkg, dirs):
    total = {}
    for d in dirs:
        out = subprocess.run([vnkg, "eval", "--gold", d, "--format", "json"], cwd=ROOT,
                             check=True, capture_output=True, text=True).stdout
        for key, v in json.loads(out)["by_rule"].items():
            kind, rule = key.split(": ", 1)
            if kind == "pairs":
                continue  # the same partnership facts as "relations", seen as pairs
            r, w = total.get(rule, (0, 0))
            total[rule] = (r + v["tp"], w + v["fp"])
    return total


def rule_files():
    for base in ("src/extract/names", "src/extract/relations"):
        for f in sorted(os.listdir(os.path.join(ROOT, base))):
            if f.endswith(".rs"):
                yield os.path.join(ROOT, base, f)


# a rule value: `names("NAME", cue, produces, 0.8, ...)` or `Rule { name: "NAME", ... confidence: 0.8,`
NAMES_CALL = r'(names\(\s*"{name}",\s*"(?:[^"\\]|\\.)*",\s*"(?:[^"\\]|\\.)*",\s*)([0-9.]+)'
STRUCT = r'(name: "{name}",(?:(?!\n\}};).)*?confidence: )([0-9.]+)'


def stated_and_locate(name):
    for f in rule_files():
        text = open(f, encoding="utf-8").read()
        for pat in (NAMES_CALL, STRUCT):
            m = re.search(pat.format(name=re.escape(name)), text, re.S)
            if m:
                return float(m.group(2)), f, pat
    return None, None, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vnkg", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "vnkg"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    print(f"{'rule':<30} {'right':>5} {'wrong':>5} {'P':>6} {'stated':>6} {'calibrated':>10}")
    for rule, (r, w) in sorted(counts(a.vnkg, a.dirs).items()):
        stated, f, pat = stated_and_locate(rule)
        if stated is None:
            print(f"{rule}: no rule value found", file=sys.stderr)
            continue
        n = r + w
        new = round((r + K * stated) / (n + K), 2)
        keep = n < MIN_N
        print(f"{rule:<30} {r:>5} {w:>5} {r / n if n else 0:>6.3f} {stated:>6.2f} {new:>10.2f}{'  (kept: few)' if keep else ''}")
        if a.write and not keep and new != stated:
            text = open(f, encoding="utf-8").read()
            text = re.sub(pat.format(name=re.escape(rule)), lambda m: m.group(1) + f"{new}", text, count=1, flags=re.S)
            open(f, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
