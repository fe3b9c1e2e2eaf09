"""Replication at scale: analyse many projects in parallel on Dask and tabulate the results
like the papers' tables.

Each project is analysed in its own child process (``python -m hybridize analyze --format
json``): one JVM per project, so no result depends on what was analysed before it, and a
crash, a timeout or heap exhaustion in one project loses none of the others. Outcomes are
cached per project under ``<out>/projects/``; a second run skips finished projects (and,
with ``--retry-failed``, runs those that failed again).

    python evaluation/replicate.py PROJECT [PROJECT ...] --out evaluation/results/run1 \\
        [--scheduler tcp://host:8786 | --workers 2] [--timeout 1800] [--memory 8g]

Writes the tables (``projects``, ``failures``: CSV and Markdown) and plots (PNG) described
in ``replication_tables``. Needs ``pip install hybridize[evaluation]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import replication_run  # noqa: E402
from replication_run import Limits, analyse_project, cache_path, parse_size  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", nargs="+", type=Path, metavar="PROJECT")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="an existing Dask scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=2,
                        help="local cluster: worker processes, one thread each (default: 2)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="wall-clock limit per project")
    parser.add_argument("--memory", type=parse_size, metavar="SIZE",
                        help="resident-memory limit per project (JVM included), e.g. 8g")
    parser.add_argument("--jvm-heap", metavar="SIZE", help="passed to hybridize analyze")
    parser.add_argument("--retry-failed", action="store_true",
                        help="analyse again the projects whose cached outcome is not ok")
    return parser.parse_args(argv)


def cached(project: Path, out: Path, retry_failed: bool) -> dict[str, Any] | None:
    path = cache_path(out, project)
    if not path.exists():
        return None
    outcome = json.loads(path.read_text(encoding="utf-8"))
    if retry_failed and outcome["status"] != "ok":
        path.unlink()
        return None
    return dict(outcome, cached=True)


def _client(args: argparse.Namespace) -> Any:
    import cloudpickle
    from dask.distributed import Client, LocalCluster

    # The task's module travels with the task: workers need not have this directory.
    cloudpickle.register_pickle_by_value(replication_run)
    if args.scheduler:
        return Client(args.scheduler)
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster)


def run_pending(pending: list[Path], args: argparse.Namespace) -> list[dict[str, Any]]:
    """Analyses ``pending`` projects on Dask; reports each as it finishes."""
    from dask.distributed import as_completed

    limits = Limits(args.timeout, args.memory, args.jvm_heap)
    client = _client(args)
    try:
        futures = [client.submit(analyse_project, str(p), str(args.out), limits,
                                 key=f"analyse-{cache_path(args.out, p).stem}", pure=False)
                   for p in pending]
        outcomes = []
        for done, future in enumerate(as_completed(futures), 1):
            outcome = future.result()
            print(f"[{done}/{len(pending)}] {outcome['project']}: {outcome['status']} "
                  f"({outcome['seconds']} s, {outcome['peak_rss_mb']} MB)", file=sys.stderr)
            outcomes.append(outcome)
        return outcomes
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from replication_tables import write_tables

    args.out.mkdir(parents=True, exist_ok=True)
    outcomes, pending = [], []
    for project in args.projects:
        found = cached(project, args.out, args.retry_failed)
        if found is None:
            pending.append(project)
        else:
            print(f"skipped {project}: finished ({found['status']})", file=sys.stderr)
            outcomes.append(found)
    if pending:  # no cluster at all when everything is finished
        outcomes += run_pending(pending, args)
    for path in write_tables(outcomes, args.out).values():
        print(f"wrote {path}", file=sys.stderr)
    return 0 if all(o["status"] == "ok" for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
