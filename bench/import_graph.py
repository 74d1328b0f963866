"""Package-level import graph of kd/: upward imports and circular package dependencies.

Layers (low to high): base (core, db, extensions, jobs, mail, migrate) < sinks (audit, search, media) and
kd.content (which may use the sinks) < features < the app factory, CLI, demo and model registry.
An *upward import* is one module-level or function-level `import` of a higher layer from a lower one, of a
read-side package from a write-side one, or of any `views` module from outside the app factory.
Run: python -m bench.import_graph  (counts import statements, not distinct pairs).
"""
import ast
import itertools
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "kd"
BASE = {"core", "db", "extensions", "jobs", "mail", "migrate"}
SINKS = {"audit", "search", "media", "content"}
WRITE = {"accounts", "profiles", "stories", "moderation", "actions", "collections", "newsletter", "contact",
         "reports", "pages", "privacy", "admin", "tags"}
READ = {"browse", "api", "feeds", "sharing", "site"}
TOP = {"__init__", "cli", "migrate", "demo", "model_registry"}


def layer(pkg: str) -> int:
    if pkg in BASE:
        return 0
    if pkg in SINKS:
        return 1
    if pkg in TOP:
        return 3
    return 2


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path):
    tree = ast.parse(path.read_text())
    me = module_name(path)
    pkg_parts = me.split(".") if path.name == "__init__.py" else me.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg_parts[: len(pkg_parts) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod in ("kd",) or node.module is None:
                for alias in node.names:
                    yield f"{mod}.{alias.name}"
            else:
                yield mod


def top_pkg(mod: str) -> str | None:
    parts = mod.split(".")
    if parts[0] != "kd":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def main() -> None:
    graph = defaultdict(set)
    upward = []
    for path in sorted(ROOT.rglob("*.py")):
        me = module_name(path)
        src = top_pkg(me)
        for target in imports(path):
            dst = top_pkg(target)
            if dst is None or dst == src:
                continue
            graph[src].add(dst)
            why = None
            if layer(dst) > layer(src):
                why = "lower layer imports higher"
            elif src in WRITE and dst in READ:
                why = "write side imports read side"
            elif target.split(".")[-1] == "views" and me != "kd":
                why = "views imported outside the app factory"
            if why:
                upward.append((me, target, why))
    cycles = sorted({tuple(sorted(p)) for a in graph for b in graph[a] if a in graph.get(b, ()) for p in [(a, b)]})
    sccs = strongly_connected(graph)
    for me, target, why in upward:
        print(f"UP   {me} -> {target}   ({why})")
    for a, b in cycles:
        print(f"2-CYCLE {a} <-> {b}")
    big = [s for s in sccs if len(s) > 1]
    for s in big:
        print(f"SCC  {sorted(s)}")
    print(f"upward imports: {len(upward)}")
    print(f"mutually importing package pairs: {len(cycles)}")
    print(f"packages caught in import cycles: {sum(len(s) for s in big)} in {len(big)} strongly connected group(s)")
    sys.exit(0)


def strongly_connected(graph):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = itertools.count()
    nodes = set(graph) | {d for ds in graph.values() for d in ds}

    def visit(v):
        index[v] = low[v] = next(counter)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


if __name__ == "__main__":
    main()
