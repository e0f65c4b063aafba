"""Key-value lines of fenced configuration blocks, with their comments and source positions."""

from __future__ import annotations

from speclint.claims.config_blocks import config_entries
from speclint.document import parse_document

DOC = """# Router config

```yaml
# router.yaml
pool:
  replicas: 6          # 2 per zone
  url: "http://router#health"
  limits:
    max_batch_tokens: 8192   # 4 * 2048
- name: canary
```

```ini
[queue]
depth = 64 ; per worker
```

```python
x = 1  # not a config block
```
"""


def _rows() -> list[tuple[tuple[str, ...], str, str, str, int | None]]:
    doc = parse_document(DOC, "router.md")
    rows = []
    for e in config_entries(doc):
        line = doc.position(e.value_offsets[0])[0] if e.value_offsets else None
        rows.append((e.path, e.key, e.value, e.comment, line))
    return rows


def test_entries_keep_nesting_values_comments_and_lines() -> None:
    assert _rows() == [
        ((), "", "", "router.yaml", None),
        ((), "pool", "", "", None),
        (("pool",), "replicas", "6", "2 per zone", 6),
        (("pool",), "url", '"http://router#health"', "", 7),
        (("pool",), "limits", "", "", None),
        (("pool", "limits"), "max_batch_tokens", "8192", "4 * 2048", 9),
        ((), "name", "canary", "", 10),
        (("queue",), "depth", "64", "per worker", 15),
    ]


def test_comment_offsets_point_at_the_source() -> None:
    doc = parse_document(DOC, "router.md")
    entry = next(e for e in config_entries(doc) if e.key == "max_batch_tokens")
    start, end = entry.comment_offsets[0], entry.comment_offsets[-1] + 1
    assert doc.source[start:end] == "4 * 2048"
    assert doc.position(start) == (9, 32)
