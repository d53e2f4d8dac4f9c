#!/usr/bin/python3
# Reference betweenness for Zachary's karate club (unweighted), from
# networkx: python3 graph/testdata/karate_betweenness.py > graph/testdata/karate_betweenness.golden
# Each line: node edges-of-the-club... no: "node betweenness" (undirected,
# not normalised). Then a line "edge u v" per undirected edge.
import networkx as nx

G = nx.Graph(nx.karate_club_graph().edges())
for v, b in sorted(nx.betweenness_centrality(G, normalized=False).items()):
    print(f"node {v} {b!r}")
for u, v in sorted(G.edges()):
    print(f"edge {u} {v}")
