"""Why a KV-cache size per token is off: the slips that explain its ratio to the architecture's.

A stated size that is the architecture's times one of these factors is named by it, when the
line writes the product that shows it: the factor 2 for K and V left out (no bare 2), the query
heads counted instead of the KV heads (their number written), another element width (written in
bytes). A bare figure is not named: which slip made it is a guess.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import regex

from speclint.patterns import lazy_compile

if TYPE_CHECKING:
    from speclint.domain.deployment import Deployment
    from speclint.quantity.interval import Interval

#: Element widths in bytes a KV cache is stored at, and a name for each.
_WIDTHS = {Fraction(1): "1 byte", Fraction(2): "2 bytes", Fraction(4): "4 bytes"}
#: A written product: the slips are named from the factors it shows.
_PRODUCT = lazy_compile(r"\d\s*[×x*·]\s*\d")
#: A factor 2 that is not a width in bytes (``2 ×``, ``× 2 ×``).
_BARE_TWO = lazy_compile(r"(?<![\d.,])2(?![\d.,])(?!\s*(?:B|bytes?)\b)")
#: A width written in bytes: ``× 2 B``, ``1 byte``.
_BYTES = lazy_compile(r"(?<![\d.,])([124])\s*(?:B|bytes?)\b")


def kv_slips(dep: Deployment, text: str) -> list[tuple[Fraction, str]]:
    """Each factor a slip multiplies the true KV bytes per token by, with the slip's name; a
    width slip only when ``text`` writes another width and not the document's."""
    shape, kv = dep.kv_shape, dep.kv_bytes
    if shape is None or shape.latent is not None:
        return []
    product = _PRODUCT.search(text) is not None
    slips = []
    if product and _BARE_TWO.search(text) is None:  # the written product shows no 2
        slips.append((Fraction(1, 2), "the factor 2 for K and V is missing"))
    heads = dep.facts.get("heads")
    kv_heads = shape.kv_heads
    n_q = heads.value if heads is not None and isinstance(heads.value, Fraction) else None
    if n_q is not None and kv_heads.low == kv_heads.high and kv_heads.low < n_q and product:
        name = f"it counts the {n_q} query heads, not the {kv_heads.low} KV heads"
        written = regex.search(rf"(?<![\d.,]){n_q}(?![\d.,])", text) is not None
        slips += [(n_q / kv_heads.low, name)] if written else []
    if kv is not None and kv[0].low == kv[0].high and _written_width(text, kv[0].low) is None:
        width = kv[0].low
        other = _written_width(text, None)
        if other is not None and other != width:
            name = f"it takes {_WIDTHS[other]} per element, not {_WIDTHS.get(width, width)}"
            slips.append((other / width, name))
    return slips


def _written_width(text: str, width: Fraction | None) -> Fraction | None:
    """The element width ``text`` writes in bytes (``× 1 B``, ``2 bytes``): ``width`` if it
    writes that one, else the only one of the usual widths it writes."""
    found = {Fraction(m.group(1)) for m in _BYTES.finditer(text)} & set(_WIDTHS)
    if width is not None:
        return width if width in found else None
    return next(iter(found)) if len(found) == 1 else None


def name_kv_slip(
    dep: Deployment, text: str, stated: Interval, low: Fraction, high: Fraction
) -> str:
    """The one slip that takes the architecture's ``low``–``high`` bytes to ``stated``, or ""
    (``text`` is the statement's line: the width it writes names a width slip)."""
    found = [
        name
        for factor, name in kv_slips(dep, text)
        if stated.hi >= low * factor and stated.lo <= high * factor
    ]
    written = [name for name in found if name.startswith("it takes")]  # the line shows it
    return found[0] if len(found) == 1 else written[0] if len(written) == 1 else ""
