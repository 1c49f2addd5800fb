"""Hostile inputs through the real CLI: each case is refused with one line, nothing changes.

Every case builds its hostile file in a fresh copy of a small workspace (an article, a
glossary, a Spanish work file and its review document), then runs ``tx``. The case passes when
the exit status is 1, the error output is one line starting ``error:`` that names the file,
there is no traceback, and no file of the workspace changed or appeared. Review documents
(ZIP bombs, damaged parts) are in ``test_hostile_documents.py``; they share this harness
from ``support.hostile``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from support.hostile import SLUG, Case, run_case

from translate.source.segments import segment_article

Write = Callable[[Path], None]


def _put(relative: str, content: bytes | str) -> Write:
    def write(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)

    return write


def _article(front: str, body: str = "A short body.\n", name: str = "bad.md") -> Write:
    return _put(f"articles/{name}", f"---\n{front}\n---\n{body}")


def _folder(relative: str) -> Write:
    def write(root: Path) -> None:
        (root / relative).mkdir(parents=True)

    return write


def _alias_bomb(levels: int) -> str:
    lines = ["title: Bomb", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 8)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines)


def _work_file(change: Callable[[dict[str, object]], object]) -> Write:
    """The Spanish work file, edited by ``change`` (which mutates the parsed JSON)."""

    def write(root: Path) -> None:
        path = root / "translations" / "es" / f"{SLUG}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")

    return write


def _segments(value: object) -> Callable[[dict[str, object]], object]:
    return lambda data: data.__setitem__("segments", value)


def _first_segment(key: str, value: object) -> Callable[[dict[str, object]], object]:
    def change(data: dict[str, object]) -> None:
        segments = data["segments"]
        assert isinstance(segments, list)
        segments[0][key] = value

    return change


def _tmx(body: str) -> Write:
    return _put("translations/memory.tmx", body)


_TMX_UNIT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/><body>'
    '<tu><prop type="x-state">{state}</prop>'
    '<tuv xml:lang="en"><seg>Old sentence.</seg></tuv>'
    '<tuv xml:lang="es"><seg>Frase vieja.</seg></tuv></tu></body></tmx>\n'
)


def _settings(line: str) -> Write:
    """tx.toml with the setting of ``line`` (``key = value``) replaced, or added."""

    def write(root: Path) -> None:
        path = root / "tx.toml"
        key = line.split("=")[0].strip()
        text = re.sub(rf"(?m)^{key} = .*$", lambda _: line, path.read_text(encoding="utf-8"))
        path.write_text(text if line in text else f"{text}\n{line}\n", encoding="utf-8")

    return write


SEGMENTS = ("segments", "articles/bad.md")
DRY_RUN = ("translate", SLUG, "--to", "es", "--dry-run")

CASES = [
    # --- articles: front matter -----------------------------------------------------------
    Case("impossible date", SEGMENTS, _article("title: T\ndate: 2025-02-30"), "bad.md:3"),
    Case(
        "impossible date in status", ("status",), _article("title: T\ndate: 2025-02-30"), "bad.md:3"
    ),
    Case("alias bomb, 9 levels", SEGMENTS, _article(_alias_bomb(9)), "bad.md:3"),
    Case(
        "one alias",
        ("translate", "bad", "--to", "es", "--dry-run"),
        _article("title: &t T\nsummary: *t"),
        "bad.md:2",
    ),
    Case("anchor alone", SEGMENTS, _article("title: &t T"), "bad.md:2"),
    Case("nesting 500 deep", SEGMENTS, _article("title: T\nx: " + "[" * 500), "bad.md"),
    Case(
        "front matter of 70 KB", SEGMENTS, _article("title: T\n" + "x: " + "y" * 70_000), "bad.md:2"
    ),
    Case(
        "python object tag",
        SEGMENTS,
        _article("title: !!python/object/apply:os.system ['true']"),
        "bad.md:2",
    ),
    Case("unhashable key", SEGMENTS, _article("title: T\n? [a, b]\n: c"), "bad.md"),
    Case("int tag on text", SEGMENTS, _article("title: T\nx: !!int abc"), "bad.md:3"),
    Case("float tag on text", SEGMENTS, _article("title: T\nx: !!float abc"), "bad.md:3"),
    Case("binary tag on text", SEGMENTS, _article("title: T\nx: !!binary é"), "bad.md:3"),
    Case("YAML syntax", SEGMENTS, _article("title: T: x: y"), "bad.md:2"),
    Case("front matter a list", SEGMENTS, _article("- a\n- b"), "bad.md:2"),
    Case(
        "front matter not closed", SEGMENTS, _put("articles/bad.md", "---\ntitle: T\n"), "bad.md:1"
    ),
    Case("no title", SEGMENTS, _article("date: 2025-01-01"), "bad.md:1"),
    # --- articles: text ----------------------------------------------------------------------
    Case("control character in title", SEGMENTS, _article('title: "Bad \x01 title"'), "bad.md:2"),
    Case(
        "control character in body",
        ("segments", "articles/bad.txt"),
        _put("articles/bad.txt", "Title\n\nA body\x0b with a tab.\n"),
        "bad.txt:3",
    ),
    Case(
        "form feed",
        ("translate", "bad", "--to", "es", "--dry-run"),
        _put("articles/bad.txt", "Title\n\nOne.\n\x0c\nTwo.\n"),
        "bad.txt:4",
    ),
    Case(
        "NUL bytes", SEGMENTS, _put("articles/bad.md", b"---\ntitle: T\n---\n\x00\x01"), "bad.md:4"
    ),
    Case(
        "not UTF-8", SEGMENTS, _put("articles/bad.md", b"---\ntitle: caf\xe9\n---\nx\n"), "bad.md:2"
    ),
    Case("empty article", SEGMENTS, _put("articles/bad.md", " \n\n"), "bad.md:1"),
    Case("article of 3 MB", SEGMENTS, _article("title: T", "word " * 600_000), "bad.md"),
    Case(
        "article that is a folder",
        ("segments", "articles/bad.md"),
        _folder("articles/bad.md"),
        "bad.md",
    ),
    Case(
        "unsupported suffix",
        ("segments", "articles/bad.rtf"),
        _put("articles/bad.rtf", "x"),
        "bad.rtf",
    ),
    # --- work files ----------------------------------------------------------------------------
    Case(
        "work file not JSON",
        ("status",),
        _put(f"translations/es/{SLUG}.json", "{oops"),
        f"{SLUG}.json:1",
    ),
    Case("work file is a folder", ("status",), _folder("translations/es/other.json"), "other.json"),
    Case("segments not objects", ("status",), _work_file(_segments(["a", "b"])), f"{SLUG}.json"),
    Case("segments not a list", ("status",), _work_file(_segments({"a": 1})), f"{SLUG}.json"),
    Case(
        "target is a list",
        ("review", "export", SLUG, "--lang", "es"),
        _work_file(_first_segment("target", ["a", "b"])),
        f"{SLUG}.json",
    ),
    Case(
        "unknown state in work file",
        ("review", "export", SLUG, "--lang", "es"),
        _work_file(_first_segment("state", "done")),
        f"{SLUG}.json",
    ),
    Case(
        "flags not objects", ("status",), _work_file(_first_segment("flags", ["x"])), f"{SLUG}.json"
    ),
    Case("block is text", ("status",), _work_file(_first_segment("block", "0")), f"{SLUG}.json"),
    Case(
        "work file not UTF-8",
        ("status",),
        _put(f"translations/es/{SLUG}.json", b"\xff\xfe"),
        f"{SLUG}.json",
    ),
    Case(
        "work file of another format",
        ("status",),
        _put(f"translations/es/{SLUG}.json", '{"format": "x"}'),
        f"{SLUG}.json",
    ),
    Case(
        "control character in a translation",
        ("review", "export", SLUG, "--lang", "es"),
        _work_file(_first_segment("target", "Bad \x01 target")),
        f"{SLUG}.json",
    ),
    Case("init onto a file", ("init", "tx.toml"), None, "tx.toml"),
    # --- translation memory ----------------------------------------------------------------------
    Case("unknown state in memory", DRY_RUN, _tmx(_TMX_UNIT.format(state="bogus")), "memory.tmx:2"),
    Case("memory not XML", DRY_RUN, _tmx("<tmx><body><tu>"), "memory.tmx:1"),
    Case("memory of another root", DRY_RUN, _tmx("<html/>"), "memory.tmx"),
    Case("memory is a folder", DRY_RUN, _folder("translations/memory.tmx"), "memory.tmx"),
    # --- tx.toml and glossaries -----------------------------------------------------------------
    Case(
        "absolute glossary glob",
        ("glossary", "list"),
        _settings('glossaries = ["/etc/*"]'),
        "tx.toml",
    ),
    Case(
        "glossary glob leaving the workspace",
        ("glossary", "list"),
        _settings('glossaries = ["../*.csv"]'),
        "tx.toml",
    ),
    Case("blank glossary glob", ("status",), _settings('glossaries = [" "]'), "tx.toml"),
    Case("tx.toml not TOML", ("status",), _settings("engine = "), "tx.toml"),
    Case("tx.toml unknown engine", ("status",), _settings('engine = "x"'), "tx.toml"),
    Case(
        "glossary not UTF-8",
        ("glossary", "list"),
        _put("glossaries/bad.csv", b"en,es\n\xff,x\n"),
        "bad.csv:2",
    ),
    Case(
        "glossary without source column",
        ("glossary", "list"),
        _put("glossaries/bad.csv", "es,fr\na,b\n"),
        "bad.csv:1",
    ),
    Case(
        "glossary row too short",
        ("glossary", "list"),
        _put("glossaries/bad.csv", 'en,es\n"a,b\n'),
        "bad.csv:2",
    ),
    Case(
        "TBX not XML",
        ("glossary", "import", "in/bad.tbx"),
        _put("in/bad.tbx", "<martif>"),
        "bad.tbx:1",
    ),
    Case(
        "TBX of another root",
        ("glossary", "import", "in/bad.tbx"),
        _put("in/bad.tbx", "<html/>"),
        "bad.tbx",
    ),
    Case(
        "OmegaT not UTF-8",
        ("glossary", "import", "in/bad.txt", "--lang", "es"),
        _put("in/bad.txt", b"a\tb\n\xff\tc\n"),
        "bad.txt:2",
    ),
    Case(
        "OmegaT without tabs",
        ("glossary", "import", "in/bad.txt", "--lang", "es"),
        _put("in/bad.txt", "# x\nonly one field\n"),
        "bad.txt:2",
    ),
    Case(
        "glossary import of a folder",
        ("glossary", "import", "in/dir.csv"),
        _folder("in/dir.csv"),
        "dir.csv",
    ),
    # --- command options -------------------------------------------------------------------------
    Case(
        "unknown engine, nothing to do",
        ("translate", SLUG, "--to", "es", "--engine", "nonsense"),
        None,
        "--engine",
    ),
    Case(
        "unknown engine, dry run",
        ("translate", "--dry-run", "--engine", "nonsense"),
        None,
        "--engine",
    ),
    Case("language code with spaces", ("translate", "--dry-run", "--to", "e s"), None, "--to"),
    Case("language code as a path", ("translate", "--dry-run", "--to", "../es"), None, "--to"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input_is_refused_in_one_line(case: Case, hostile_workspace: Path) -> None:
    run_case(case, hostile_workspace)


def test_status_goes_on_past_an_unreadable_article(hostile_workspace: Path) -> None:
    _article("title: T\ndate: 2025-02-30")(hostile_workspace)
    result = run_case(
        Case("status", ("status",), None, "bad.md:3"), hostile_workspace, refused=True
    )
    assert f"{SLUG:<32} en    es" in result.stdout  # the good article is still listed
    assert "bad" in result.stdout


def test_the_work_file_article_segments_are_what_the_harness_expects(
    hostile_workspace: Path,
) -> None:
    from translate.source.articles import read_article
    from translate.workspace import workfiles

    article = read_article(hostile_workspace / "articles" / f"{SLUG}.md")
    work = workfiles.load(hostile_workspace / "translations" / "es" / f"{SLUG}.json")
    assert [s.segment for s in work.segments] == list(segment_article(article))
