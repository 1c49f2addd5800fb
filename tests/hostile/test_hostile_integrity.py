"""Integrity, second round: no input can lock reviewed work away (issue 25).

Values are checked where they enter, by the rule the work file is held to: a YAML escape in a
quoted front-matter value, a pasted control character in a waiver reason or a glossary cell, an
argument that is not UTF-8 is refused in one line, and nothing is written. Glossaries and
work files that are symbolic links out of the workspace are not read. A work file that fails a
check anyway is mended by ``tx repair`` with every reviewed sentence kept.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from support.hostile import ARTICLE, SLUG, Case, run_case
from typer.testing import CliRunner

from translate.cli import app
from translate.models import State
from translate.workspace import workfiles

Write = Callable[[Path], None]
WORK_FILE = f"translations/es/{SLUG}.json"


def _story(old: str, new: str) -> Write:
    """The story with ``old`` (a line of its front matter) replaced by ``new``."""

    def write(root: Path) -> None:
        assert old in ARTICLE
        (root / "articles" / f"{SLUG}.md").write_text(ARTICLE.replace(old, new), "utf-8")

    return write


TITLE = "title: Talks resume in Geneva"
# YAML escapes in double-quoted values that give characters XML (and so a work file) cannot
# hold, while the article's bytes are plain ASCII.
ESCAPES = {
    "bell": "\\a",
    "escape x1b": "\\x1b",
    "escape e": "\\e",
    "non-character FFFE": "\\uFFFE",
    "non-character FFFF": "\\uFFFF",
    "NUL": "\\0",
    "backspace": "\\b",
    "vertical tab": "\\v",
    "form feed": "\\f",
    "x01": "\\x01",
    "lone surrogate": "\\uD800",
    "long FFFE": "\\U0000FFFE",
}
ISSUE_ESCAPES = ("bell", "escape x1b", "non-character FFFE")  # the issue's three, everywhere
READERS = {
    "segments": ("segments", f"articles/{SLUG}.md"),
    "translate": ("translate", SLUG, "--to", "es"),
    "status": ("status",),
    "count": ("count",),
    "export": ("export", "--lang", "es"),
}
FRONT_CASES = [
    Case(f"{escape} in the title, {command}", args, _story(TITLE, f'title: "Talks {code} on"'),
         f"{SLUG}.md:2")
    for escape, code in ESCAPES.items()
    for command, args in READERS.items()
    if command in ("translate", "segments") or escape in ISSUE_ESCAPES
]  # fmt: skip
PLACES = {
    "summary": 'summary: "A \\a summary"',
    "image alt text": 'image_alt: "A \\x1b picture"',
    "image caption": 'image_caption: "A \\uFFFE caption"',
    "byline": 'author: "Maria \\a Keller"',
    "list value": 'tags: ["talks", "gen\\x1beva"]',
    "quoted key": '"ke\\ay": value',
    "single-line flow map": 'extra: {note: "n\\bote"}',
    "slug": 'slug: "sto\\ary"',
    "language": 'lang: "e\\an"',
}
PLACE_CASES = [
    Case(f"escape in {place}, {command}", args, _story(TITLE, f"{TITLE}\n{line}"), f"{SLUG}.md:3")
    for place, line in PLACES.items()
    for command, args in (("translate", READERS["translate"]), ("export", READERS["export"]))
]


@pytest.mark.parametrize("case", FRONT_CASES + PLACE_CASES, ids=lambda case: case.name)
def test_an_escape_in_front_matter_is_refused_before_anything_is_saved(
    case: Case, hostile_workspace: Path
) -> None:
    before = (hostile_workspace / WORK_FILE).read_bytes()
    run_case(case, hostile_workspace)
    assert (hostile_workspace / WORK_FILE).read_bytes() == before


def test_the_article_fixed_translates_again(hostile_workspace: Path) -> None:
    _story(TITLE, 'title: "Talks \\a on"')(hostile_workspace)
    article = str(hostile_workspace / "articles" / f"{SLUG}.md")
    assert _tx(hostile_workspace, "segments", article)[0] == 1
    _story(TITLE, 'title: "Talks on"')(hostile_workspace)
    code, output = _tx(hostile_workspace, "segments", article)
    assert code == 0, output
    assert "Talks on" in output


# --- waiver reasons and names ---------------------------------------------------------------


def _flagged(root: Path) -> str:
    """Give the work file's first segment an open flag; returns its id."""
    path = root / WORK_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][0]["flags"] = [{"code": "number", "message": "a number is missing"}]
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(data["segments"][0]["id"])


REASONS = {
    "bell": "\x07",
    "escape": "\x1b[31m",
    "NUL": "\x00",
    "backspace": "\x08",
    "vertical tab": "\x0b",
    "form feed": "\x0c",
    "unit separator": "\x1f",
    "FFFE": "\ufffe",
    "FFFF": "\uffff",
    "lone surrogate": "\ud800",
}


@pytest.mark.parametrize("option", ["--reason", "--by"])
@pytest.mark.parametrize("pasted", REASONS.values(), ids=REASONS.keys())
def test_a_waiver_with_a_control_character_is_refused(
    hostile_workspace: Path, option: str, pasted: str
) -> None:
    segment = _flagged(hostile_workspace)
    values = {"--reason": "the figure is right", "--by": "Ana"}
    values[option] = f"ok {pasted} fine"
    args = ("review", "waive", SLUG, segment, "--lang", "es")
    args += ("--reason", values["--reason"], "--by", values["--by"])
    name = "is not UTF-8" if pasted == "\ud800" else f"{SLUG}.json"
    run_case(Case("waive", args, None, name), hostile_workspace)
    assert _tx(hostile_workspace, "status")[0] == 0


def test_a_waiver_note_with_a_control_character_in_a_review_document_is_not_saved() -> None:
    from translate.checks.waivers import add
    from translate.models import Flag, Segment, TranslatedSegment

    item = TranslatedSegment(
        Segment("s1", 0, "One."), "Uno.", "test", State.TRANSLATED, (Flag("number", "x"),)
    )
    with pytest.raises(ValueError, match="U\\+FFFE"):
        add(item, None, "fine \ufffe", by="Ana", date="2025-03-02")
    assert add(item, None, "fine", by="Ana", date="2025-03-02").waivers


# --- arguments that are not UTF-8 ----------------------------------------------------------

NOT_UTF8 = "caf\udce9"  # what Python makes of the bytes b"caf\xe9" in sys.argv
ARGUMENT_CASES = [
    Case("memory search", ("memory", "search", NOT_UTF8), None, "'caf\\xe9'"),
    Case("memory search, --lang", ("memory", "search", "x", "--lang", NOT_UTF8), None, "--lang"),
    Case("glossary add term", ("glossary", "add", NOT_UTF8, "--to", "es=x"), None, "not UTF-8"),
    Case("glossary add rendering", ("glossary", "add", "x", "--to", f"es={NOT_UTF8}"), None,
         "--to"),
    Case("review waive reason", ("review", "waive", SLUG, "s", "--lang", "es", "--reason",
         NOT_UTF8), None, "--reason"),
    Case("review waive by", ("review", "waive", SLUG, "s", "--lang", "es", "--reason", "r",
         "--by", NOT_UTF8), None, "--by"),
    Case("translate --to", ("translate", SLUG, "--to", NOT_UTF8), None, "--to"),
    Case("translate article", ("translate", NOT_UTF8, "--to", "es"), None, "0xe9"),
    Case("segments path", ("segments", f"articles/{NOT_UTF8}.md"), None, "not UTF-8"),
    Case("export --lang", ("export", "--lang", NOT_UTF8), None, "--lang"),
    Case("review export article", ("review", "export", NOT_UTF8, "--lang", "es"), None,
         "not UTF-8"),
    Case("xliff import path", ("xliff", "import", f"{NOT_UTF8}.xlf"), None, "not UTF-8"),
    Case("check file", ("check", f"{NOT_UTF8}.tsv", "--lang", "es"), None, "not UTF-8"),
    Case("workspace option", ("status",), None, "--workspace"),
    Case("two bytes", ("memory", "search", "\udcc3\udca9t\udcff"), None, "0xc3"),
]  # fmt: skip


@pytest.mark.parametrize("case", ARGUMENT_CASES, ids=lambda case: case.name)
def test_an_argument_that_is_not_utf8_is_refused_in_one_line(
    case: Case, hostile_workspace: Path
) -> None:
    if case.name == "workspace option":
        _workspace_not_utf8(hostile_workspace, case)
        return
    run_case(case, hostile_workspace)


def _workspace_not_utf8(root: Path, case: Case) -> None:
    result = CliRunner().invoke(app, ["--workspace", f"{root}/{NOT_UTF8}", *case.args])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the value of --workspace is not UTF-8")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


# --- symbolic links out of the workspace -----------------------------------------------------

SECRET = "root:x:0:0:the first line of a secret file\n"


def _outside(root: Path) -> Path:
    secret = root.parent / "outside" / "secret.csv"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def _glossary_link(root: Path) -> None:
    os.symlink(_outside(root), root / "glossaries" / "evil.csv")


def _glossary_folder_link(root: Path) -> None:
    _outside(root)
    (root / "glossaries" / "house.csv").unlink()
    (root / "glossaries").rmdir()
    os.symlink(root.parent / "outside", root / "glossaries")


def _work_file_link(root: Path) -> None:
    os.symlink(_outside(root), root / "translations" / "es" / "other.json")


GLOSSARY_READERS = {
    "glossary list": ("glossary", "list"),
    "glossary check": ("glossary", "check", f"articles/{SLUG}.md"),
    "translate": ("translate", SLUG, "--to", "es", "--dry-run"),
    "glossary add": ("glossary", "add", "mayor", "--to", "es=alcalde"),
    "glossary export": ("glossary", "export", "out/house.tbx"),
}
LINK_CASES = [
    Case(f"glossary link, {name}", args, _glossary_link, "evil.csv")
    for name, args in GLOSSARY_READERS.items()
] + [
    Case(f"glossary folder link, {name}", args, _glossary_folder_link, "glossaries/")
    for name, args in list(GLOSSARY_READERS.items())[:4]
] + [
    Case("work file link, status", ("status",), _work_file_link, "other.json"),
    Case("work file link, export", ("export",), _work_file_link, "other.json"),
    Case("work file link, review export", ("review", "export", "--all", "--lang", "es"),
         _work_file_link, "other.json"),
    Case("work file link, memory export", ("memory", "export", "out/all.tmx"), _work_file_link,
         "other.json"),
    Case("work file link, repair", ("repair",), _work_file_link, "other.json"),
]  # fmt: skip


@pytest.mark.parametrize("case", LINK_CASES, ids=lambda case: case.name)
def test_a_link_out_of_the_workspace_is_not_read(case: Case, hostile_workspace: Path) -> None:
    result = run_case(case, hostile_workspace)
    assert "root:x" not in result.output
    assert "outside the workspace" in result.stderr


# --- tx repair --------------------------------------------------------------------------------


def _reviewed(root: Path) -> list[dict[str, object]]:
    """Make every segment of the Spanish work file final (as a reviewer would); returns them."""
    path = root / WORK_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data["segments"]:
        item["state"] = State.FINAL.value
        item["target"] = f"Revisado: {item['source']}"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return list(data["segments"])


def _break(change: Callable[[dict[str, object]], object]) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        path = root / WORK_FILE
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    return write


def _segment(key: str, value: object, index: int = 0) -> Callable[[dict[str, object]], object]:
    def change(data: dict[str, object]) -> None:
        segments = data["segments"]
        assert isinstance(segments, list)
        segments[index][key] = value

    return change


BREAKS = {
    "bell in a source": _segment("source", "Talks \x07 resume in Geneva"),
    "escape in a target": _segment("target", "Revisado \x1b"),
    "FFFE in a note": _segment("notes", ["a note \ufffe"]),
    "control character in a flag": _segment("flags", [{"code": "x", "message": "m\x01"}]),
    "control character in a waiver reason": _segment(
        "waivers", [{"code": "x", "reason": "r\x07", "date": "d", "by": "b", "target": "t"}]
    ),
    "waiver without fields": _segment("waivers", [{"code": "x"}]),
    "unknown state": _segment("state", "approved"),
    "flags not objects": _segment("flags", ["x"]),
    "notes not strings": _segment("notes", [1, "kept"]),
    "score a string": _segment("score", "high"),
    "block a string": _segment("block", "0"),
    "matches malformed": _segment("matches", "none"),
    "revision a string": lambda data: data.__setitem__("revision", "3"),
    "article missing": lambda data: data.pop("article"),
    "control character in the header": lambda data: data.__setitem__("source_lang", "e\x07n"),
}


@pytest.mark.parametrize("damage", BREAKS.values(), ids=BREAKS.keys())
def test_repair_mends_a_refused_work_file_keeping_every_reviewed_sentence(
    hostile_workspace: Path, damage: Callable[[dict[str, object]], object]
) -> None:
    reviewed = _reviewed(hostile_workspace)
    _break(damage)(hostile_workspace)
    code, output = _tx(hostile_workspace, "status")
    assert code == 1 and "tx repair" in output and "delete" not in output, output
    code, output = _tx(hostile_workspace, "repair")
    assert code == 0, output
    assert "kept" in output and len(output.splitlines()) == 1, output
    repaired = workfiles.load(hostile_workspace / WORK_FILE)
    assert [item.id for item in repaired.segments] == [item["id"] for item in reviewed]
    assert all(item.state is State.FINAL for item in repaired.segments[1:])
    assert [item.target for item in repaired.segments[1:]] == [i["target"] for i in reviewed[1:]]
    backups = list((hostile_workspace / ".tx" / "quarantine" / "es").iterdir())
    assert len(backups) == 1  # the file as it was, byte for byte
    assert _tx(hostile_workspace, "status")[0] == 0
    assert _tx(hostile_workspace, "repair")[1].startswith("1 work files checked")


@pytest.mark.parametrize(
    "content",
    [b"{oops", b"\xff\xfe{}", b'{"format": "x"}', b"[" * 10_000, b"", b"[" + b"9" * 5000 + b"]"],
)
def test_repair_sets_aside_what_is_no_work_file_without_deleting_it(
    hostile_workspace: Path, content: bytes
) -> None:
    path = hostile_workspace / WORK_FILE
    path.write_bytes(content)
    code, output = _tx(hostile_workspace, "repair")
    assert code == 0, output
    assert "moved to" in output and "nothing in it was deleted" in output
    (kept,) = (hostile_workspace / ".tx" / "quarantine" / "es").iterdir()
    assert kept.read_bytes() == content and not path.exists()


def test_repair_of_bytes_that_are_not_utf8_keeps_the_sentences(hostile_workspace: Path) -> None:
    _reviewed(hostile_workspace)
    path = hostile_workspace / WORK_FILE
    path.write_bytes(path.read_bytes().replace(b"Revisado", b"Revisad\xf3", 1))
    code, output = _tx(hostile_workspace, "repair")
    assert code == 0 and "not UTF-8" in output, output
    repaired = workfiles.load(path)
    assert repaired.segments[0].target.startswith("Revisad\ufffd")
    assert all(item.state is State.FINAL for item in repaired.segments)


def test_a_front_matter_escape_never_reaches_a_work_file_with_reviews(
    hostile_workspace: Path,
) -> None:
    """The issue's case in context: a reviewed work file, then a title with a YAML escape."""
    reviewed = _reviewed(hostile_workspace)
    before = (hostile_workspace / WORK_FILE).read_bytes()
    _story(TITLE, 'title: "Talks resume in \\x1bGeneva"')(hostile_workspace)
    for args in (READERS["translate"], ("status",), ("export", "--lang", "es")):
        code, output = _tx(hostile_workspace, *args)
        assert code == 1 and f"{SLUG}.md:2" in output, output
        assert "delete it" not in output
    assert (hostile_workspace / WORK_FILE).read_bytes() == before
    assert len(reviewed) == len(workfiles.load(hostile_workspace / WORK_FILE).segments)


def _tx(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--workspace", str(root), *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


# --- glossary cells and terms: the same rule where they enter --------------------------------


def _put(relative: str, data: bytes) -> Write:
    def write(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return write


PASTED = {"bell": "\x07", "escape": "\x1b", "FFFE": "\ufffe"}
GLOSSARY_CASES = [
    Case(f"{name} in a glossary cell, {command}", args,
         _put("glossaries/bad.csv", f"en,es\nbell,campana{char}\n".encode()), "bad.csv:2")
    for name, char in PASTED.items()
    for command, args in (("glossary list", ("glossary", "list")),
                          ("translate", ("translate", SLUG, "--to", "es", "--dry-run")))
] + [
    Case(f"{name} in an OmegaT import", ("glossary", "import", "in/terms.txt", "--lang", "es"),
         _put("in/terms.txt", f"bell{char}\tcampana\n".encode()), "terms.txt:1")
    for name, char in PASTED.items()
] + [
    Case(f"{name} in a CSV import", ("glossary", "import", "in/terms.csv"),
         _put("in/terms.csv", f"en,es\nbell,campana{char}\n".encode()), "terms.csv")
    for name, char in PASTED.items()
] + [
    Case(f"{name} in glossary add, {where}",
         ("glossary", "add", term, "--to", f"es={rendering}"), None, "control character")
    for name, char in PASTED.items()
    for where, term, rendering in (("term", f"bell{char}", "campana"),
                                   ("rendering", "bell", f"campana{char}"))
]  # fmt: skip


@pytest.mark.parametrize("case", GLOSSARY_CASES, ids=lambda case: case.name)
def test_a_control_character_never_enters_the_glossary(case: Case, hostile_workspace: Path) -> None:
    run_case(case, hostile_workspace)


@pytest.mark.parametrize(
    "args", [("status",), ("translate", SLUG, "--to", "es"), ("report",), ("log", SLUG)]
)
def test_a_work_file_past_the_size_limit_is_refused_in_one_line(
    hostile_workspace: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    path = hostile_workspace / WORK_FILE
    before = path.read_bytes()
    monkeypatch.setattr(workfiles, "MAX_WORK_FILE_BYTES", len(before) - 1)
    code, output = _tx(hostile_workspace, *args)
    named = [line for line in output.splitlines() if f"{SLUG}.json" in line]
    assert code == 1 and len(named) == 1, output  # the others are reported as usual
    assert f"larger than {len(before) - 1} bytes" in named[0] and "restore" in named[0]
    assert path.read_bytes() == before
