"""Half-done writes and silent acceptance (issue 25, cases 9 and 10).

A review document or XLIFF file is recorded before it is written, and the record rolled back
when the write fails, so the next export never takes tx's own file for a reviewer's. Unknown
XLIFF states are reported, Ray addresses checked, ``fuzzy_use`` below ``fuzzy_threshold``
refused, and a broken ``[Content_Types].xml`` explained in a reviewer's words.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from support.hostile import SLUG, Case, run_case
from typer.testing import CliRunner

from translate.cli import app
from translate.errors import WorkspaceError
from translate.roundtrip import xliff_export
from translate.roundtrip.review import export as review_export
from translate.roundtrip.review import handover

REVIEW = f"exports/review/es/{SLUG}.docx"
XLIFF = f"exports/review/es/{SLUG}.xlf"


def _tx(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--workspace", str(root), *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def _failing(name: str) -> Callable[..., None]:
    def fail(path: Path, data: object) -> None:
        raise WorkspaceError("cannot write: No space left on device", path=path)

    return fail


# --- case 9, review half: the record first, or rolled back -----------------------------------

WRITES = [
    (handover, "write_text", ("review", "export", SLUG, "--lang", "es"), REVIEW),
    (review_export, "write_bytes", ("review", "export", SLUG, "--lang", "es"), REVIEW),
    (xliff_export, "write_text", ("xliff", "export", SLUG, "--lang", "es"), XLIFF),
    (xliff_export, "write_bytes", ("xliff", "export", SLUG, "--lang", "es"), XLIFF),
]


@pytest.mark.parametrize(
    ("module", "writer", "args", "document"),
    WRITES,
    ids=["review record", "review document", "xliff record", "xliff file"],
)
def test_a_failed_write_leaves_the_document_replaceable(
    hostile_workspace: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: object,
    writer: str,
    args: tuple[str, ...],
    document: str,
) -> None:
    assert _tx(hostile_workspace, *args)[0] == 0  # a first export, recorded
    path = hostile_workspace / document
    before = path.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(module, writer, _failing(writer))
        code, output = _tx(hostile_workspace, *args)
    assert code == 1 and output.startswith("error: ") and output.count("\n") == 1, output
    assert path.read_bytes() == before  # never half of one, never one without its record
    code, output = _tx(hostile_workspace, *args)  # the next export is not refused as changed
    assert code == 0, output


def test_ctrl_c_between_record_and_document_rolls_the_record_back(
    hostile_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate import workspace

    def interrupted(path: Path, data: bytes) -> None:
        raise KeyboardInterrupt

    ws = workspace.load(hostile_workspace)
    with monkeypatch.context() as patch:
        patch.setattr(review_export, "write_bytes", interrupted)
        with pytest.raises(KeyboardInterrupt):
            review_export.export_review(ws, SLUG, "es")
    assert review_export.export_review(ws, SLUG, "es").is_file()


# --- case 10: unknown XLIFF states are reported -------------------------------------------


@pytest.mark.parametrize(
    ("version", "state"),
    [
        ("2.1", "approved-by-boss"),
        ("2.1", "Final"),
        ("2.1", "x-bogus"),
        ("2.1", "signed-off"),
        ("1.2", "x-bogus"),
        ("1.2", "approved"),
        ("1.2", "reviewed"),
        ("1.2", "x" * 300),
    ],
)
def test_an_unknown_xliff_state_is_reported(
    hostile_workspace: Path, version: str, state: str
) -> None:
    assert (
        _tx(hostile_workspace, "xliff", "export", SLUG, "--lang", "es", "--version", version)[0]
        == 0
    )
    path = hostile_workspace / XLIFF
    text = path.read_text(encoding="utf-8")
    assert 'state="translated"' in text
    path.write_text(text.replace('state="translated"', f'state="{state}"', 1), encoding="utf-8")
    code, output = _tx(hostile_workspace, "xliff", "import", str(path))
    assert code == 0, output
    shown = state if len(state) <= 40 else state[:39] + "…"
    assert f"not carried over: 1 units with the unknown state '{shown}'" in output, output


# --- case 10: Ray addresses ---------------------------------------------------------------------

BAD_ADDRESSES = [
    "ray://[::1",
    "[::1:6379",
    "::1:6379",
    "ray://",
    "ray://:10001",
    "host..example:6379",
    "-host:6379",
    "host:0",
    "host:65536",
    "host:port",
    "ray://host:10001/path",
    "http://host:6379",
]
UNREACHABLE = ["127.0.0.1:1", "ray://127.0.0.1:9", "[::1]:1", "ray://[::1]:9"]
RAY_CASES = [
    Case(f"cluster {address!r}", ("translate", SLUG, "--to", "es", "--cluster", address), None,
         "--cluster")
    for address in BAD_ADDRESSES
] + [
    Case(f"unreachable cluster {address!r}",
         ("translate", SLUG, "--to", "es", "--cluster", address), None, "cannot reach")
    for address in UNREACHABLE
]  # fmt: skip


@pytest.mark.parametrize("case", RAY_CASES, ids=lambda case: case.name)
def test_a_bad_cluster_address_is_refused_even_when_no_pair_needs_ray(
    case: Case, hostile_workspace: Path
) -> None:
    """Every sentence of the Spanish work file is kept: no pair needs Ray, yet the address
    the translator typed is checked."""
    pytest.importorskip("ray")
    result = CliRunner().invoke(app, ["--workspace", str(hostile_workspace), *case.args])
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and case.names in lines[0], lines


# --- case 10: settings ranges -------------------------------------------------------------------


def _settings(text: str) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        path = root / "tx.toml"
        config = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            key = line.split("=")[0].strip()
            config = "\n".join(
                line if row.startswith(f"{key} =") else row for row in config.splitlines()
            )
        path.write_text(config + "\n", encoding="utf-8")

    return write


SETTINGS = {
    "fuzzy_use below fuzzy_threshold": "fuzzy_use = 60",
    "fuzzy_use far below": "fuzzy_use = 1",
    "threshold above use": "fuzzy_threshold = 99",
    "both out of order": "fuzzy_threshold = 90\nfuzzy_use = 80",
}
SETTINGS_CASES = [
    Case(f"{name}, {command[0]}", command, _settings(text), "fuzzy_use")
    for name, text in SETTINGS.items()
    for command in (("status",), ("translate", SLUG, "--to", "es", "--dry-run"), ("count",))
]


@pytest.mark.parametrize("case", SETTINGS_CASES, ids=lambda case: case.name)
def test_fuzzy_use_below_the_threshold_is_refused(case: Case, hostile_workspace: Path) -> None:
    run_case(case, hostile_workspace)


# --- case 10: [Content_Types].xml in words a reviewer understands ------------------------------

TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def _types(content: bytes | None) -> Callable[[Path], None]:
    """The exported review document with ``[Content_Types].xml`` replaced (None: removed)."""

    def write(root: Path) -> None:
        with zipfile.ZipFile(root / REVIEW) as package:
            parts = {name: package.read(name) for name in package.namelist()}
        if content is None:
            del parts["[Content_Types].xml"]
        else:
            parts["[Content_Types].xml"] = content
        target = root / "in" / "review.docx"
        target.parent.mkdir(exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, data)

    return write


def _main_as(kind: str) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        with zipfile.ZipFile(root / REVIEW) as package:
            text = package.read("[Content_Types].xml").decode("utf-8")
        main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        _types(text.replace(main, kind).encode("utf-8"))(root)

    return write


CONTENT_TYPES = {
    "another root": (_types(b"<x/>"), "holds <x>, not <Types>"),
    "no types": (_types(f'<Types xmlns="{TYPES}"/>'.encode()), "gives no type for the part"),
    "missing": (_types(None), "has no [Content_Types].xml"),
    "not XML": (_types(b"<Types"), "not"),
    "main part as text": (_main_as("text/plain"), "does not declare word/document.xml"),
    "main part as a spreadsheet": (
        _main_as("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        "does not declare word/document.xml",
    ),
    "types in another namespace": (
        _types(b'<Types xmlns="urn:x"><Default Extension="xml" ContentType="x"/></Types>'),
        "not <Types>",
    ),
}


@pytest.mark.parametrize(("write", "words"), CONTENT_TYPES.values(), ids=list(CONTENT_TYPES.keys()))
def test_a_broken_content_types_part_is_explained(
    hostile_workspace: Path, write: Callable[[Path], None], words: str
) -> None:
    result = run_case(
        Case("content types", ("review", "import", "in/review.docx"), write, "review.docx"),
        hostile_workspace,
    )
    assert words in result.stderr
    assert "Error:" not in result.stderr and "object" not in result.stderr
