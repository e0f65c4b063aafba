"""A progress bar on standard error for long runs (tqdm), shown only to a person watching a
terminal: not in CI, not for machine-read formats, and not for runs shorter than ``DELAY``."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from typing import TextIO, TypeVar

T = TypeVar("T")

#: The formats a person reads; the others are for programs and get no bar.
HUMAN_FORMATS = frozenset({"full", "text", "concise"})
#: Seconds before the bar appears: a quick run never shows one.
DELAY = 1.0


def wanted(
    output_format: str, stream: TextIO | None = None, environ: Mapping[str, str] = os.environ
) -> bool:
    """Whether a bar belongs on ``stream`` (standard error): a terminal, outside CI, with a
    format a person reads."""
    stream = sys.stderr if stream is None else stream
    return (
        output_format in HUMAN_FORMATS
        and stream.isatty()
        and not environ.get("CI")
        and environ.get("TERM") != "dumb"
    )


def track(
    items: Iterator[T], total: int, stream: TextIO | None = None, delay: float = DELAY
) -> Iterator[T]:
    """``items``, with a bar of ``total`` files on ``stream`` (standard error) that is cleared
    when they are done."""
    from tqdm import tqdm  # imported only for a bar: off the cold path

    out = sys.stderr if stream is None else stream
    yield from tqdm(items, total=total, file=out, unit="file", delay=delay, leave=False)
