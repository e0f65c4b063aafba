"""Comments in fenced YAML/TOML/INI blocks (issue 10): a comment that derives or restates the
key's value, in the unit the key's name ends in, and a comment that makes a claim of its own.
Each wrong shape has correct look-alikes that must stay silent."""

from __future__ import annotations

from speclint import lint_text
from speclint.claims.config_comments import key_unit

POOL = """\
# Reranker pool

```{lang}
pool:
  weights_gib: 13.4            # 7.2e9 * 2 / 1024**3
  decode_floor_ms: {decode}         # weights / hbm_bw = 14.4e9 / 3.35e12
  queue_timeout_s: 90          # i.e. {timeout} min
  batch_tokens: {batch}          # 8 * 2048
  replicas: 6                  # 2 per zone
  scale_in_at: 0.4             # 600 req/s
  peak_flops: 989e12           # dense, not the 1979 sparse figure
  nic_bytes_per_s: 25e9        # 200 Gbps = {nic} GB/s
  burst_factor: 1.5            # 150% of 400 = {burst} req/s
  workers: {workers}                  # 3 * 4
```
"""


def pool(lang: str = "yaml", **wrong: str) -> str:
    values = {
        "decode": "4.3",
        "timeout": "1.5",
        "batch": "16384",
        "nic": "25",
        "burst": "600",
        "workers": "12",
    }
    return POOL.format(lang=lang, **{**values, **wrong})


def found(text: str) -> list[tuple[int, str, str]]:
    """(line, code, fix) of every error and warning."""
    return [
        (d.line, d.code, d.fix.replacement if d.fix else "")
        for d in lint_text(text, "t.md")
        if d.severity in ("error", "warning")
    ]


def test_correct_comments_and_look_alikes_stay_silent() -> None:
    # Words after a unitless key (2 per zone, 600 req/s for a threshold, the sparse figure)
    # are not the key's value.
    assert found(pool()) == []


def test_a_formula_comment_is_the_value_in_the_keys_unit() -> None:
    [diag] = lint_text(pool(decode="0.43"), "t.md")
    assert (diag.line, diag.column, diag.code) == (6, 20, "SPC101")
    assert diag.message == (
        "14.4e9 / 3.35e12 = 4.30 ms; stated 0.43 ms is 10.00× too small (the comment is read as "
        "the value of `decode_floor_ms`, in ms as the key's name says; the formula has no unit, "
        "so it is read in s)"
    )
    assert diag.fix is not None
    assert (diag.fix.replacement, diag.fix.applicability) == ("4.30", "unsafe")


def test_a_plain_formula_after_a_key_with_or_without_a_unit() -> None:
    assert found(pool(batch="12288")) == [(8, "SPC101", "16384")]
    assert found(pool(batch="16000")) == []  # rounded to its trailing zeros
    assert found(pool(workers="16")) == [(14, "SPC101", "12")]


def test_a_restatement_in_the_comment() -> None:
    assert found(pool(timeout="15")) == [(7, "SPC201", "1.5")]


def test_a_comment_makes_claims_of_its_own() -> None:
    assert found(pool(nic="200")) == [(12, "SPC203", "25")]
    assert found(pool(burst="650")) == [(13, "SPC102", "600")]


def test_toml_is_read_and_code_is_not() -> None:
    toml = pool(lang="toml", decode="0.43").replace("pool:", "[pool]").replace(":", " =")
    assert found(toml) == [(6, "SPC101", "4.30")]
    assert found(pool(lang="python", decode="0.43")) == []


def test_key_units_come_from_the_end_of_the_name() -> None:
    assert key_unit("step_floor_ms") == "ms"
    assert key_unit("hbm_bw_bytes_per_s") == "B/s"
    assert key_unit("target_tokens_per_s_per_replica") == "tokens/s"
    assert key_unit("kv_cache_gib") == "GiB"
    assert key_unit("scale_up_threshold") is None
    assert key_unit("ms") is None  # a unit alone is no key of a quantity
