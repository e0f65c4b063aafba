"""Resource-time units that count different things: ``replica-hours`` and ``GPU-hours``.

``1,312 replica-hours, i.e. 2,624 GPU-hours at TP=2``: the two amounts restate each other only
through the parallel degrees written after the second one (``at TP=2``, ``(TP=4 × PP=2)``);
without them the restatement is not read.
"""

from __future__ import annotations

from speclint.formula.expr import Lit
from speclint.formula.lexer import Token

#: Degrees whose product is the number of GPUs in one replica.
_REPLICA_DEGREES = frozenset({"TP", "PP"})

#: Words allowed before the first degree and between two degrees.
_JOINERS = frozenset({"at", "with", "(", ",", "×", "x", "*", "and", "·"})


def replica_degrees(tokens: list[Token], after: int) -> list[Lit]:
    """The ``TP=…``/``PP=…`` values written from token ``after`` on (each degree at most once;
    none when one is written twice or is not a whole number)."""
    found: list[Lit] = []
    names: set[str] = set()
    k = after
    while True:
        start = k
        while k < len(tokens) and tokens[k].text.lower() in _JOINERS and k - start < 2:
            k += 1
        if k + 2 >= len(tokens):
            break
        name, sign, number = tokens[k], tokens[k + 1], tokens[k + 2]
        if name.text not in _REPLICA_DEGREES or sign.text != "=" or number.literal is None:
            break
        if name.text in names or not number.literal.is_plain_integer:
            return []
        names.add(name.text)
        found.append(Lit(number.literal, number.start, number.end, number.start, number.end))
        k += 3
    return found
