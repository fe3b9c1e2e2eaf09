"""Constructs where the syntactic and the mod-ref side-effect analyses may differ (see
evaluation/results/modref-vs-syntactic.md); not a test."""

CACHE = []
registry = {}


def make_list():
    return []


def fill_own():
    x = make_list()
    x.append(1)
    return x


def get_cache():
    return CACHE


def fill_cache():
    get_cache().append(1)


def dyn(obj):
    setattr(obj, "x", 1)  # noqa: B010 - the construct under study


def drop(key):
    del registry[key]


def alias():
    a = CACHE
    b = a
    b.append(2)


class Node:
    def __init__(self):
        self.children = []

    def add(self, c):
        self.children.append(c)


def build():
    root = Node()
    root.add(Node())
    return root


def loop_acc(xs):
    out = {}
    for x in xs:
        out[x] = out.get(x, 0) + 1
    return out
