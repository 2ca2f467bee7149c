"""Times networkx and python-igraph on a vnkg GraphML file (PageRank and betweenness on the
same simple undirected weighted graph vnkg analyses). Prints JSON of seconds."""
import json
import os
import sys
import time

import networkx as nx

path = sys.argv[1]
raw = nx.read_graphml(path)
g = nx.Graph()
g.add_nodes_from(raw.nodes())
for u, v, d in raw.edges(data=True):
    if u != v:
        if g.has_edge(u, v):
            g[u][v]["weight"] += float(d["weight"])
        else:
            g.add_edge(u, v, weight=float(d["weight"]))
out = {}
t = time.perf_counter()
nx.pagerank(g, alpha=0.85, tol=1e-6, max_iter=100, weight="weight")
out["networkx_pagerank"] = time.perf_counter() - t
n = g.number_of_nodes()
with_bc = os.environ.get("VNKG_BENCH_WITH_BETWEENNESS", "1") == "1"
exact_max = int(os.environ.get("VNKG_BENCH_NX_EXACT_MAX", "20000"))
t = time.perf_counter()
if not with_bc:
    pass
elif n <= exact_max:
    nx.betweenness_centrality(g, normalized=True)
    out["networkx_betweenness"] = time.perf_counter() - t
else:
    k = 200
    nx.betweenness_centrality(g, k=k, normalized=True, seed=1)
    out["networkx_betweenness"] = "~%.1f" % ((time.perf_counter() - t) * n / k)
try:
    import igraph as ig

    index = {v: i for i, v in enumerate(g.nodes())}
    h = ig.Graph(n=n, edges=[(index[u], index[v]) for u, v in g.edges()], directed=False)
    h.es["weight"] = [d["weight"] for _, _, d in g.edges(data=True)]
    t = time.perf_counter()
    h.pagerank(damping=0.85, weights="weight")
    out["igraph_pagerank"] = time.perf_counter() - t
    if with_bc:
        t = time.perf_counter()
        h.betweenness(directed=False)
        out["igraph_betweenness"] = time.perf_counter() - t
except ImportError:
    pass
json.dump(out, sys.stdout)
