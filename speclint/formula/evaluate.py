"""Exact evaluation of parsed formulas: a rational point value plus an interval.

The arithmetic runs in sympy, imported on the first formula (not on import: a document without
a formula never loads it). Values enter as ``Fraction`` and leave as ``Fraction``: nothing
outside this module sees a sympy number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from speclint.formula.expr import BinOp, Call, Group, Ident, Lit, Neg, Node, TooComplex
from speclint.formula.sympy_core import core
from speclint.quantity.exact import INFINITY, Bound, finite
from speclint.quantity.interval import Interval, UndefinedOperation
from speclint.quantity.numbers import make_literal
from speclint.quantity.precision import (
    DEFAULT_TOLERANCE,
    Tolerance,
    written_interval,
    written_point,
)
from speclint.quantity.units import Dims, unit_table

#: Largest integer exponent evaluated, and largest result size in bits (claim-checking §8).
MAX_EXPONENT = 4096
MAX_RESULT_BITS = 4096


class NotEvaluable(Exception):
    """The formula cannot be evaluated: unknown symbol, mixed dimensions, bound as operand…"""


@dataclass(frozen=True)
class Value:
    """An evaluated quantity in base units (bytes, seconds, dollars; counts are plain numbers)."""

    point: Fraction
    interval: Interval
    dims: Dims
    #: True when no operand carried a unit: "8 × 80" may be read in the stated unit.
    bare: bool


def literal_factor(lit: Lit, *, billion: bool = False) -> Fraction:
    """Exact factor from the literal's written number to base units."""
    factor = Fraction(1)
    if billion and lit.alt_scale is not None:
        return lit.alt_scale.factor
    if lit.scale is not None:
        factor *= lit.scale.factor
    if lit.unit is not None:
        factor *= lit.unit.factor
    return factor


def literal_value(
    lit: Lit,
    *,
    stated: bool,
    billion: bool = False,
    approx: bool = False,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    rounded: bool = False,
    zeros_cap: int | None = None,
) -> Value:
    """A literal's value and interval in base units (``stated`` selects the rounding rule,
    ``approx`` widens it as a value written after ``≈``, ``tolerance`` sets how loosely,
    ``rounded`` reads an integer operand as rounded, ``zeros_cap`` at most that many of a
    stated integer's trailing zeros as rounding)."""
    table = unit_table()
    factor = literal_factor(lit, billion=billion)
    use_bytes = lit.unit is not None and not (billion and lit.alt_scale is not None)
    dims = lit.unit.dims if lit.unit is not None and use_bytes else table.dimensionless
    written = written_interval(
        lit,
        stated=stated,
        approx=approx,
        tolerance=tolerance,
        rounded=rounded,
        zeros_cap=zeros_cap,
    )
    interval = written.scale(factor)
    scale = lit.scale
    # "128K context" and "96K" may be 1024-based; "65.5M" and "20M vectors" never are: above
    # a thousand, a binary multiple is a power of two times its prefix ("1M context").
    if (
        scale is not None
        and scale.binary is not None
        and lit.number.is_plain_integer
        and (scale.binary == 1024 or _power_of_two(lit.number.value))
        and not any(table.hard_part(dims))
    ):
        binary_factor = scale.binary * (lit.unit.factor if lit.unit else 1)
        interval = interval.hull(written.scale(binary_factor))
    return Value(written_point(lit) * factor, interval, dims, bare=not use_bytes)


def _power_of_two(value: Fraction) -> bool:
    n = int(value)
    return n == value and n > 0 and n & (n - 1) == 0


@dataclass(frozen=True)
class _Operand:
    """A value inside the evaluator: the point and the interval's bounds are sympy numbers."""

    point: Any
    interval: Interval
    dims: Dims
    bare: bool


def _whole(number: Any, up: bool) -> Any:
    """A rational sympy number rounded up or down to a whole one (an infinite one as it is)."""
    if not number.is_finite:
        return number
    p, q = number.p, number.q
    return _sympy().Integer(-(-p // q) if up else p // q)


def _sympy() -> Any:
    """sympy's core (``speclint.formula.sympy_core``), imported on the first formula
    evaluated."""
    return core()


def _to_sympy(value: Value) -> _Operand:
    """A ``Fraction`` value as the evaluator computes with it."""
    sympy = _sympy()

    def convert(x: Bound) -> Any:
        if isinstance(x, float):  # an open bound
            return sympy.oo if x > 0 else -sympy.oo
        return sympy.Rational(x.numerator, x.denominator)

    interval = Interval(convert(value.interval.lo), convert(value.interval.hi))
    return _Operand(convert(value.point), interval, value.dims, value.bare)


def _from_sympy(value: _Operand) -> Value:
    """The evaluator's result as a ``Fraction`` value."""
    oo = _sympy().oo

    def convert(x: Any) -> Bound:
        if x == oo or x == -oo:
            return INFINITY if x > 0 else -INFINITY
        return Fraction(int(x.numerator), int(x.denominator))

    interval = Interval(convert(value.interval.lo), convert(value.interval.hi))
    return Value(finite(convert(value.point)), interval, value.dims, value.bare)


class Evaluator:
    """Evaluate AST nodes against a symbol table of already-evaluated values."""

    def __init__(
        self,
        symbols: Mapping[str, Value] | None = None,
        *,
        billion: bool = False,
        billion_symbols: Mapping[str, Value] | None = None,
        floor_division: bool = False,
        tolerance: Tolerance = DEFAULT_TOLERANCE,
        swap: frozenset[int] = frozenset(),
        rounded: frozenset[int] = frozenset(),
    ):
        self.symbols = symbols or {}
        #: Source offsets of the ambiguous ``B`` literals read as billion (``70B × 2 B``).
        self.swap = swap
        #: Integer operands (their ``id``) read as rounded to their last digit.
        self.rounded = rounded
        if billion and billion_symbols:
            self.symbols = {**self.symbols, **billion_symbols}
        self.billion = billion
        #: Read ``a / b`` of two exact integers as integer division, as code does.
        self.floor_division = floor_division
        self.tolerance = tolerance
        self.table = unit_table()

    def evaluate(self, node: Node) -> Value:
        leaf = node
        while isinstance(leaf, Group):
            leaf = leaf.inner
        if isinstance(leaf, Lit):  # a single number: nothing to compute, no sympy
            return self._literal(leaf, None)
        if isinstance(leaf, Ident):
            return self._symbol(leaf)
        try:
            return _from_sympy(self._eval(node, None))
        except UndefinedOperation as exc:
            raise NotEvaluable(str(exc)) from exc

    def _symbol(self, node: Ident) -> Value:
        if node.name not in self.symbols:
            raise NotEvaluable(f"'{node.name}' is not defined in the document")
        return self.symbols[node.name]

    def _eval(self, node: Node, inherit: Lit | None) -> _Operand:
        if isinstance(node, Group):
            return self._eval(node.inner, inherit)
        if isinstance(node, Lit):
            return _to_sympy(self._literal(node, inherit))
        if isinstance(node, Call):
            return self._rounded(node)
        if isinstance(node, Ident):
            return _to_sympy(self._symbol(node))
        if isinstance(node, Neg):
            v = self._eval(node.operand, inherit)
            return _Operand(-v.point, -v.interval, v.dims, v.bare)
        if node.op in ("+", "-"):
            return self._additive(node)
        left = self._eval(node.left, None)
        exponent_unit = _unit_on_exponent(node)
        if exponent_unit is not None:
            # "2^20 bytes": the unit belongs to the power, not to the exponent.
            bare_exponent = Lit(**{**exponent_unit.__dict__, "unit": None, "unit_text": ""})
            power = self._power(left, self._eval(bare_exponent, None))
            unit = _to_sympy(
                literal_value(Lit(**{**exponent_unit.__dict__, "number": _ONE}), stated=False)
            )
            return _Operand(
                power.point * unit.point,
                power.interval.scale(unit.point),
                self.table.mul(power.dims, unit.dims),
                False,
            )
        right = self._eval(node.right, None)
        if node.op in ("*", "of"):
            return _Operand(
                left.point * right.point,
                left.interval * right.interval,
                self.table.mul(left.dims, right.dims),
                left.bare and right.bare,
            )
        if node.op == "/":
            if right.point == 0:
                raise NotEvaluable("division by zero")
            if self.floor_division and _exact_integer(left) and _exact_integer(right):
                quotient = _sympy().Integer(left.point.p // right.point.p)
                return _Operand(
                    quotient,
                    Interval.point(quotient),
                    self.table.div(left.dims, right.dims),
                    left.bare and right.bare,
                )
            return _Operand(
                left.point / right.point,
                left.interval / right.interval,
                self.table.div(left.dims, right.dims),
                left.bare and right.bare,
            )
        return self._power(left, right)

    def _rounded(self, node: Call) -> _Operand:
        """``ceil(…)`` or ``floor(…)`` of a plain number: the whole number it rounds to, and
        the whole numbers its interval's ends round to (a quantity with a unit rounds
        differently in each unit: not evaluated)."""
        if node.argument is None or not node.rounding:
            raise NotEvaluable(f"'{node.name}' is a function; functions are not evaluated")
        value = self._eval(node.argument, None)
        if any(value.dims):
            raise NotEvaluable(f"'{node.name}' rounds a quantity with a unit")
        up = node.rounding == "ceil"
        lo, hi = value.interval.lo, value.interval.hi
        return _Operand(
            _whole(value.point, up),
            Interval(_whole(lo, up), _whole(hi, up)),
            value.dims,
            value.bare,
        )

    def _literal(self, lit: Lit, inherit: Lit | None) -> Value:
        """A literal's value (``Fraction``), borrowing the unit of its sum's other terms."""
        if lit.bound:
            raise NotEvaluable("a bound ('< 100 ms') is not a value to compute with")
        rounded = id(lit) in self.rounded
        if inherit is not None and lit.unit is None and not lit.label:
            borrowed = Lit(**{**lit.__dict__, "unit": inherit.unit, "unit_text": inherit.unit_text})
            if borrowed.scale is None:
                borrowed.scale, borrowed.alt_scale = inherit.scale, inherit.alt_scale
            lit = borrowed
        return literal_value(
            lit,
            stated=False,
            billion=self._billion(lit),
            tolerance=self.tolerance,
            rounded=rounded,
        )

    def _billion(self, lit: Lit) -> bool:
        return self.billion or lit.num_start in self.swap

    def _additive(self, node: BinOp) -> _Operand:
        terms = _additive_terms(node)
        with_unit = [t for _, t in terms if isinstance(t, Lit) and t.unit is not None]
        inherit = None
        if with_unit and len({(t.unit_text, t.scale) for t in with_unit}) == 1:
            inherit = with_unit[0]
        # "4 B master + 4 + 4 B Adam moments": the bare 4 is 4 B too, when every term is a
        # number and those with a scale (two at least) share it
        scaled = [t for _, t in terms if isinstance(t, Lit) and t.scale is not None]
        numbers = all(isinstance(t, Lit) for _, t in terms)
        shared = len({(t.scale, t.alt_scale) for t in scaled}) == 1
        if not with_unit and numbers and len(scaled) >= 2 and shared:
            inherit = scaled[0]
        total: _Operand | None = None
        for sign, term in terms:
            # "0.9 utilisation − 36.4 GB": a number that names something else borrows no unit.
            lends = isinstance(term, Lit) and not term.label
            v = self._eval(term, inherit if lends else None)
            if sign < 0:
                v = _Operand(-v.point, -v.interval, v.dims, v.bare)
            if total is None:
                total = v
                continue
            if self.table.hard_part(total.dims) != self.table.hard_part(v.dims):
                raise NotEvaluable("adds quantities of different dimensions")
            total = _Operand(
                total.point + v.point,
                total.interval + v.interval,
                total.dims,
                total.bare and v.bare,
            )
        assert total is not None
        return total

    def _power(self, base: _Operand, exponent: _Operand) -> _Operand:
        if any(exponent.dims) or exponent.interval.lo != exponent.interval.hi:
            raise NotEvaluable("exponent is not an exact number")
        e = exponent.point
        if e.denominator != 1:
            raise NotEvaluable("fractional exponents are not evaluated")
        e_int = int(e)
        size = max(_bits(base.interval.lo), _bits(base.interval.hi), 1)
        if abs(e_int) > MAX_EXPONENT or abs(e_int) * size > MAX_RESULT_BITS:
            raise TooComplex(f"power with a result over {MAX_RESULT_BITS} bits")
        if base.point == 0 and e_int < 0:
            raise NotEvaluable("division by zero")
        return _Operand(
            _exact_power(base.point, e_int),
            _interval_power(base.interval, e_int),
            self.table.pow(base.dims, e_int),
            base.bare,
        )


def _exact_power(x: Any, e: int) -> Any:
    """``x ** e`` for a sympy rational and a whole exponent, in Python integers: sympy's own
    power consults its assumptions system, which loads the rest of sympy on its first use."""
    sympy = _sympy()
    if x in (sympy.oo, -sympy.oo):
        return x**e
    n, d = int(x.p), int(x.q)
    if e < 0:
        if n == 0:
            raise NotEvaluable("division by zero")
        n, d, e = d, n, -e
    return sympy.Rational(n**e, d**e)


def _interval_power(interval: Interval, e: int) -> Interval:
    """``Interval.power`` over the evaluator's sympy bounds, through ``_exact_power``."""
    if e == 0:
        return Interval(_sympy().Integer(1), _sympy().Integer(1))
    if e < 0 and interval.lo <= 0 <= interval.hi:
        raise NotEvaluable("division by an interval that holds zero")
    lo, hi = _exact_power(interval.lo, e), _exact_power(interval.hi, e)
    if e % 2 == 0 and interval.lo <= 0 <= interval.hi:
        return Interval(_sympy().Integer(0), max(lo, hi))
    return Interval(min(lo, hi), max(lo, hi))


_ONE = make_literal("1", "1")


def _unit_on_exponent(node: BinOp) -> Lit | None:
    """The exponent of ``2^20 bytes``, when it is a plain integer carrying the unit."""
    right = node.right
    if node.op != "^" or not isinstance(right, Lit) or right.unit is None:
        return None
    if right.scale is not None or not right.number.is_plain_integer or right.is_percent:
        return None
    return right


def _exact_integer(value: _Operand) -> bool:
    return value.point.denominator == 1 and value.interval.lo == value.interval.hi


def _bits(value: Any) -> int:
    return max(abs(int(value.numerator)).bit_length(), int(value.denominator).bit_length())


def _additive_terms(node: Node) -> list[tuple[int, Node]]:
    """Flatten ``a + b - c`` into signed terms (parentheses are kept as single terms)."""
    if isinstance(node, BinOp) and node.op in ("+", "-"):
        right = [(1 if node.op == "+" else -1, node.right)]
        return _additive_terms(node.left) + right
    return [(1, node)]
