"""The garbage collector's settings for a lint run: fewer collections while the linter's
modules are imported and documents are read, and none of the objects that live until the
process ends traced again.

Python's first generation is collected after 700 allocations, which importing the linter
passes a hundred times over; a run keeps almost everything it allocates (modules, compiled
patterns, sympy's caches), so most of those collections find nothing to free.
"""

from __future__ import annotations

import gc

#: The collector's thresholds for a run (``gc.set_threshold``).
THRESHOLDS = (50_000, 20, 20)


def tune() -> None:
    """Collect less often (``THRESHOLDS``) in this process."""
    gc.set_threshold(*THRESHOLDS)


def keep() -> None:
    """Leave every object alive now out of later collections (``gc.freeze``): for what lives
    until the process ends (a worker's imported modules, everything at the command's exit,
    where the interpreter's shutdown would otherwise trace it all again)."""
    gc.freeze()
