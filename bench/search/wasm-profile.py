#!/usr/bin/env python3
"""Self instructions per wasm function of one index build, from two callgrind runs of Node.

Used by wasm-profile.sh, which runs builds.mjs under `valgrind --tool=callgrind --dump-instr=yes`
with `node --perf-basic-prof` once with one build and once with three: the instruction costs are
summed per address range of V8's perf map (one range per compiled wasm function), and half the
difference between the runs is one build, without the loading and parsing around it.

    wasm-profile.py ONE.callgrind ONE.map THREE.callgrind THREE.map [TOP]
"""
import bisect
import collections
import re
import sys


def self_costs(callgrind, perf_map):
    ranges = []
    for line in open(perf_map):
        parts = line.rstrip('\n').split(' ', 2)
        if len(parts) == 3:
            # V8 names a wasm function `JS:NAME-INDEX-TIER`; the index differs between modules.
            ranges.append((int(parts[0], 16), int(parts[1], 16), re.sub(r'-\d+-\w+$', '', parts[2])))
    ranges.sort()
    starts = [start for start, _, _ in ranges]
    positions, previous, skip = 1, [0, 0], False
    costs = collections.Counter()

    def position(token, old):
        if token == '*':
            return old
        if token[0] in '+-':
            return old + int(token, 0) if token[0] == '+' else old - int(token[1:], 0)
        return int(token, 0)

    for line in open(callgrind):
        if line.startswith('positions:'):
            positions = len(line.split()) - 1
        elif line[:1] and line[:1] in '0123456789+-*':
            tokens = line.split()
            for k in range(positions):
                previous[k] = position(tokens[k], previous[k])
            if skip:  # the inclusive cost of a call, not this address's own
                skip = False
                continue
            at = bisect.bisect_right(starts, previous[0]) - 1
            if at >= 0 and previous[0] < ranges[at][0] + ranges[at][1] and len(tokens) > positions:
                costs[ranges[at][2]] += int(tokens[positions])
        elif line.startswith('calls='):
            skip = True
    return costs


one = self_costs(sys.argv[1], sys.argv[2])
three = self_costs(sys.argv[3], sys.argv[4])
build = collections.Counter({name: (three[name] - one[name]) / 2 for name in set(one) | set(three)})
print(f'one build: {sum(build.values()) / 1e6:.0f} M instructions in compiled code')
for name, cost in build.most_common(int(sys.argv[5]) if len(sys.argv) > 5 else 40):
    print(f'{cost / 1e6:9.1f} M  {name[:140]}')
