"""spaCy NER baseline for the gold set in tests/gold.

For every gold file, runs spaCy's NER on the whole article text and writes
<out>/<gold file name> = {"article": ..., "entities": [{"surface", "start", "end", "class"}]}.
Runs the model's default pipeline (see load_ner for why not the ner component alone) and trims
whitespace at the edges of entity spans. spaCy labels are mapped PER -> "Person", ORG -> "ORG",
LOC/GPE -> "LOC"; MISC (and any other label) is dropped. The baseline cannot tell the gold subclasses apart, so "ORG" and "LOC" are
coarse classes that the scorer matches against the families of gold classes.
Offsets are Python str (code-point) offsets into the article decoded as UTF-8, like the gold.

Only the nlp(text) calls are timed (model loading and file I/O are not); one summary line goes to stderr.

    pip install -r benches/spacy_requirements.txt
    python benches/spacy_baseline.py [--gold tests/gold] [--out target/spacy_predictions]
                                     [--model fr_core_news_sm] [--ner-only] [--repeat 1]
"""
import argparse
import glob
import json
import os
import sys
import time

import spacy

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LABEL_MAP = {"PER": "Person", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}


def repo_path(p):
    return p if os.path.isabs(p) else os.path.join(REPO_ROOT, p)


def load_ner(model, ner_only):
    """The model's default pipeline, as shipped. Its NER depends on the parser's sentence
    boundaries (entities never cross a sentence start), so dropping the parser changes the
    predictions: --ner-only keeps just the "ner" component (and any tok2vec it listens to), which
    is faster but no longer the model's own output."""
    nlp = spacy.load(model)
    if "ner" not in nlp.pipe_names:
        sys.exit("model %s has no ner component" % model)
    if ner_only:
        keep = {"ner"}
        for name, proc in nlp.pipeline:
            listeners = getattr(proc, "listening_components", None)
            if listeners and "ner" in listeners:
                keep.add(name)
        nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in keep])
    return nlp


def trim(text, start, end):
    """Drop whitespace that spaCy keeps at an entity's edges ("VNA\n\n"): gold spans never
    have it. Returns (start, end), possibly empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default="tests/gold", help="folder of gold *.json (default tests/gold)")
    ap.add_argument("--out", default="target/spacy_predictions",
                    help="folder for prediction files (default target/spacy_predictions)")
    ap.add_argument("--model", default="fr_core_news_sm", help="spaCy model (default fr_core_news_sm)")
    ap.add_argument("--ner-only", action="store_true",
                    help="run only the ner component (faster, but predictions differ: see load_ner)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run the timed NER pass this many times (predictions from the first; default 1)")
    args = ap.parse_args()

    gold_dir = repo_path(args.gold)
    out_dir = repo_path(args.out)
    gold_files = sorted(glob.glob(os.path.join(gold_dir, "*.json")))
    if not gold_files:
        sys.exit("no gold files in %s" % gold_dir)

    docs = []  # (gold file name, article field, text)
    for gf in gold_files:
        with open(gf, encoding="utf-8") as f:
            gold = json.load(f)
        with open(repo_path(gold["article"]), encoding="utf-8") as f:
            text = f.read()
        docs.append((os.path.basename(gf), gold["article"], text))

    nlp = load_ner(args.model, args.ner_only)
    nlp.max_length = max(nlp.max_length, max(len(t) for _, _, t in docs) + 1)
    nlp("Warm-up à Hanoi.")  # first-call allocations are not part of the measurement

    results = []
    seconds = 0.0
    for rep in range(max(1, args.repeat)):
        for name, article, text in docs:
            t0 = time.perf_counter()
            doc = nlp(text)
            seconds += time.perf_counter() - t0
            if rep == 0:
                results.append((name, article, text, doc))

    os.makedirs(out_dir, exist_ok=True)
    counts = {}
    for name, article, text, doc in results:
        entities = []
        for ent in doc.ents:
            cls = LABEL_MAP.get(ent.label_)
            if cls is None:
                key = ent.label_ + "(dropped)"
                counts[key] = counts.get(key, 0) + 1
                continue
            assert text[ent.start_char:ent.end_char] == ent.text
            start, end = trim(text, ent.start_char, ent.end_char)
            if start == end:
                continue
            entities.append({"surface": text[start:end], "start": start, "end": end, "class": cls})
            counts[ent.label_] = counts.get(ent.label_, 0) + 1
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            json.dump({"article": article, "entities": entities}, f, ensure_ascii=False, indent=1)
            f.write("\n")

    n_articles = len(docs) * max(1, args.repeat)
    chars = sum(len(t) for _, _, t in docs) * max(1, args.repeat)
    nbytes = sum(len(t.encode("utf-8")) for _, _, t in docs) * max(1, args.repeat)
    label_counts = " ".join("%s=%d" % kv for kv in sorted(counts.items()))
    print("spacy %s %s pipes=%s: %d articles, %d chars (%d bytes) in %.3f s = %.3f MB/s, %.1f articles/s; entities %s -> %s"
          % (spacy.__version__, args.model, "+".join(nlp.pipe_names), n_articles, chars, nbytes,
             seconds, nbytes / 1e6 / seconds, n_articles / seconds, label_counts,
             os.path.relpath(out_dir, REPO_ROOT)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
