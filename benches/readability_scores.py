#!/usr/bin/env python3
"""Scores vnkg's HTML reader, trafilatura and readability-lxml on Mozilla Readability's test
pages (../shared/peers/readability/test-pages), in one run, the same way: word-level precision,
recall and F1 of the extracted article text against the text of `expected.html` (the article
Readability.js extracts), per page and as a mean; titles against `expected-metadata.json`.

    benches/readability_scores.py [--vnkg target/release/vnkg] [--peers ../shared/peers]
                                  [--json out.json]

Needs `trafilatura` and `readability-lxml` (pip). vnkg's text is `vnkg extract --format text`
without its three header lines (title, source, date), the same body the Rust test scores
(tests/it/readability.rs).
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

import lxml.html

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FRENCH = ("lemonde-1", "liberation-1")


def words(text):
    return collections.Counter(w.lower() for w in re.findall(r"\w+", text or "") if w != "_")


def prf(got, want):
    g, w = words(got), words(want)
    common = sum((g & w).values())
    p = common / sum(g.values()) if g else 0.0
    r = common / sum(w.values()) if w else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def html_text(html):
    if not html or not html.strip():
        return ""
    return lxml.html.fromstring(html).text_content()


def one_line(s):
    return " ".join((s or "").split())


def vnkg_texts(vnkg, pages):
    """Each page's body text and title, as vnkg reads it (one process for all pages)."""
    out = {}
    for name in pages:
        src = os.path.join(pages[name], "source.html")
        r = subprocess.run([vnkg, "extract", "--format", "text", src], capture_output=True, text=True)
        if r.returncode != 0:
            out[name] = ("", None, None)
            continue
        lines = r.stdout.rstrip("\n\x0c").split("\n")
        date = lines[2][len("date: "):] if lines[2].startswith("date: ") else None
        out[name] = ("\n".join(lines[4:]), lines[0], date)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vnkg", default=os.path.join(ROOT, "target/release/vnkg"))
    ap.add_argument("--peers", default=os.path.join(ROOT, "../shared/peers"))
    ap.add_argument("--json")
    a = ap.parse_args()
    import trafilatura
    from readability import Document

    base = os.path.join(a.peers, "readability/test-pages")
    pages = {n: os.path.join(base, n) for n in sorted(os.listdir(base))
             if os.path.exists(os.path.join(base, n, "source.html"))}
    ours = vnkg_texts(a.vnkg, pages)
    rows = []
    for name, d in pages.items():
        source = open(os.path.join(d, "source.html"), encoding="utf-8", errors="replace").read()
        want = html_text(open(os.path.join(d, "expected.html"), encoding="utf-8").read())
        meta = json.load(open(os.path.join(d, "expected-metadata.json"), encoding="utf-8"))
        traf = trafilatura.extract(source, include_comments=False, include_tables=True) or ""
        traf_meta = trafilatura.extract_metadata(source)
        try:
            doc = Document(source)
            rl = html_text(doc.summary(html_partial=True))
            rl_title = doc.short_title()
        except Exception:  # readability-lxml raises on some pages
            rl, rl_title = "", None
        text, title, date = ours[name]
        row = {"page": name, "dated": bool(meta.get("publishedTime"))}
        day = (meta.get("publishedTime") or "")[:10]
        for tool, got, t, d in [("vnkg", text, title, date),
                                ("trafilatura", traf, traf_meta.title if traf_meta else None,
                                 traf_meta.date if traf_meta else None),
                                ("readability-lxml", rl, rl_title, None)]:
            p, r, f = prf(got, want)
            row[tool] = {"p": p, "r": r, "f1": f, "title": one_line(t) == one_line(meta.get("title")),
                         "date": bool(day) and (d or "")[:10] == day}
        rows.append(row)

    tools = ["vnkg", "trafilatura", "readability-lxml"]
    def mean(tool, key, which=None):
        rs = [r for r in rows if which is None or r["page"] in which]
        return sum(r[tool][key] for r in rs) / len(rs)
    print(f"{'page':<22}" + "".join(f"{t:>20}" for t in tools))
    for r in rows:
        print(f"{r['page']:<22}" + "".join(f"{r[t]['f1']:>20.3f}" for t in tools))
    print()
    print("| word-level, vs Readability.js | " + " | ".join(tools) + " |")
    print("|---|" + "---:|" * len(tools))
    for label, key, which in [("mean F1, 30 pages", "f1", None), ("mean precision", "p", None),
                              ("mean recall", "r", None), ("mean F1, the 2 French pages", "f1", FRENCH)]:
        print(f"| {label} | " + " | ".join(f"{mean(t, key, which):.3f}" for t in tools) + " |")
    titles = {t: sum(r[t]["title"] for r in rows) for t in tools}
    print("| titles as Readability.js reads them | " + " | ".join(f"{titles[t]}/{len(rows)}" for t in tools) + " |")
    dated = sum(r["dated"] for r in rows)
    days = {t: sum(r[t]["date"] for r in rows) for t in tools}
    print(f"| publication day, of the {dated} pages Readability.js dates | "
          + " | ".join(f"{days[t]}/{dated}" if t != "readability-lxml" else "(reads no date)" for t in tools) + " |")
    if a.json:
        json.dump({"pages": rows, "mean_f1": {t: mean(t, "f1") for t in tools}}, open(a.json, "w"), indent=1)


if __name__ == "__main__":
    sys.exit(main())
