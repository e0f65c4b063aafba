"""``speclint server`` end to end: the server as a subprocess, driven over stdio by a minimal
JSON-RPC client (Content-Length framing), as an editor drives it."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")

from speclint.app.server import (
    Linter,
    character_column,
    suppression_comment,
    utf16_column,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed" / "parallel-strategy-deployment.md"
SMALL = (
    "# Plan\n"
    "\n"
    "The cluster has 8 × 80 GB = 600 GB of memory.\n"
    "\n"
    "- Weights: 4096 × 4096 × 2 bytes = 35 MB\n"
)
CATALOG = (
    "# Serving Llama-3.1-8B on one H100 SXM\n"
    "\n"
    "- Precision: BF16\n"
    "- Hidden size: 4096\n"
    "- Memory bandwidth: 2 TB/s\n"
    "- Batch size: 16\n"
    "- Throughput: 900,000 tokens/s per GPU\n"
)
TIMEOUT = 60


class Client:
    """A minimal LSP client: requests wait for their response; notifications are queued."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from speclint.app.cli import main; raise SystemExit(main())",
                "server",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self.next_id = 0
        self.responses: dict[int, queue.Queue] = {}
        self.notifications: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if line == b"":
                return
            message = json.loads(stream.read(length))
            if "id" in message and "method" not in message:
                self.responses.setdefault(message["id"], queue.Queue()).put(message)
            elif "method" in message:
                self.notifications.put(message)

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        waiting = self.responses.setdefault(self.next_id, queue.Queue())
        self._send({"id": self.next_id, "method": method, "params": params})
        response = waiting.get(timeout=TIMEOUT)
        assert "error" not in response, response
        return response["result"]

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri``."""
        while True:
            message = self.notifications.get(timeout=TIMEOUT)
            params = message["params"]
            if message["method"] == "textDocument/publishDiagnostics" and params["uri"] == uri:
                return message["params"]["diagnostics"]


def position(line: int, character: int) -> dict[str, int]:
    return {"line": line, "character": character}


def span(line: int, start: int, end: int) -> dict[str, Any]:
    return {"start": position(line, start), "end": position(line, end)}


@pytest.fixture
def client(tmp_path: Path):
    (tmp_path / "speclint.toml").write_text('ignore = ["SPC703"]\n')
    client = Client(tmp_path)
    yield client
    if client.process.poll() is None:
        client.process.kill()
    client.process.wait(timeout=TIMEOUT)


def test_session_over_stdio(client: Client, tmp_path: Path) -> None:
    result = client.request(
        "initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}
    )
    capabilities = result["capabilities"]
    assert capabilities["hoverProvider"] and capabilities["codeActionProvider"]
    client.notify("initialized", {})

    # The seed: related information at every input's line, an unsafe fix, hover with inputs.
    seed_uri = (tmp_path / "seed.md").as_uri()
    text = SEED.read_text(encoding="utf-8")
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": seed_uri, "languageId": "markdown", "version": 1, "text": text}},
    )
    found = client.diagnostics(seed_uri)
    # SPC703 (line 75) is ignored by the speclint.toml next to the document.
    assert [(d["range"]["start"]["line"] + 1, d["code"]) for d in found] == [
        (30, "SPC401"),
        (56, "SPC101"),
        (56, "SPC501"),
        (69, "SPC602"),
        (70, "SPC601"),
        (71, "SPC601"),
    ]
    first = found[0]
    assert first["range"] == span(29, 18, 20)
    assert first["severity"] == 1 and first["source"] == "speclint"
    assert first["message"].startswith("[parameters] total parameters from the architecture: ")
    related = first["relatedInformation"]
    assert [r["location"]["range"]["start"]["line"] + 1 for r in related] == [
        20, 21, 22, 25, 23, 24, 26,
    ]  # fmt: skip
    assert related[1]["location"] == {"uri": seed_uri, "range": span(20, 0, 22)}
    assert related[1]["message"] == "Hidden size | 2560"
    assert found[3]["severity"] == 2  # SPC602 is a warning

    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": seed_uri},
            "range": span(29, 19, 19),
            "context": {"diagnostics": []},
        },
    )
    assert [a["title"] for a in actions] == [
        "Replace '10' with '3.0' (unsafe fix, SPC401)",
        "Suppress SPC401 on line 30 (comment with a reason)",
    ]
    assert "isPreferred" not in actions[0] or actions[0]["isPreferred"] is False
    assert actions[0]["edit"]["changes"] == {
        seed_uri: [{"range": span(29, 18, 20), "newText": "3.0"}]
    }
    assert actions[1]["edit"]["changes"] == {
        seed_uri: [
            {
                "range": span(29, 0, 0),
                "newText": "<!-- speclint-disable-next-line SPC401 -- reason -->\n",
            }
        ]
    }

    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": seed_uri}, "position": position(29, 19)}
    )
    assert hover["range"] == span(29, 18, 20)
    assert hover["contents"] == {
        "kind": "markdown",
        "value": "**SPC401** parameter-count-mismatch (parameters, error)\n\n"
        "total parameters from the architecture: 32 layers × (attention 2·2560·32·80 + "
        "2·2560·32·80 + 8 experts × 3·2560·1024 + router 2560·8) + embeddings 2 × 32000·2560 "
        "= 2.853B–3.017B (from non-embedding weights only up to every weight with norms, "
        "router and embeddings); stated 10B is 3.31× the computed count\n\n"
        "Inputs:\n"
        "- line 20: Layers | 32\n"
        "- line 21: Hidden size | 2560\n"
        "- line 22: Attention heads | 32 (head dim 80, MHA)\n"
        "- line 25: Expert FFN intermediate size | 1024 (SwiGLU)\n"
        "- line 23: Experts per MoE layer | 8\n"
        "- line 24: Routing | top-2\n"
        "- line 26: Vocabulary size | 32,000 (untied embeddings)",
    }
    # A fact: the line it was read from, and the findings it is an input of.
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": seed_uri}, "position": position(20, 5)}
    )
    assert hover == {
        "contents": {
            "kind": "markdown",
            "value": "**Read from line 21** (`Hidden size | 2560`)\n\n- hidden size = 2,560\n\n"
            "An input of: SPC401 on line 30, SPC501 on line 56, SPC602 on line 69, "
            "SPC601 on line 70, SPC601 on line 71",
        },
        "range": span(20, 2, 20),
    }
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": seed_uri}, "position": position(12, 3)}
    )
    assert hover["contents"]["value"] == (
        "**Read from line 13** (`4×4×2 (EP×TP×PP)`)\n\n"
        "- ep = 4; also stated on lines 42 and 44\n"
        "- tp = 4; also stated on lines 42 and 45\n"
        "- pp = 2; also stated on lines 42 and 46"
    )
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": seed_uri}, "position": position(29, 2)}
    )
    assert hover["contents"]["value"] == (
        "**Read from line 30** (`Total Parameters: 10B`)\n\n- param count = 10B"
    )
    nothing = client.request(
        "textDocument/hover", {"textDocument": {"uri": seed_uri}, "position": position(10, 8)}
    )
    assert nothing is None

    # A small document: a safe fix, then a change that makes it right.
    uri = (tmp_path / "plan.md").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": SMALL}},
    )
    found = client.diagnostics(uri)
    assert [(d["range"], d["code"]) for d in found] == [
        (span(2, 28, 31), "SPC101"),
        (span(4, 35, 37), "SPC101"),
    ]
    assert "relatedInformation" not in found[0] or found[0]["relatedInformation"] is None
    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": span(2, 0, 40), "context": {"diagnostics": []}},
    )
    assert actions[0]["title"] == "Replace '600' with '640' (safe fix, SPC101)"
    assert actions[0]["isPreferred"] is True
    assert actions[0]["edit"]["changes"] == {uri: [{"range": span(2, 28, 31), "newText": "640"}]}

    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": span(2, 28, 31), "text": "640"}],
        },
    )
    assert [(d["range"], d["code"]) for d in client.diagnostics(uri)] == [
        (span(4, 35, 37), "SPC101")
    ]

    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert [d["code"] for d in client.diagnostics(uri)] == ["SPC101"]

    # Facts from the catalog: hover on the model and the accelerator the document names.
    uri = (tmp_path / "serving.md").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": CATALOG}},
    )
    assert [d["code"] for d in client.diagnostics(uri)] == ["SPC601"]
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": position(0, 14)}
    )
    assert hover == {
        "contents": {
            "kind": "markdown",
            "value": "**Llama-3.1-8B**: catalog entry "
            "(https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/config.json)\n\n"
            "From the catalog (the document does not state them): layers 32, heads 32, "
            "kv heads 8, ffn size 14,336, vocab 128,256, tied no, gated yes\n\n"
            "Stated in the document instead: hidden size (line 4)",
        },
        "range": span(0, 10, 22),
    }
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": position(0, 33)}
    )
    assert hover["range"] == span(0, 30, 38)
    assert hover["contents"]["value"] == (
        "**NVIDIA H100 SXM**: catalog entry (domain-math §3: NVIDIA H100 spec page via "
        "stas00/ml-engineering; llm-analysis h100-sxm-80gb.json)\n\n"
        "- memory: 80 GB\n"
        "- bandwidth: 3.35 TB/s (the document states 2 TB/s on line 5, which is used)\n"
        "- peak FLOPS (BF16/FP16): 989 TFLOPS\n"
        "- peak FLOPS (FP8): 1,979 TFLOPS\n"
        "- interconnect: 450 GB/s"
    )

    assert client.request("shutdown", None) is None
    client.notify("exit", None)
    assert client.process.wait(timeout=TIMEOUT) == 0


def test_unchanged_text_is_served_from_memory() -> None:
    calls = []

    def lint(text: str, path: str) -> list:
        calls.append(path)
        return []

    linter = Linter(lint)
    assert linter.lint("a", "x.md") == [] and linter.lint("a", "x.md") == []
    assert (linter.misses, linter.hits, calls) == (1, 1, ["x.md"])
    linter.lint("b", "x.md")
    assert (linter.misses, linter.hits) == (2, 1)


def test_columns_in_utf16_units() -> None:
    line = "𝑥 = 中 3"  # 𝑥 is outside the BMP: two UTF-16 units
    assert utf16_column(line, 1) == 0
    assert utf16_column(line, 2) == 2
    assert utf16_column(line, 7) == 7
    assert character_column(line, 2) == 2
    assert character_column(line, 7) == 7
    assert suppression_comment("  - x", "SPC101") == (
        "  <!-- speclint-disable-next-line SPC101 -- reason -->\n"
    )
