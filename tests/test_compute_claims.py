"""Compute claims (SPC601 past 100 % of peak, SPC602 past realistic MFU): a FLOP/s figure per
device, per node or for the cluster against its devices' dense peak at its precision, an MFU or
HFU past 100 %, and a training throughput against devices × peak ÷ (6 · N). Each wrong claim has
a correct look-alike that stays silent."""

from __future__ import annotations

import json

import pytest

from speclint.domain.compute import compute_terms, devices_named
from speclint.domain.hardware import catalog

ARCH_7B = (
    "- Layers: 32\n- Hidden size: 4096\n- Attention heads: 32 (MHA)\n"
    "- FFN intermediate size: 11008 (SwiGLU)\n- Precision: BF16\n"
)


def _findings(cli, text: str) -> list[tuple[int, str, str]]:
    code, out, err = cli(["check", "-", "--format", "json"], stdin=text)
    assert code in (0, 1), err
    return [(d["line"], d["code"], d["message"]) for d in json.loads(out)]


def _codes(cli, text: str) -> list[tuple[int, str]]:
    return [(line, code) for line, code, _ in _findings(cli, text)]


L4 = "# Encoder fleet\n\n- Accelerator: NVIDIA L4\n"


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Each L4 sustains 150 TFLOP/s on the encoder.", ["SPC601"]),  # 1.24× 121 dense
        ("Each L4 sustains 100 TFLOP/s on the encoder.", ["SPC602"]),  # 83 % of peak
        ("Each L4 sustains 70 TFLOP/s on the encoder.", []),  # 58 % of peak
        ("Each L4 reaches 140 TFLOP/s.", ["SPC601"]),  # past the dense BF16 peak
        ("With 2:4 sparsity each L4 reaches 140 TFLOP/s.", []),  # 58 % of the sparse 242
        ("Each L4 reaches 140 TFLOP/s in FP8.", []),  # 58 % of the FP8 242
        ("The L4 datasheet lists 242 TFLOPS.", []),  # a peak figure, not a claim
        ("Each L4 sustains 150 TOPS in INT8.", []),  # no catalog peak for INT8
    ],
)
def test_per_device_figure_against_the_dense_peak_of_its_precision(cli, claim, expected) -> None:
    assert [code for _, code in _codes(cli, L4 + f"- {claim}\n")] == expected


def test_per_device_message_shows_the_peak_its_source_and_the_assumed_precision(cli) -> None:
    [(line, code, message)] = _findings(
        cli, L4 + "- Each L4 sustains 150 TFLOP/s on the encoder.\n"
    )
    assert (line, code) == (4, "SPC601")
    assert message == (
        "compute: one device × 121 TFLOPS (dense BF16 peak) (precision not stated: BF16 "
        "assumed) allows at most 121 TFLOPS at 100 % of peak; stated 150 TFLOP/s is 1.24× the "
        "bound; inputs: dense BF16 peak 121 TFLOPS (catalog: NVIDIA L4)"
    )


H100_32 = "# Training cluster\n\n- GPU: H100 SXM\n- GPUs: 32\n"


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # a node figure is compared with the node's 8 devices, not the document's 32
        ("The 8×H100 node delivers 9 PFLOP/s BF16.", ["SPC601"]),
        ("The 8×H100 node delivers 4.5 PFLOP/s BF16.", []),  # 57 % of 7,912 TFLOPS
        ("Each node (8 GPUs) sustains 9 PFLOP/s.", ["SPC601"]),
        # a cluster figure against all 32 devices: 31,648 TFLOPS
        ("The cluster sustains 40 PFLOP/s.", ["SPC601"]),
        ("The cluster sustains 25 PFLOP/s.", ["SPC602"]),  # 79 %
        ("The cluster sustains 15 PFLOP/s.", []),  # 47 %
        ("Each H100 sustains 1.1 PFLOP/s in BF16.", ["SPC601"]),
        ("Each H100 sustains 1.1 PFLOP/s in FP8.", []),  # 56 % of the FP8 1,979
        ("The node peaks at 9 PFLOP/s.", []),  # a peak figure
        ("If each H100 sustained 1.1 PFLOP/s in BF16, we would be done.", []),  # hypothetical
        # "per GPU" is the first figure's; the second is the cluster's (31,648 TFLOPS)
        ("At 50% MFU that is 494 TFLOP/s per GPU, or 15.8 PFLOP/s for the cluster.", []),
    ],
)
def test_node_and_cluster_figures_count_their_devices(cli, claim, expected) -> None:
    assert [code for _, code in _codes(cli, H100_32 + f"- {claim}\n")] == expected


def test_node_message_names_the_count_its_sentence_gives(cli) -> None:
    [(line, code, message)] = _findings(
        cli, H100_32 + "- The 8×H100 node delivers 9 PFLOP/s BF16.\n"
    )
    assert (line, code) == (5, "SPC601")
    assert message.startswith(
        "compute: 8 devices (8×H100) × 989 TFLOPS (dense BF16 peak) allows at most 7,912 TFLOPS "
        "at 100 % of peak; stated 9 PFLOP/s BF16 is 1.14× the bound; inputs: dense BF16 peak "
        "989 TFLOPS (catalog: NVIDIA H100 "
    )


def test_cluster_message_reads_a_system_total_with_the_gpu_count_line(cli) -> None:
    [(_, _, message)] = _findings(cli, H100_32 + "- The cluster sustains 40 PFLOP/s.\n")
    assert "all 32 GPUs (read as a system total, the most generous reading) × 989 TFLOPS" in message
    assert "stated 40 PFLOP/s is 1.26× the bound" in message
    assert message.endswith("GPUs: 32 (line 4)")


def test_fp8_only_where_the_part_has_it(cli) -> None:
    doc = "# Box\n\n- GPU: A100 80GB\n"
    assert _codes(cli, doc + "- An A100 sustains 400 TFLOP/s in FP8.\n") == []
    assert _codes(cli, doc + "- An A100 sustains 400 TFLOP/s.\n") == [(4, "SPC601")]


def test_silent_when_the_device_is_ambiguous(cli) -> None:
    doc = (
        "# Two fleets\n\n- Encoders run on NVIDIA L4 cards; the decoder on H100 SXM.\n- GPUs: 16\n"
    )
    assert _codes(cli, doc + "- The fleet sustains 9 PFLOP/s.\n") == []
    # the sentence names its device: that one's peak
    assert _codes(cli, doc + "- Each L4 sustains 150 TFLOP/s.\n") == [(5, "SPC601")]
    # no device at all
    assert _codes(cli, "# Plan\n\n- GPUs: 8\n- The cluster sustains 90 PFLOP/s.\n") == []


def test_a_stated_peak_is_the_bound_and_is_not_itself_checked(cli) -> None:
    doc = "# Plan\n\n- GPU: H100 SXM\n- Peak compute: 500 TFLOPS\n"
    assert _codes(cli, doc) == []
    [(line, code, message)] = _findings(cli, doc + "- Each GPU sustains 600 TFLOP/s.\n")
    assert (line, code) == (5, "SPC601")
    assert "one device × 500 TFLOPS (the peak the document states)" in message
    assert "Peak compute: 500 TFLOPS (line 4)" in message


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("- MFU of 120 %.", ["SPC601"]),
        ("- We measured 105% HFU on the pilot.", ["SPC601"]),
        ("- We ran at 70% MFU.", ["SPC602"]),
        ("- MFU: 45%", []),
        ("- The pilot reached 55–60% MFU.", []),  # a range
        ("- 120 % of the budget was spent.", []),  # not a utilisation
        ("- Even at 100% MFU the run takes 3 days.", []),  # the peak as a bound
        ("- MFU rose by 20% after the fix.", []),  # a change, not a utilisation
    ],
)
def test_utilisation_past_100_percent_and_past_realistic(cli, claim, expected) -> None:
    assert [code for _, code in _codes(cli, f"# Run\n\n{claim}\n")] == expected


def test_utilisation_messages(cli) -> None:
    [(_, _, error)] = _findings(cli, "# Run\n\n- MFU of 120 %.\n")
    assert error == (
        "utilisation: model (or hardware) FLOPs ÷ peak FLOPs is at most 100 %; stated 120 % is "
        "1.2× the peak"
    )
    [(_, _, warning)] = _findings(cli, "# Run\n\n- We ran at 70% MFU.\n")
    assert warning == (
        "utilisation: realistic MFU is at most 60 % (default, [tool.speclint.efficiency]; large "
        "training runs reach 40–56 %); stated 70% MFU is 1.17× that"
    )


TRAIN = "# Pretraining\n\n" + ARCH_7B + "- Hardware: 8× H100 SXM\n"


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # 8 × 989 TFLOPS ÷ (6 × 6.476B) = 203,623 tokens/s; 122,174 at MFU 60 %
        ("We train at 400k tokens/s across the node.", ["SPC601"]),
        ("We train at 150k tokens/s across the node.", ["SPC602"]),
        ("We train at 100k tokens/s across the node.", []),
        # inference reads 2 · N: 8 × 989 TFLOPS ÷ (2 × 6.476B) = 610,871; 427,610 at the
        # prefill MFU prior of 70 %
        ("Prefill runs at 400k tokens/s across the node.", []),
        ("Prefill runs at 450k tokens/s across the node.", ["SPC602"]),
    ],
)
def test_training_throughput_counts_six_flops_per_parameter(cli, claim, expected) -> None:
    assert [code for _, code in _codes(cli, TRAIN + f"- {claim}\n")] == expected


def test_training_message_shows_the_six(cli) -> None:
    [(line, code, message)] = _findings(cli, TRAIN + "- We train at 400k tokens/s on it.\n")
    assert (line, code) == (9, "SPC601")
    assert message.startswith(
        "training: 989 TFLOPS ÷ (6 × 6.476B non-embedding params per token, training: forward "
        "and backward), × 8 GPUs, allows at most 203,623 tokens/s for all 8 GPUs together at "
        "100 % of peak; stated 400k tokens/s is 1.96× the bound"
    )


def test_compute_terms_read_scope_precision_and_sparsity() -> None:
    terms = compute_terms("The 8×H100 node delivers 9 PFLOP/s BF16", "The 8×H100 node delivers ")
    assert (terms.count, terms.count_text, terms.device, terms.precision) == (
        8,
        "8×H100",
        "h100",
        "bf16",
    )
    terms = compute_terms("Each L4 sustains 150 TFLOP/s", "Each L4 sustains ")
    assert (terms.per_device, terms.count, terms.device, terms.sustained) == (
        True,
        None,
        "l4",
        True,
    )
    assert compute_terms("8 × A100 and 4 × H100 give 3 PFLOP/s", "").ambiguous
    assert compute_terms("2 × FP8 GEMMs at 1 PFLOP/s", "").count is None
    assert compute_terms("each GPU node does 1 PFLOP/s", "each GPU node does ").per_device is False
    assert compute_terms("1.9 PFLOP/s with sparsity", "").sparse
    assert compute_terms("1 PFLOP/s in FP8 and BF16", "").precision == "mixed"


def test_device_words_name_catalog_devices() -> None:
    table = catalog()
    assert devices_named("L4", table) == ("NVIDIA L4",)
    assert devices_named("H100s", table) == ("NVIDIA H100 PCIe", "NVIDIA H100 SXM")
    assert devices_named("MI300X", table) == ("AMD MI300X",)
    assert devices_named("Z9000", table) == ()


def test_the_datasheet_peak_itself_is_no_claim(cli) -> None:
    doc = "# Box\n\n- GPU: A100 80GB\n"
    assert _codes(cli, doc + "- Each A100 delivers 312 TFLOPS of BF16.\n") == []
    assert _codes(cli, doc + "- Each A100 delivers 300 TFLOPS of BF16.\n") == [(4, "SPC602")]


def test_a_lower_stated_mfu_does_not_tighten_a_flops_figure(cli) -> None:
    doc = "# Box\n\n- GPU: H100 SXM\n- MFU: 40%\n"
    assert _codes(cli, doc + "- Each H100 sustains 550 TFLOP/s in BF16.\n") == []  # 56 %
    [(_, code, message)] = _findings(cli, doc + "- Each H100 sustains 700 TFLOP/s in BF16.\n")
    assert code == "SPC602" and "at MFU 60 % (the realistic prior)" in message


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # Llama-3.1-8B from the catalog: 6.979B non-embedding params; 8 × 989 TFLOPS ÷ 6N
        # = 188,939 tokens/s, 113,363 at MFU 60 %
        ("We process 400k tokens/s of training on 8 H100s.", ["SPC601"]),
        ("We process 100k tokens/s of training on 8 H100s.", []),
        # the device its sentence names: 8 × 121 TFLOPS ÷ 6N = 23,117 tokens/s
        ("We process 50k tokens/s of training on 8 L4s.", ["SPC601"]),
    ],
)
def test_training_throughput_reads_the_devices_its_sentence_counts(cli, claim, expected) -> None:
    doc = f"# Fine-tuning\n\nWe fine-tune Llama-3.1-8B.\n\n- {claim}\n"
    assert [code for _, code in _codes(cli, doc)] == expected


def test_training_throughput_message_names_the_sentence_count(cli) -> None:
    doc = "# Fine-tuning\n\nWe fine-tune Llama-3.1-8B.\n\n"
    [(line, _, message)] = _findings(
        cli, doc + "- We process 400k tokens/s of training on 8 H100s.\n"
    )
    assert line == 5
    assert (
        "allows at most 188,939 tokens/s for the 8 GPUs its sentence counts at 100 % of peak; "
        "stated 400k tokens/s is 2.12× the bound; inputs: peak FLOPS 989 TFLOPS (catalog: "
        "NVIDIA H100 PCIe or NVIDIA H100 SXM), layers 32 (catalog: Llama-3.1-8B"
    ) in message
