#!/usr/bin/python3
"""Times python-igraph on the help graph written by graph's
TestWriteCompareGraph: weighted betweenness (edge length 1/weight, as
ours), weighted PageRank, and multilevel Louvain on the undirected graph.
Prints one table line with our full-analysis time and the ratio."""
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import igraph as ig  # Debian's python3-igraph

path = sys.argv[1]
with open(path) as f:
    head = f.readline().split()
    ours = float(head[2])
    nodes = int(head[4])
    interactions = int(head[6])
    edges, weights = [], []
    for line in f:
        u, v, w = line.split()
        edges.append((int(u), int(v)))
        weights.append(float(w))

g = ig.Graph(n=nodes, edges=edges, directed=True)
g.es["weight"] = weights
g.es["length"] = [1.0 / w for w in weights]

t = time.perf_counter()
g.betweenness(weights="length", directed=True)
t_bc = time.perf_counter() - t
t = time.perf_counter()
g.pagerank(weights="weight", directed=True)
t_pr = time.perf_counter() - t
u = g.as_undirected(combine_edges="sum")
t = time.perf_counter()
u.community_multilevel(weights="weight")
t_lv = time.perf_counter() - t
total = t_bc + t_pr + t_lv
print(f"| {nodes:>6} | {interactions:>9} | {len(edges):>7} | {ours:8.2f} s | {t_bc:8.2f} s | {t_pr:6.2f} s | {t_lv:6.2f} s | {total:8.2f} s | {ours / total:5.2f} |")
