"""tx report on a real newsroom's worth of reviews: eight articles in two languages (es by
Debian's apertium, fr by the test-built Argos model), reviewed through real review documents
(some sentences edited, all approved) and imported with `tx review import --by`. Every figure
is checked against values computed here, independently of tx's own code."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from support.cli import tx
from support.reviewer import Reviewer

from translate import workspace
from translate.confidence import band_of
from translate.workspace import workfiles

pytestmark = [
    pytest.mark.apertium,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("apertium") is None, reason="needs apertium-eng-spa"),
]

TOPICS = ("harbor", "library", "bridge", "school", "market", "hospital", "tram", "museum")
SENTENCES = (
    "The city council met on Monday to discuss the {t}.",
    "Officials said the {t} would reopen next spring.",
    "Residents asked for more information about the {t}.",
    "The mayor promised a public meeting about the {t} in March.",
    "Workers began repairs at the {t} last week.",
    "The cost of the work at the {t} rose to four million euros.",
    "A spokesman for the {t} declined to comment.",
    "Local businesses welcomed the plan for the {t}.",
    "The opposition criticised the delay at the {t}.",
    "Engineers inspected the {t} after the storm.",
    "Volunteers cleaned the area around the {t}.",
    "The {t} will be open to visitors on weekends.",
    "Students visited the {t} with their teachers.",
    "The council will vote on the budget for the {t} next month.",
    "Police closed the road near the {t} for two hours.",
    "The new director of the {t} starts in January.",
)
REVIEWERS = {"es": "Ana Ruiz", "fr": "Luc Martin"}


def _article(topic: str) -> str:
    body = " ".join(s.format(t=topic) for s in SENTENCES)
    return f"---\ntitle: News about the {topic}\ndate: 2026-11-02\n---\n\n{body}\n"


def _edit(text: str) -> str:
    """What the reviewer types over a sentence they correct."""
    return text.rstrip(".") + " (revisado)."


@pytest.fixture(scope="module")
def reviewed(
    tmp_path_factory: pytest.TempPathFactory, build_argos: object
) -> tuple[workspace.Workspace, dict[str, set[str]]]:
    root = tmp_path_factory.mktemp("report")
    packages = tmp_path_factory.mktemp("argos-packages")
    monkey = pytest.MonkeyPatch()
    monkey.setenv("ARGOS_PACKAGES_DIR", str(packages))
    try:
        workspace.init(root)
        for topic in TOPICS:
            (root / "articles" / f"{topic}.md").write_text(_article(topic), encoding="utf-8")
        ws = workspace.load(root)
        package = build_argos("en", "fr")  # type: ignore[operator]
        assert tx(ws, "models", "install", str(package))[0] == 0
        assert tx(ws, "translate", "--to", "es", "--engine", "apertium")[0] == 0
        assert tx(ws, "translate", "--to", "fr", "--engine", "argos")[0] == 0
        edited: dict[str, set[str]] = {"es": set(), "fr": set()}
        for lang in ("es", "fr"):
            for number, topic in enumerate(TOPICS):
                code, output = tx(ws, "review", "export", topic, "--lang", lang)
                assert code == 0, output
                document = Reviewer(ws.review_file(topic, lang))
                for index, item in enumerate(workfiles.load(ws.work_file(topic, lang)).segments):
                    if (index + number) % 3 == 0:
                        document.retype(item.id, _edit(item.target))
                        edited[lang].add(f"{topic}/{item.id}")
                    document.retype(item.id, "final", column=3)
                path = document.save()
                code, output = tx(ws, "review", "import", str(path), "--by", REVIEWERS[lang])
                assert code == 0, output
        yield ws, edited
    finally:
        monkey.undo()


def _levenshtein(a: list[str] | str, b: list[str] | str) -> int:
    """Edit distance by the textbook dynamic programme (independent of rapidfuzz)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _expected(ws: workspace.Workspace) -> dict[str, dict[str, float]]:
    """Per language: the figures computed from the work files by hand."""
    found: dict[str, dict[str, float]] = {}
    for lang in ("es", "fr"):
        segments = edited = words = 0
        char = word = 0.0
        for topic in TOPICS:
            for item in workfiles.load(ws.work_file(topic, lang)).segments:
                assert item.draft is not None and item.state.is_human
                draft, final = " ".join(item.draft.target.split()), " ".join(item.target.split())
                segments += 1
                words += len(item.segment.source.split())
                edited += draft != final
                longest = max(len(draft), len(final)) or 1
                char += _levenshtein(draft, final) / longest
                word += _levenshtein(draft.split(), final.split()) / max(len(draft.split()), 1)
        found[lang] = {
            "segments": segments,
            "edited": edited,
            "words": words,
            "char": char / segments,
            "word": word / segments,
        }
    return found


def test_the_figures_per_language_match_the_hand_computed_ones(
    reviewed: tuple[workspace.Workspace, dict[str, set[str]]],
) -> None:
    ws, edited = reviewed
    code, output = tx(ws, "report", "--format", "json")
    assert code == 0, output
    data = json.loads(output)
    expected = _expected(ws)
    rows = {row["lang"]: row for row in data["by_language"]}
    assert rows["es"]["engine"] == "apertium" and rows["fr"]["engine"] == "argos"
    for lang in ("es", "fr"):
        row, want = rows[lang], expected[lang]
        assert row["sentences"] == want["segments"] == len(TOPICS) * (len(SENTENCES) + 1)
        assert want["edited"] == len(edited[lang])  # every retyped sentence was imported
        assert row["sentences"] - row["unchanged"] == want["edited"]
        assert row["unchanged_share"] == pytest.approx(1 - want["edited"] / want["segments"], 1e-3)
        assert row["words"] == want["words"]
        assert row["char_edit_rate"] == pytest.approx(want["char"], abs=1e-4)
        assert row["word_edit_rate"] == pytest.approx(want["word"], abs=1e-4)
        assert row["hours_to_approval"] is not None and row["hours_to_approval"] < 1
    assert data["total"]["sentences"] == sum(e["segments"] for e in expected.values())
    assert "by_person" not in data  # reviewers are named only when asked


def test_articles_checks_and_bands_match(
    reviewed: tuple[workspace.Workspace, dict[str, set[str]]],
) -> None:
    ws, edited = reviewed
    data = json.loads(tx(ws, "report", "--format", "json")[1])
    articles = {(row["article"], row["lang"]): row for row in data["by_article"]}
    assert len(articles) == 2 * len(TOPICS)
    for (topic, lang), row in articles.items():
        mine = {key for key in edited[lang] if key.startswith(f"{topic}/")}
        assert row["sentences"] - row["unchanged"] == len(mine)
    flagged: dict[str, list[bool]] = {}
    bands: dict[str, list[bool]] = {}
    unflagged = 0
    for lang in ("es", "fr"):
        for topic in TOPICS:
            for item in workfiles.load(ws.work_file(topic, lang)).segments:
                assert item.draft is not None
                changed = f"{topic}/{item.id}" in edited[lang]
                codes = {flag.code for flag in item.draft.flags}
                for code in codes:
                    flagged.setdefault(code, []).append(changed)
                unflagged += changed and not codes
                bands.setdefault(band_of(item.draft.score), []).append(changed)
    checks = {row["check"]: row for row in data["checks"]}
    assert set(checks) == set(flagged)
    for code, outcomes in flagged.items():
        assert checks[code]["flagged"] == len(outcomes)
        assert checks[code]["edited"] == sum(outcomes)
    assert data["unflagged_edits"] == unflagged
    got = {row["band"]: (row["sentences"], row["edited"]) for row in data["bands"]}
    assert got == {band: (len(v), sum(v)) for band, v in bands.items()}
    assert got["no score"][0] == len(TOPICS) * (len(SENTENCES) + 1)  # apertium gives none


def test_filters_people_and_formats(
    reviewed: tuple[workspace.Workspace, dict[str, set[str]]],
) -> None:
    ws, edited = reviewed
    data = json.loads(tx(ws, "report", "--format", "json", "--lang", "fr")[1])
    assert [row["lang"] for row in data["by_language"]] == ["fr"]
    data = json.loads(tx(ws, "report", "--format", "json", "--engine", "apertium")[1])
    assert [row["engine"] for row in data["by_language"]] == ["apertium"]
    data = json.loads(tx(ws, "report", "--format", "json", "--since", "2999-01-01")[1])
    assert data["total"]["sentences"] == 0
    data = json.loads(tx(ws, "report", "--format", "json", "--by-person")[1])
    people = {row["person"]: row for row in data["by_person"]}
    assert set(people) == set(REVIEWERS.values())
    assert people["Ana Ruiz"]["sentences"] - people["Ana Ruiz"]["unchanged"] == len(edited["es"])
    code, output = tx(ws, "report")
    assert code == 0 and "by language and engine" in output and "Ana Ruiz" not in output
    code, output = tx(ws, "report", "--format", "csv")
    table = list(csv.reader(io.StringIO(output)))
    assert table[0][:3] == ["table", "lang", "engine"]
    code, output = tx(ws, "report", "--since", "yesterday")
    assert code == 2 and "not a date" in output


def test_calibration_proposes_writes_and_review_export_uses_it(
    reviewed: tuple[workspace.Workspace, dict[str, set[str]]],
) -> None:
    ws, _ = reviewed
    config = ws.root / "tx.toml"
    before = config.read_text(encoding="utf-8")
    code, output = tx(ws, "report", "--calibrate")
    assert code == 0, output
    assert "calibration fr argos:" in output
    assert config.read_text(encoding="utf-8") == before  # nothing written without --write
    code, output = tx(ws, "report", "--calibrate", "--write")
    assert code == 0, output
    text = config.read_text(encoding="utf-8")
    assert "[confidence.fr]" in text and text.startswith(before.split("\n", 1)[0])
    thresholds = workspace.load(ws.root).settings.bands_for("fr")
    assert thresholds is not None and thresholds[1] <= thresholds[0] <= 0
    # a new story, not reviewed yet: --below uses the calibrated bands
    (ws.root / "articles" / "ferry.md").write_text(_article("ferry"), encoding="utf-8")
    assert tx(ws, "translate", "ferry", "--to", "fr", "--engine", "argos")[0] == 0
    items = workfiles.load(ws.work_file("ferry", "fr")).segments
    below = [item for item in items if band_of(item.score, thresholds) != "high"]
    code, output = tx(ws, "review", "export", "ferry", "--lang", "fr", "--below", "high")
    assert code == 0, output
    document = Reviewer(ws.review_file("ferry", "fr"))
    assert len(document.table.rows) - 1 == len(below)


def test_the_html_report_renders_in_chromium(
    reviewed: tuple[workspace.Workspace, dict[str, set[str]]], artefacts: Path
) -> None:
    ws, _ = reviewed
    code, output = tx(ws, "report", "--format", "html", "--by-person")
    assert code == 0, output
    page = ws.exports_dir / "reports" / "post-editing.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 4
    for fetching in ('src="http', 'href="http', "url(http", "<script", "@import", "<link"):
        assert fetching not in html  # nothing to fetch: the page works offline
    assert "Ana Ruiz" in html
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("needs chromium for the screenshot")
    shot = artefacts / "report.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={ws.root / '.chromium'}", "--hide-scrollbars",
         f"--screenshot={shot}", "--window-size=1280,2200", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert shot.stat().st_size > 20_000
