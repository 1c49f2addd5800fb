"""Characters apertium cannot carry: a lone surrogate (no UTF-8 encoding) and U+FFFF (which
lttoolbox takes for the end of its input, losing the rest of the batch).

An article a person wrote cannot hold either: the reader refuses it in one line naming the
file, the line and the fix, before anything is translated. The engine, given one anyway by a
caller of the library, lets it pass untranslated in its place on both roads (the kept-warm
pipeline and one ``apertium`` process), the words around it translated, and no traceback. The
other noncharacters, which an article may hold, go through ``tx translate`` on both roads.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate import workspace
from translate.cli import app
from translate.translation.engines import apertium_client
from translate.translation.engines.apertium import ApertiumEngine, encode_batch

pytestmark = [
    pytest.mark.apertium,
    pytest.mark.skipif(
        not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
    ),
]
UNCARRIED = {"lone surrogate": "\ud800", "low surrogate": "\udfff", "FFFF": "\uffff"}
ROADS = {"one process": 0.0, "kept warm": 60.0}
# Noncharacters an article may hold (XML may): they reach the engine from a file.
ALLOWED = {"FDD0": "\ufdd0", "1FFFF": "\U0001ffff", "10FFFF": "\U0010ffff"}


@pytest.mark.parametrize("keep_alive", ROADS.values(), ids=ROADS.keys())
@pytest.mark.parametrize("character", UNCARRIED.values(), ids=UNCARRIED.keys())
def test_the_engine_passes_an_uncarried_character_through_untranslated(
    character: str, keep_alive: float
) -> None:
    engine = ApertiumEngine(keep_alive=keep_alive)
    texts = [f"The dog {character} is big.", "The house is red.", f"{character}"]
    outputs = engine.translate(texts, "en", "es")
    assert [output.text for output in outputs] == [
        f"El perro {character} es grande.",
        "La casa es roja.",
        character,
    ]


@pytest.mark.parametrize("character", UNCARRIED.values(), ids=UNCARRIED.keys())
def test_the_kept_warm_pipeline_serves_the_batch(character: str) -> None:
    """The kept-warm road itself answers (it does not fall back to one process)."""
    batch = encode_batch([f"The dog {character} is big."])
    assert apertium_client.translate(batch, "eng-spa", 60, 60) is not None


def test_a_client_given_text_without_utf8_runs_apertium_itself() -> None:
    assert apertium_client.translate('<p id="tx0">A \ud800 dog.</p>\n', "eng-spa", 60, 60) is None


def _tx(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--workspace", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _workspace(root: Path, body: bytes, keep_alive: float) -> Path:
    workspace.init(root)
    settings = root / "tx.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("apertium_keep_alive = 300", f"apertium_keep_alive = {int(keep_alive)}"),
        encoding="utf-8",
    )
    (root / "articles" / "story.md").write_bytes(b"---\ntitle: Talks\n---\n\n" + body + b"\n")
    return root


ARTICLES = {
    "FFFF": ("The dog \uffff is big.".encode(), "story.md:5: noncharacter U+FFFF"),
    "surrogate bytes": (b"The dog \xed\xa0\x80 is big.", "story.md:5: not UTF-8 (byte 0xed"),
}


@pytest.mark.parametrize("keep_alive", ROADS.values(), ids=ROADS.keys())
@pytest.mark.parametrize("case", ARTICLES.values(), ids=ARTICLES.keys())
def test_an_article_holding_one_is_refused_in_one_line(
    case: tuple[bytes, str], keep_alive: float, tmp_path: Path
) -> None:
    body, message = case
    root = _workspace(tmp_path / "ws", body, keep_alive)
    code, output = _tx(root, "translate", "story", "--to", "es", "--engine", "apertium")
    assert code == 1
    assert len(output.strip().splitlines()) == 1, output
    assert message in output
    assert "re-save the file as UTF-8" in output or "delete it" in output
    assert not (root / "translations" / "es" / "story.json").exists()


@pytest.mark.parametrize("keep_alive", ROADS.values(), ids=ROADS.keys())
def test_noncharacters_and_references_an_article_holds_are_translated(
    keep_alive: float, tmp_path: Path
) -> None:
    sentences = [f"The dog {character} is big." for character in ALLOWED.values()]
    sentences.append("The cat &#xFFFF; and &#xD800; sat.")
    root = _workspace(tmp_path / "ws", " ".join(sentences).encode(), keep_alive)
    code, output = _tx(root, "translate", "story", "--to", "es", "--engine", "apertium")
    assert code == 0, output
    work = json.loads((root / "translations" / "es" / "story.json").read_text(encoding="utf-8"))
    targets = [segment["target"] for segment in work["segments"][1:]]
    expected = [f"El perro {character} es grande." for character in ALLOWED.values()]
    assert targets == [*expected, "El gato &#xFFFF; y &#xD800; sentado."]


@pytest.mark.parametrize("keep_alive", ROADS.values(), ids=ROADS.keys())
def test_the_tildes_stand_in_written_in_a_text_comes_back_as_itself(keep_alive: float) -> None:
    """U+E07E (private use) is what a tilde travels as through apertium: one in the text
    itself came back as a tilde."""
    engine = ApertiumEngine(keep_alive=keep_alive)
    texts = ["The dog \ue07e is big ~ 5.", "~\ue07e~", "The house is red."]
    outputs = engine.translate(texts, "en", "es")
    assert [output.text for output in outputs] == [
        "El perro \ue07e es grande ~ 5.",
        "~\ue07e~",
        "La casa es roja.",
    ]
