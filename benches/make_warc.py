#!/usr/bin/env python3
"""Wraps article text files into a web archive, as a crawl of a news site would hold them:
each article becomes an HTML page (navigation, related stories, share links, footer around the
story) in a WARC response record, preceded by its request record, one gzip member per record
as `wget --warc-file` writes them. For the WARC throughput benchmark (benches/warc_throughput.sh).

    benches/make_warc.py ARTICLES_DIR OUT.warc.gz
"""
import gzip
import html
import os
import sys
import uuid


def page(i, title, paragraphs):
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>{html.escape(title)} | Vietnam+</title>
<meta property="article:published_time" content="2024-05-{1 + i % 28:02d}T09:00:00+07:00">
<link rel="canonical" href="https://fr.example.vn/article-{i}.html"></head><body>
<nav class="menu"><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/sciences">Sciences</a></nav>
<article><h1>{html.escape(title)}</h1>
{body}
<div class="share"><a href="https://facebook.com/">Facebook</a> <a href="https://twitter.com/">Twitter</a></div></article>
<aside class="related"><h2>Voir plus</h2><ul><li><a href="/a">Un autre article</a></li></ul></aside>
<footer>© Vietnam+ - Tous droits réservés</footer></body></html>""".encode()


def record(kind, url, block):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: 2024-05-12T08:30:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(block)}\r\n\r\n")
    return gzip.compress(head.encode() + block + b"\r\n\r\n")


def main():
    src, out = sys.argv[1], sys.argv[2]
    names = sorted(n for n in os.listdir(src) if n.endswith(".txt"))
    with open(out, "wb") as w:
        for i, n in enumerate(names):
            text = open(os.path.join(src, n), encoding="utf-8").read()
            blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
            title, paragraphs = blocks[0], [" ".join(b.split()) for b in blocks[1:]]
            url = f"https://fr.example.vn/article-{i}.html"
            w.write(record("request", url, f"GET /article-{i}.html HTTP/1.1\r\nHost: fr.example.vn\r\n\r\n".encode()))
            body = page(i, title, paragraphs)
            resp = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            w.write(record("response", url, resp))


if __name__ == "__main__":
    main()
