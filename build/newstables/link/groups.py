"""Groups from links: a union-find over item keys.

Every linking rule of this stage decides about one pair at a time; the groups
are the connected components of the pairs it accepted. A component does not
depend on the order the pairs were found in, so a build that adds articles
gives the same groups as a build from scratch.
"""
from __future__ import annotations

from typing import Hashable, Iterable


class UnionFind:
    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: dict[Hashable, Hashable] = {item: item for item in items}

    def add(self, item: Hashable) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: Hashable) -> Hashable:
        self.add(item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:   # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list]:
        """Every component of two or more items, each sorted, in order of its first item."""
        members: dict[Hashable, list] = {}
        for item in self.parent:
            members.setdefault(self.find(item), []).append(item)
        return sorted((sorted(m) for m in members.values() if len(m) > 1), key=lambda m: m[0])
