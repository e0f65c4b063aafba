"""Words and symbols of formulas in prose: operators, relations, approximations, bounds."""

from __future__ import annotations

from typing import Literal

#: How two sides compare, once normalised (``≤`` → ``<=``, ``~`` → ``≈``).
Relation = Literal["=", "≈", "<", "<=", ">", ">="]
#: What joins a chain's expressions: a relation, or ``:=`` (a definition).
ChainLink = Relation | Literal[":="]

MUL_SYMBOLS = {"×", "*", "·", "⋅", "∙", "✕", "⨯", "\\times", "\\cdot"}
DIV_SYMBOLS = {"/", "÷", "\\div"}
POW_SYMBOLS = {"^", "**"}
RELATIONS: dict[str, ChainLink] = {
    "=": "=",
    "==": "=",
    "≈": "≈",
    "~=": "≈",
    "≃": "≈",
    "≅": "≈",
    "∼": "≈",
    "~": "≈",
    "\\approx": "≈",
    "\\sim": "≈",
    "\\simeq": "≈",
    "<": "<",
    ">": ">",
    "≤": "<=",
    "<=": "<=",
    "≥": ">=",
    ">=": ">=",
    "≲": "<=",
    "≳": ">=",
    "\\le": "<=",
    "\\leq": "<=",
    "\\ge": ">=",
    "\\geq": ">=",
    "\\lt": "<",
    "\\gt": ">",
    ":=": ":=",
}
RELATION_WORDS: dict[str, ChainLink] = {"equals": "="}
#: Phrases that state the result of a formula written before them: ``2 × 4 GB is 8 GB``,
#: ``… works out to 12 s``. Read only after a formula, never between two plain values.
RESULT_PHRASES = (
    ("for", "a", "total", "of"),
    ("works", "out", "to"),
    ("comes", "to"),
    ("which", "is"),
    ("that", "is"),
    ("is",),
    ("gives",),
    ("giving",),
    ("yields",),
)
APPROX_SYMBOLS = {"~", "≈", "∼", "\\approx", "\\sim"}
APPROX_WORDS = {
    "about",
    "around",
    "roughly",
    "approximately",
    "approx",
    "approx.",
    "circa",
    "ca",
    "nearly",
    "almost",
    "some",
}
BOUND_SYMBOLS = {
    "<": "<",
    "≤": "<=",
    "<=": "<=",
    ">": ">",
    "≥": ">=",
    ">=": ">=",
    "≲": "<=",
    "≳": ">=",
}
BOUND_PHRASES = {
    ("up", "to"): "<=",
    ("at", "most"): "<=",
    ("at", "least"): ">=",
    ("less", "than"): "<",
    ("fewer", "than"): "<",
    ("more", "than"): ">",
    ("under",): "<",
    ("below",): "<",
    ("over",): ">",
    ("above",): ">",
    ("max",): "<=",
    ("min",): ">=",
}
BOUND_FIRST_WORDS = frozenset(phrase[0] for phrase in BOUND_PHRASES)
#: Tokens that may come before the number of a quantity.
QUANTITY_PREFIXES = APPROX_SYMBOLS | set(BOUND_SYMBOLS) | {"$", "€"}
RANGE_SYMBOLS = {"–", "—", "‒"}
GREEK_COMMANDS = {
    "\\alpha",
    "\\beta",
    "\\gamma",
    "\\delta",
    "\\eta",
    "\\theta",
    "\\lambda",
    "\\rho",
    "\\sigma",
    "\\tau",
    "\\phi",
    "\\psi",
    "\\omega",
}
#: Words that end a quantity: never a count noun, never a symbol.
STOP_WORDS = frozenset(
    """a an the of per to and or in on at for with by from is are was were be been being each
    every vs versus than as into over under plus minus times which that this these those we it
    its i.e e.g if then so but not no only up down about around roughly approximately approx
    nearly almost circa ca some total totals x X ie eg via when where while within without
    across using use uses used gives yields equals giving get gets let given at least most more
    less fewer below above max min out takes take took needs requires""".split()
)
#: Starts of a snake_case name that is a variable (``n_layers``), never a label on a number.
VARIABLE_PREFIXES = ("n_", "num_", "d_", "total_")
#: Words after a number that mean "B" is billion, not bytes.
BILLION_CONTEXT = frozenset(
    """params param parameters parameter tokens token model models weights moe dense llm active
    total experts""".split()
)
#: A table row labelled with one of these counts things (``Documents | 2.4B``): its ``B`` is a
#: billion of them (after a number in prose, ``64 B records`` may be a size).
COUNTED_ROW_NOUNS = BILLION_CONTEXT | frozenset(
    """documents docs files rows records requests queries users images vectors pages samples
    examples sequences events messages""".split()
)
#: Words before a quantity that scale it (``half of 3.35 TB/s``, ``twice 40 GB``): what a
#: relation after it restates is the scaled quantity, not the one written.
MULTIPLIER_WORDS = frozenset(
    """half halves third thirds quarter quarters fifth fifths tenth tenths twice double triple
    thrice""".split()
)
#: Words after a percentage that make it a change (ratio − 1), not a share (part / whole).
INCREASE_WORDS = frozenset(
    """increase increases improvement faster more higher larger bigger gain growth jump overhead
    speedup uplift rise ahead""".split()
)
#: Words after a percentage that make it a decrease (1 − ratio).
DECREASE_WORDS = frozenset(
    """reduction decrease lower less fewer smaller drop cut saving savings cheaper decline off
    discount behind""".split()
)
#: Counts written as words: ``two nodes``, ``Twelve GPUs``.
NUMBER_WORDS: dict[str, int] = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
#: Counts a price may be per, in words: ``$0.39 per million``.
SCALE_WORDS: dict[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
#: Words that may sit between a part and its share: ``13.5 GB in total, i.e. 56% of …``.
SHARE_FILLER_WORDS = frozenset("in total overall combined altogether all each".split())
#: The words between two figures compared (``178 vs 112 tok/s``, ``300.1 against 163.9``), as
#: the tokenizer splits them.
VERSUS: tuple[list[str], ...] = (["vs"], ["vs."], ["versus"], ["vs", "."], ["against"])
LEAD_WORDS = {"i.e.": "i.e.", "i.e": "i.e.", "ie": "i.e.", "or": "or", "that": "i.e."}


def lower(text: str) -> str:
    return text.lower().rstrip(".")


#: Calendar periods a figure may be per (``$48.94 / month``): no fixed length, so no unit.
PERIOD_WORDS = frozenset({"day", "week", "month", "quarter", "year"})

#: Nouns that count devices, which a device's part name (``H100``, ``L40S``) counts too.
DEVICE_NOUNS = frozenset({"gpu", "accelerator", "card", "device", "chip"})
