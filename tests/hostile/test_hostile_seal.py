"""The publishing gate trusts no flag it did not check (issue 25, case 4).

A reviewed work file whose first translation has a double space and lost its full stop (the
checks flag both) is edited by hand: the flags deleted, with the seal tx wrote left in place
or forged in every way a person could without the workspace's key. ``tx export`` must hold
the edition back naming the segment, and ``tx translate`` must find the flags again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from support.hostile import SLUG, snapshot
from typer.testing import CliRunner

from translate.checks import seal as check_seal
from translate.cli import app
from translate.models import Glossary
from translate.workspace import workfiles

WORK_FILE = f"translations/es/{SLUG}.json"
FLAWED = "Las  charlas se reanudaron el lunes"  # a double space, no full stop
# A reviewer's Spanish for the template article (English left in would be flagged untranslated).
REVIEWED = {
    "Talks resume in Geneva": "Se reanudan las negociaciones en Ginebra",
    "The talks resumed on Monday.": "Las charlas se reanudaron el lunes.",
    "Both sides said they were hopeful.": "Ambas partes se mostraron esperanzadas.",
    "A spokesman for the ministry declined to comment.": (
        "Un portavoz del ministerio no quiso comentar."
    ),
}


def _tx(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--workspace", str(root), *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def _page(root: Path) -> Path:
    from translate import workspace

    return workspace.load(root).edition_file(SLUG, "es", "html")


def _edit(root: Path, change: Callable[[dict[str, object]], None]) -> None:
    path = root / WORK_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _segments(data: dict[str, object]) -> list[dict[str, object]]:
    segments = data["segments"]
    assert isinstance(segments, list)
    return segments


def _reviewed_with_a_flaw(root: Path) -> str:
    """Every segment final, the second one flawed; ``tx translate`` seals the flags it finds.
    Returns the flawed segment's id."""

    def change(data: dict[str, object]) -> None:
        for item in _segments(data):
            item["state"] = "final"
            item["target"] = REVIEWED.get(str(item["source"]), f"Revisado: {item['source']}")
        _segments(data)[1]["target"] = FLAWED

    _edit(root, change)
    code, output = _tx(root, "translate", SLUG, "--to", "es")
    assert code == 0, output
    data = json.loads((root / WORK_FILE).read_text(encoding="utf-8"))
    assert data.get("checked"), "tx translate seals the flags it computed"
    flags = {flag["code"] for flag in _segments(data)[1]["flags"]}
    assert {"spacing", "punctuation"} <= flags
    return str(_segments(data)[1]["id"])


def _old_digest(data: dict[str, object], context: str) -> str:
    """A seal as an unkeyed SHA-256 over the segments (how a forger would recompute it)."""
    digest = hashlib.sha256(context.encode())
    for item in _segments(data):
        digest.update(b"\1" + str(item["id"]).encode())
        digest.update(b"\2" + str(item["source"]).encode())
        digest.update(b"\3" + str(item["target"]).encode())
    return digest.hexdigest()


def _forged_with(key: bytes) -> Callable[[dict[str, object]], str]:
    def forge(data: dict[str, object]) -> str:
        translation = workfiles.from_json(json.dumps(data), Path("x.json"))
        context = check_seal.context(Glossary("en", ()), "es", key)
        return check_seal.seal(context, translation.segments)

    return forge


FORGERIES: dict[str, Callable[[dict[str, object]], str] | None] = {
    "seal left as tx wrote it": None,
    "seal removed": lambda data: "",
    "unkeyed digest, empty context": lambda data: _old_digest(data, ""),
    "unkeyed digest, version context": lambda data: _old_digest(data, "0.1.0"),
    "seal with a guessed key of zeros": _forged_with(bytes(32)),
    "seal with another workspace's key": _forged_with(bytes(range(32))),
    "seal of all zeros": lambda data: "0" * 64,
    "seal copied from the flags' own digest": lambda data: hashlib.sha256(b"").hexdigest(),
}


def _deleted_flags(forge: Callable[[dict[str, object]], str] | None) -> Callable[..., None]:
    def change(data: dict[str, object]) -> None:
        _segments(data)[1]["flags"] = []
        if forge is not None:
            data["checked"] = forge(data)

    return change


@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
def test_export_holds_back_a_sentence_whose_flags_were_deleted(
    hostile_workspace: Path, forge: Callable[[dict[str, object]], str] | None
) -> None:
    segment = _reviewed_with_a_flaw(hostile_workspace)
    _edit(hostile_workspace, _deleted_flags(forge))
    before = snapshot(hostile_workspace)
    code, output = _tx(hostile_workspace, "export", "--lang", "es")
    assert code == 1, output
    assert f"segment {segment}" in output and "double space" in output, output
    assert not _page(hostile_workspace).exists()
    assert snapshot(hostile_workspace) == before


@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
def test_translate_finds_the_deleted_flags_again(
    hostile_workspace: Path, forge: Callable[[dict[str, object]], str] | None
) -> None:
    _reviewed_with_a_flaw(hostile_workspace)
    _edit(hostile_workspace, _deleted_flags(forge))
    code, output = _tx(hostile_workspace, "translate", SLUG, "--to", "es")
    assert code == 0, output
    flags = workfiles.load(hostile_workspace / WORK_FILE).segments[1].flags
    assert {"spacing", "punctuation"} <= {flag.code for flag in flags}


def test_a_sealed_clean_work_file_still_publishes(hostile_workspace: Path) -> None:
    _reviewed_with_a_flaw(hostile_workspace)

    def fix(data: dict[str, object]) -> None:
        _segments(data)[1]["target"] = "Las charlas se reanudaron el lunes."

    _edit(hostile_workspace, fix)
    assert _tx(hostile_workspace, "translate", SLUG, "--to", "es")[0] == 0
    code, output = _tx(hostile_workspace, "export", "--lang", "es")
    assert code == 0, output
    assert _page(hostile_workspace).is_file()


@pytest.mark.parametrize("how", ["replaced", "removed", "a link"])
def test_a_key_changed_by_hand_only_means_checking_again(hostile_workspace: Path, how: str) -> None:
    _reviewed_with_a_flaw(hostile_workspace)
    _edit(hostile_workspace, _deleted_flags(None))
    key = hostile_workspace / ".tx" / check_seal.KEY_NAME
    outside = hostile_workspace.parent / "key"
    outside.write_text(key.read_text(encoding="ascii"), encoding="ascii")
    key.unlink()
    if how == "replaced":
        key.write_text("f" * 64 + "\n", encoding="ascii")
    elif how == "a link":
        key.symlink_to(outside)
    code, output = _tx(hostile_workspace, "export", "--lang", "es")
    assert code == 1 and "double space" in output, output
