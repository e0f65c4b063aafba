"""The document model: which text is read, and the exact map back to line and column."""

from __future__ import annotations

from speclint.document import MATH_PLACEHOLDER, parse_document

SOURCE = """\
---
title: x = 1 + 1 = 3
---
# Sizing *plan* 2 × 2 = 4

- **Weights**: 26 GB (13B × 2 bytes)
- Nested:
  - inner 3 × 4 = 12
> quoted 5 × 5 = 25
> lazy line 6 × 6 = 36

| Part | Memory (GB) |
|------|------------:|
| KV \\| cache | 4.5 |
| **Total** | 19.2 |

Inline math $L = 40$ and `code 7 × 7 = 49` here.

$$
2 \\times 3 = 6
$$

```text
plain 8 × 8 = 64
```

```python
x = 9 * 9  # = 81
```

    indented 10 × 10 = 100

<!-- 11 × 11 = 121 -->
<div>12 × 12 = 144</div>

## Section two

Para after 13 × 13 = 169\r
"""


def _segments():
    return parse_document(SOURCE.replace("\\r", ""), "plan.md")


def test_every_character_maps_back_to_its_source_character() -> None:
    doc = _segments()
    for seg in doc.segments:
        assert len(seg.text) == len(seg.offsets)
        for ch, offset in zip(seg.text, seg.offsets, strict=True):
            if ch not in ("\n", MATH_PLACEHOLDER):
                assert doc.source[offset] == ch, (seg.text, ch, offset)


def test_which_blocks_are_read() -> None:
    texts = [s.text for s in _segments().segments]
    joined = "\n".join(texts)
    for present in [
        "2 × 2 = 4",
        "26 GB",
        "3 × 4 = 12",
        "5 × 5 = 25",
        "6 × 6 = 36",
        "4.5",
        "19.2",
        "L = 40",
        "code 7 × 7 = 49",
        "2 \\times 3 = 6",
        "plain 8 × 8 = 64",
        "indented 10 × 10 = 100",
        "13 × 13 = 169",
    ]:
        assert present in joined, present
    for absent in ["x = 1 + 1 = 3", "9 * 9", "11 × 11", "12 × 12"]:
        assert absent not in joined, absent


def test_positions_are_one_based_characters() -> None:
    doc = _segments()
    seg = next(s for s in doc.segments if "26 GB" in s.text)
    offset = seg.offsets[seg.text.index("26 GB")]
    assert doc.position(offset) == (6, 16)
    assert doc.line_text(6) == "- **Weights**: 26 GB (13B × 2 bytes)"


def test_tables_know_row_column_and_header() -> None:
    cells = [s for s in _segments().segments if s.cell is not None]
    total = next(s for s in cells if s.text == "19.2")
    assert (total.cell.row, total.cell.col, total.cell.header) == (2, 1, "Memory (GB)")
    escaped = next(s for s in cells if "cache" in s.text)
    assert escaped.text == "KV | cache"


def test_sections_and_list_items() -> None:
    segs = _segments().segments
    last = next(s for s in segs if "13 × 13" in s.text)
    assert last.section == ("Sizing plan 2 × 2 = 4", "Section two")
    inner = next(s for s in segs if "inner" in s.text)
    outer = next(s for s in segs if "26 GB" in s.text)
    assert inner.item.depth == 2 and outer.item.depth == 1
    assert inner.item.list_id != outer.item.list_id


def test_inline_math_is_its_own_segment_and_code_is_marked() -> None:
    segs = _segments().segments
    math = next(s for s in segs if s.text == "L = 40")
    assert math.math
    para = next(s for s in segs if "code 7 × 7" in s.text)
    assert MATH_PLACEHOLDER in para.text
    start = para.offsets[para.text.index("code")]
    assert any(a <= start < b for a, b in para.code)


def test_crlf_and_tabs() -> None:
    doc = parse_document("# T\r\n\r\n- a\t: 1 + 1 = 2\r\n", "crlf.md")
    seg = next(s for s in doc.segments if "1 + 1" in s.text)
    assert doc.position(seg.offsets[seg.text.index("1 + 1")]) == (3, 7)


def test_emphasis_between_digits_is_multiplication() -> None:
    doc = parse_document("Total: 512*500*2MB*5=2.56TB\n", "e.md")
    assert doc.segments[0].text == "Total: 512*500*2MB*5=2.56TB"
