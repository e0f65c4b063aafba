"""The progress bar: on a terminal, for a format a person reads, outside CI; never elsewhere."""

from __future__ import annotations

import io

import pytest

from speclint.app import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("output_format", "stream", "environ", "shown"),
    [
        ("full", Terminal(), {}, True),
        ("concise", Terminal(), {"TERM": "xterm"}, True),
        ("json", Terminal(), {}, False),
        ("sarif", Terminal(), {}, False),
        ("full", io.StringIO(), {}, False),
        ("full", Terminal(), {"CI": "true"}, False),
        ("full", Terminal(), {"TERM": "dumb"}, False),
    ],
)
def test_the_bar_is_wanted_only_by_a_person_at_a_terminal(
    output_format: str, stream: io.StringIO, environ: dict[str, str], shown: bool
) -> None:
    assert progress.wanted(output_format, stream, environ) is shown


def test_the_bar_counts_files_on_its_stream_and_passes_every_result_through() -> None:
    stream = Terminal()
    assert list(progress.track(iter(["a", "b", "c"]), 3, stream, delay=0)) == ["a", "b", "c"]
    assert "0/3" in stream.getvalue()


def test_a_run_without_a_terminal_prints_no_bar(cli, tmp_path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text("# Plan\n\n2 + 2 = 5\n")
    code, out, err = cli(["check", "--no-cache", str(doc)])
    assert code == 1 and "2 + 2 = 5" in out and err == ""
