"""Parse many post bodies at once, on every core this process may use, before the rules ask.

Parsing is nearly all of a cold check's cost (mistune is pure Python), and posts are
independent. So a full check hands part of the posts that are not in the index yet to
worker processes and parses its own share meanwhile, one process per core, as `make -j`,
ruff or pytest-xdist do. Even beside another busy process this wins: on 2 cores with one
busy, a cold check of 348 posts took 1.9 s with a worker and 2.4-2.6 s without. A run
with few posts to parse (a pre-commit run on one post) stays in-process. Workers are
forked, so they start with bloglint already imported; where fork is unavailable
everything runs in-process.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bloglint.site import Post, Site

MIN_PARALLEL = 48  # fewer posts to parse than this: not worth starting processes

Job = tuple[int, str, int]  # (position in the list, body, first line)


def _parse_jobs(jobs: list[Job]) -> list[tuple[int, bytes]]:
    from bloglint.document import parse_document

    return [(n, pickle.dumps(parse_document(body, line), protocol=5)) for n, body, line in jobs]


def spare_cores() -> int:
    """The cores this process may run on (its CPU affinity), besides its own."""
    try:
        available = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        available = os.cpu_count() or 1
    return max(0, available - 1)


def _shares(jobs: list[Job], parts: int) -> list[list[Job]]:
    """Split jobs into `parts` shares of about equal text, largest first."""
    shares: list[list[Job]] = [[] for _ in range(parts)]
    sizes = [0] * parts
    for job in sorted(jobs, key=lambda job: -len(job[1])):
        smallest = sizes.index(min(sizes))
        shares[smallest].append(job)
        sizes[smallest] += len(job[1])
    return shares


def parse_documents(site: Site, posts: Sequence[Post], *, workers: int | None = None) -> None:
    """Parse every post's body now: from the index, else here and in `workers` processes.

    `workers` defaults to one per spare core; with none, posts are left to parse on first use.
    """
    index = site.index
    missing = []
    for post in posts:
        if post.is_parsed:
            continue
        cached = index.cached_document(post.source) if index is not None else None
        if cached is not None:
            post.set_document(cached)
        else:
            missing.append(post)
    if workers is None:
        workers = spare_cores() if len(missing) >= MIN_PARALLEL else 0
    if workers < 1:
        return  # each post parses itself on first use
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return
    jobs = [(n, post.source.body, post.source.body_line) for n, post in enumerate(missing)]
    mine, *theirs = _shares(jobs, workers + 1)
    gc.freeze()  # forked workers then do not copy the parent's objects by touching them
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending = pool.map_async(_parse_jobs, theirs)
            for post in (missing[n] for n, _, _ in mine):
                post.document  # noqa: B018 - parsed here, in this process's share
            for share in pending.get():
                for number, blob in share:
                    post = missing[number]
                    document = pickle.loads(blob)
                    post.set_document(document)
                    if index is not None:
                        index.store_document(post.source, document, blob)
    except (OSError, pickle.PickleError):
        return  # no processes to be had: the rest parse in-process on first use
    finally:
        gc.unfreeze()
