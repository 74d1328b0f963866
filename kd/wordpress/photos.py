"""The photos of the next posts decoded and encoded in worker processes while the current post is written.

Only the pure part of KD's pipeline runs there (kd.media.images.process: file in, cleaned sizes out); storing
the files and the Photo rows stays in the importing process, inside each post's transaction. A photo nobody
asked for ahead is processed in place, so the results never depend on the workers."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from kd.media import images


def _process_file(path: str, max_pixels: int) -> images.Processed:
    return images.process(Path(path).read_bytes(), max_pixels)


class PhotoWork:
    def __init__(self, max_pixels: int, workers: int = 1) -> None:
        self.max_pixels = max_pixels
        # spawn, not fork: the importing process holds database connections a child must not inherit.
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) \
            if workers > 1 else None
        self._futures: dict[Path, Future] = {}

    def ahead(self, path: Path) -> None:
        """Start on this file now; result() will want it soon."""
        if self._pool is not None and path not in self._futures:
            self._futures[path] = self._pool.submit(_process_file, str(path), self.max_pixels)

    def result(self, path: Path) -> images.Processed:
        """What the pipeline makes of the file; raises ImageRefused for a file it refuses."""
        future = self._futures.pop(path, None)
        return future.result() if future is not None else _process_file(str(path), self.max_pixels)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._futures.clear()
