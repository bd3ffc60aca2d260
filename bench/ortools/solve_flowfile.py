#!/usr/bin/env python3
"""Solves a .flow file with OR-Tools' SimpleMinCostFlow and prints its objective and solve time.

    python solve_flowfile.py target/bench/medium.flow

The reference solver for core's min-cost flow benchmark: it must print the same objective
(minus the least cost) as core's solver on the same file. The .flow format is described in
README.md beside this file. Prints one JSON object with the fields the benchmarks read:
"objective" and "solve_ms_median_of_5".
"""

import json
import statistics
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow


def read_network(path):
    """The node count, the arcs as an (n, 4) array and the supplies as an (m, 2) array."""
    with open(path, encoding="ascii") as handle:
        nodes, arc_count = (int(field) for field in handle.readline().split())
        arcs = np.loadtxt(handle, dtype=np.int64, max_rows=arc_count, ndmin=2)
        supplies = np.loadtxt(handle, dtype=np.int64, ndmin=2)
    if arcs.shape != (arc_count, 4):
        sys.exit(f"{path}: expected {arc_count} arc lines of 4 numbers, got {arcs.shape}")
    if supplies.shape[1] != 2 or supplies[:, 1].sum() != 0:
        sys.exit(f"{path}: the supplies must be NODE SUPPLY lines that add up to 0")
    return nodes, arcs, supplies


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: solve_flowfile.py FILE.flow")
    path = sys.argv[1]
    nodes, arcs, supplies = read_network(path)
    times = []
    cost = None
    for _ in range(5):
        solver = min_cost_flow.SimpleMinCostFlow()
        solver.add_arcs_with_capacity_and_unit_cost(arcs[:, 0], arcs[:, 1], arcs[:, 2], arcs[:, 3])
        solver.set_nodes_supplies(supplies[:, 0], supplies[:, 1])
        started = time.perf_counter()
        status = solver.solve()
        times.append((time.perf_counter() - started) * 1000)
        if status != solver.OPTIMAL:
            sys.exit(f"{path}: OR-Tools did not find an optimum (status {status})")
        cost = solver.optimal_cost()
    print(json.dumps({
        "file": path.replace("\\", "/").rsplit("/", 1)[-1],
        "nodes": nodes,
        "arcs": len(arcs),
        "objective": -cost,
        "solve_ms_median_of_5": round(statistics.median(times), 1),
    }))


if __name__ == "__main__":
    main()
