"""Quantities: numbers as written, exact units, intervals and precision (the exact kernel)."""
