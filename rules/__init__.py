"""speclint's built-in rules: one module per rule, named after the rule, whose docstring is
the rule's documentation (``speclint rule CODE``), and this table of their codes.

Installed as the ``speclint_rules`` package; ``speclint.engine.registry`` registers it as a
built-in plugin, and third-party rules arrive through the ``speclint`` entry-point group.
"""

from __future__ import annotations

from speclint.engine.rule import Rule

from .binary_prefix_slip import BINARY_PREFIX_SLIP
from .bits_bytes_slip import BITS_BYTES_SLIP
from .catalog_mismatch import CATALOG_MISMATCH
from .conflicting_fact import CONFLICTING_FACT
from .conversion_mismatch import CONVERSION_MISMATCH
from .factor_1000_slip import FACTOR_1000_SLIP
from .formula_mismatch import FORMULA_MISMATCH
from .latency_below_light_speed import LATENCY_BELOW_LIGHT_SPEED
from .latency_below_peak_bound import LATENCY_BELOW_PEAK_BOUND
from .latency_beyond_realistic import LATENCY_BEYOND_REALISTIC
from .latency_implausibly_slow import LATENCY_IMPLAUSIBLY_SLOW
from .layout_product_mismatch import LAYOUT_PRODUCT_MISMATCH
from .memory_mismatch import MEMORY_MISMATCH
from .memory_over_capacity import MEMORY_OVER_CAPACITY
from .parameter_count_mismatch import PARAMETER_COUNT_MISMATCH
from .per_unit_total_mismatch import PER_UNIT_TOTAL_MISMATCH
from .percent_fraction_slip import PERCENT_FRACTION_SLIP
from .percentage_mismatch import PERCENTAGE_MISMATCH
from .rounding_slip import ROUNDING_SLIP
from .sum_mismatch import SUM_MISMATCH
from .throughput_above_peak import THROUGHPUT_ABOVE_PEAK
from .throughput_beyond_realistic import THROUGHPUT_BEYOND_REALISTIC
from .training_time_mismatch import TRAINING_TIME_MISMATCH
from .unchecked_formula import UNCHECKED_FORMULA
from .unchecked_text import UNCHECKED_TEXT
from .unused_suppression import UNUSED_SUPPRESSION

#: Every built-in rule, ordered by code (each rule carries its code, name and category).
BUILTIN_RULES: tuple[Rule, ...] = (
    UNCHECKED_FORMULA,  # SPC001
    UNUSED_SUPPRESSION,  # SPC002
    UNCHECKED_TEXT,  # SPC003
    FORMULA_MISMATCH,  # SPC101
    PERCENTAGE_MISMATCH,  # SPC102
    SUM_MISMATCH,  # SPC103
    ROUNDING_SLIP,  # SPC104
    CONVERSION_MISMATCH,  # SPC201
    BINARY_PREFIX_SLIP,  # SPC202
    BITS_BYTES_SLIP,  # SPC203
    FACTOR_1000_SLIP,  # SPC204
    PERCENT_FRACTION_SLIP,  # SPC205
    PER_UNIT_TOTAL_MISMATCH,  # SPC301
    CONFLICTING_FACT,  # SPC302
    LAYOUT_PRODUCT_MISMATCH,  # SPC303
    CATALOG_MISMATCH,  # SPC304
    PARAMETER_COUNT_MISMATCH,  # SPC401
    MEMORY_MISMATCH,  # SPC501
    MEMORY_OVER_CAPACITY,  # SPC502
    THROUGHPUT_ABOVE_PEAK,  # SPC601
    THROUGHPUT_BEYOND_REALISTIC,  # SPC602
    LATENCY_BELOW_PEAK_BOUND,  # SPC701
    LATENCY_BEYOND_REALISTIC,  # SPC702
    LATENCY_IMPLAUSIBLY_SLOW,  # SPC703
    TRAINING_TIME_MISMATCH,  # SPC704
    LATENCY_BELOW_LIGHT_SPEED,  # SPC705
)


def speclint_rules() -> list[Rule]:
    """The built-in rules (a hook of ``speclint.engine.registry.HOOKS``)."""
    return list(BUILTIN_RULES)
