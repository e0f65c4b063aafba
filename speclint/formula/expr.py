"""Formulas as written in specs: the nodes the parser builds, and walkers over them.

Nothing here is evaluated; ``evaluate.py`` computes values and ``parser.py`` builds the nodes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from speclint.formula.vocabulary import ChainLink
from speclint.quantity.literal import Lit


class TooComplex(Exception):
    """A formula exceeds the parser's or evaluator's limits."""


@dataclass(eq=False)
class Ident:
    name: str
    start: int
    end: int


@dataclass(eq=False)
class BinOp:
    op: str  # "+", "-", "*", "/", "^", "of"
    left: Node
    right: Node
    symbol: str  # as written: "×", "x", "\\times", "/", "of", ""


@dataclass(eq=False)
class Neg:
    operand: Node
    start: int


@dataclass(eq=False)
class Call:
    """A function application (``\\log(10)``, ``max(a, b)``): evaluated only when it rounds
    its ``argument`` up or down to a whole number (``rounding``: ``ceil`` or ``floor``;
    ``ceil(64 / 32)``, ``⌈105 / 4.5⌉``), never otherwise."""

    name: str
    start: int
    end: int
    argument: Node | None = None
    rounding: str = ""


@dataclass(eq=False)
class Group:
    inner: Node
    start: int
    end: int
    lead: str = ""  # "=", "≈", "i.e." … written before the expression inside the parentheses
    approx: bool = False


Node = Lit | Ident | Call | BinOp | Neg | Group


def span(node: Node) -> tuple[int, int]:
    """Text span covered by ``node``."""
    if isinstance(node, (Lit, Ident, Call, Group)):
        return node.start, node.end
    if isinstance(node, Neg):
        return node.start, span(node.operand)[1]
    return span(node.left)[0], span(node.right)[1]


def walk(node: Node) -> Iterator[Node]:
    """``node`` and every node below it, left to right."""
    yield node
    if isinstance(node, BinOp):
        yield from walk(node.left)
        yield from walk(node.right)
    elif isinstance(node, Neg):
        yield from walk(node.operand)
    elif isinstance(node, Group):
        yield from walk(node.inner)
    elif isinstance(node, Call) and node.argument is not None:
        yield from walk(node.argument)


def literals(node: Node) -> list[Lit]:
    return [n for n in walk(node) if isinstance(n, Lit)]


def map_literals(node: Node, change: Callable[[Lit], Lit]) -> Node:
    """A copy of ``node`` with ``change`` applied to each literal (the nodes are not shared
    when a literal changes; the original is left as it is)."""
    if isinstance(node, Lit):
        return change(node)
    if isinstance(node, BinOp):
        return replace(
            node, left=map_literals(node.left, change), right=map_literals(node.right, change)
        )
    if isinstance(node, Neg):
        return replace(node, operand=map_literals(node.operand, change))
    if isinstance(node, Group):
        return replace(node, inner=map_literals(node.inner, change))
    if isinstance(node, Call) and node.argument is not None:
        return replace(node, argument=map_literals(node.argument, change))
    return node


def idents(node: Node) -> list[Ident]:
    return [n for n in walk(node) if isinstance(n, Ident)]


def calls(node: Node) -> list[Call]:
    """The functions in ``node`` that are not evaluated (every one but a rounding)."""
    return [n for n in walk(node) if isinstance(n, Call) and not n.rounding]


def strip_groups(node: Node) -> Node:
    while isinstance(node, Group):
        node = node.inner
    return node


def has_operator(node: Node) -> bool:
    """True for a formula with a binary operator (a lone ``-8`` is a number, not a formula)."""
    node = strip_groups(node)
    if isinstance(node, Neg):
        return has_operator(node.operand)
    return isinstance(node, BinOp) or (isinstance(node, Call) and bool(node.rounding))


def product_only(node: Node) -> bool:
    """A product of literals and nothing else (``64 × 64 × 4``; a lone literal too)."""
    node = strip_groups(node)
    if isinstance(node, Lit):
        return True
    return (
        isinstance(node, BinOp)
        and node.op == "*"
        and all(product_only(side) for side in (node.left, node.right))
    )


def operators(node: Node) -> set[str]:
    node = strip_groups(node)
    if isinstance(node, BinOp):
        return {node.op} | operators(node.left) | operators(node.right)
    if isinstance(node, Neg):
        return operators(node.operand)
    return set()


@dataclass(eq=False)
class Chain:
    """Expressions joined by relations: ``a × b = c ≈ d``. ``head`` names a defined symbol."""

    exprs: list[Node]
    relations: list[ChainLink]
    tok_start: int
    tok_end: int
    head: Ident | None = None
    head_relation: ChainLink | None = None
    #: A run like ``TP=4 + GTP=8``: definitions joined by words, not an equation to check.
    ignored: bool = False

    @property
    def start(self) -> int:
        return self.head.start if self.head else span(self.exprs[0])[0]

    @property
    def end(self) -> int:
        return span(self.exprs[-1])[1]
