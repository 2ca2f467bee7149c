#!/usr/bin/env python3
"""vnkg's extraction as the map step of a PySpark job, then `vnkg load` makes the store.

    python scripts/spark_extract.py jsonl data/articles > articles.jsonl
    python scripts/spark_extract.py run articles.jsonl out/ [--master local[2]] [--partitions N]
    vnkg --store big load out/

`jsonl` turns folders of .txt articles into JSON Lines, one {"id", "path", "text"} per line
(id: the file name without .txt, as `vnkg build` names it; path: as given, kept as
vnkg:sourceFile), so the Spark route gives the quads `vnkg build` gives from the files.

`run` pipes each partition of the JSON Lines through `vnkg extract --format nquads -`
(`rdd.pipe`: one vnkg process per partition, articles on its standard input, N-Quads on its
standard output) and saves the quads as text files out/part-NNNNN, the shards `vnkg load`
takes. Each task's vnkg runs on one thread (RAYON_NUM_THREADS=1): Spark already runs one task
per core. A vnkg that exits non-zero (a line that is not an article) fails the job.
Needs Java 17+ (Debian: openjdk-17-jre-headless) and `pip install pyspark`.
"""
import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path


def article_files(paths):
    """The .txt files under the given files and folders, sorted as `vnkg build` reads them."""
    found = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(f for f in p.rglob("*.txt") if f.is_file())
        else:
            found.append(p)
    return sorted(found)


def write_jsonl(paths, out):
    n = 0
    for f in article_files(paths):
        text = f.read_bytes().decode("utf-8")
        out.write(json.dumps({"id": f.stem, "path": str(f), "text": text}, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def run(args):
    import warnings

    # pandas (in the test venv for the notebooks) is newer than pyspark expects; unused here
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession

    vnkg = args.vnkg or shutil.which("vnkg")
    if not vnkg or not os.access(vnkg, os.X_OK):
        sys.exit("spark_extract: no vnkg binary (pass --vnkg PATH or put vnkg on PATH)")
    spark = (
        SparkSession.builder.master(args.master)
        .appName("vnkg-extract")
        .config("spark.ui.enabled", "false")
        # the stage progress bar only on a terminal
        .config("spark.ui.showConsoleProgress", str(sys.stderr.isatty()).lower())
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    t = time.monotonic()
    articles = spark.sparkContext.textFile(str(Path(args.articles).resolve()), args.partitions)
    quads = articles.pipe(
        f"{vnkg} extract --format nquads -",
        env={"RAYON_NUM_THREADS": "1"},
        checkCode=True,
    )
    codec = "org.apache.hadoop.io.compress.GzipCodec" if args.gzip else None
    quads.saveAsTextFile(str(Path(args.out).resolve()), compressionCodecClass=codec)
    parts = articles.getNumPartitions()
    spark.stop()
    print(
        f"spark: {parts} partition(s) piped through vnkg extract into {args.out} "
        f"in {time.monotonic() - t:.1f} s",
        file=sys.stderr,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    j = sub.add_parser("jsonl", help="folders of .txt articles -> JSON Lines on standard output")
    j.add_argument("paths", nargs="+")
    r = sub.add_parser("run", help="the map step: JSON Lines -> N-Quads shards OUT/part-*")
    r.add_argument("articles", help="JSON Lines of articles")
    r.add_argument("out", help="output folder (must not exist)")
    r.add_argument("--vnkg", help="the vnkg binary (default: vnkg on PATH)")
    r.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    r.add_argument("--partitions", type=int, default=None, help="minimum input partitions")
    r.add_argument("--gzip", action="store_true", help="gzip the shards (part-NNNNN.gz)")
    args = ap.parse_args()
    if args.command == "jsonl":
        n = write_jsonl(args.paths, sys.stdout)
        print(f"jsonl: {n} article(s)", file=sys.stderr)
    else:
        run(args)


if __name__ == "__main__":
    main()
