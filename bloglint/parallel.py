"""Parse many post bodies at once, on every core, before the rules ask for them.

Parsing is nearly all of a cold check's cost (mistune is pure Python), and posts are
independent, so a full check parses the posts that are not in the index yet in worker
processes. Small runs (a pre-commit hook on one post) stay in-process: starting workers
would cost more than it saves. Workers are forked, so they start with bloglint already
imported; where fork is unavailable everything runs in-process.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bloglint.site import Post, Site

MIN_PARALLEL = 48  # fewer posts to parse than this: not worth starting processes


def _parse(job: tuple[int, str, int]) -> tuple[int, bytes]:
    from bloglint.document import parse_document

    number, body, first_line = job
    return number, pickle.dumps(parse_document(body, first_line), protocol=5)


def _workers() -> int:
    try:
        available = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        available = os.cpu_count() or 1
    return min(available, 8)


def parse_documents(site: Site, posts: Sequence[Post]) -> None:
    """Make sure every post's `document` is parsed (from the index, else in parallel)."""
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
    workers = _workers()
    if len(missing) < MIN_PARALLEL or workers < 2:
        return  # each post parses itself on first use
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return
    # Largest first, so that no worker is left with one long post at the end.
    jobs = sorted(
        ((n, post.source.body, post.source.body_line) for n, post in enumerate(missing)),
        key=lambda job: -len(job[1]),
    )
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for number, blob in pool.imap_unordered(_parse, jobs, chunksize=4):
                post = missing[number]
                document = pickle.loads(blob)
                post.set_document(document)
                if index is not None:
                    index.store_document(post.source, document, blob)
    except (OSError, pickle.PickleError):
        return  # no processes to be had: the rest parse in-process on first use
