"""Reference analytics with networkx for a vnkg GraphML file.

Reads the GraphML, collapses it to the simple weighted graph vnkg analyses (parallel
relations summed, self-loops dropped; undirected unless --directed), and prints JSON:
{"degree": {id: v}, "weighted_degree": ..., "pagerank": ..., "betweenness": ..., "closeness": ...,
 "eigenvector": ..., "louvain_modularity": q, "modularity_of": q_of_given_partition}
Usage: analytics_reference.py GRAPHML [--partition JSON_FILE] [--skip-slow]
"""
import json
import sys

import networkx as nx


def simple_graph(path, directed=False):
    raw = nx.read_graphml(path)
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(raw.nodes())
    for u, v, d in raw.edges(data=True):
        if u == v:
            continue
        w = float(d.get("weight", 1.0))
        if g.has_edge(u, v):
            g[u][v]["weight"] += w
        else:
            g.add_edge(u, v, weight=w)
    return g


def main():
    path = sys.argv[1]
    g = simple_graph(path)
    out = {
        "degree": {n: float(d) for n, d in g.degree()},
        "weighted_degree": {n: float(d) for n, d in g.degree(weight="weight")},
        "pagerank": nx.pagerank(g, alpha=0.85, tol=1e-12, max_iter=1000, weight="weight"),
        "betweenness": nx.betweenness_centrality(g, normalized=True),
        "closeness": nx.closeness_centrality(g),
        "louvain_modularity": nx.community.modularity(
            g, nx.community.louvain_communities(g, weight="weight", seed=7), weight="weight"
        ),
    }
    try:
        out["eigenvector"] = nx.eigenvector_centrality(g, max_iter=10000, tol=1e-10, weight="weight")
    except nx.PowerIterationFailedConvergence:
        out["eigenvector"] = None
    if "--partition" in sys.argv:
        part = json.load(open(sys.argv[sys.argv.index("--partition") + 1]))
        groups = {}
        for node, c in part.items():
            groups.setdefault(c, set()).add(node)
        out["modularity_of"] = nx.community.modularity(g, list(groups.values()), weight="weight")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
