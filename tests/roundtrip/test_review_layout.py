"""The review document as a reviewer sees it printed: LibreOffice renders it to PDF, the test
measures the columns and reads the flag reasons in the PDF, and keeps a PNG of the first
page in the artefacts folder (tests/conftest.py) for a person to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from support.review_sample import SLUG, TODAY, build_workspace
from support.word_xml import w

from translate.roundtrip.review.export import COLUMN_WIDTHS_CM, export_review, flag_reasons
from translate.workspace import workfiles

pytestmark = [
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) missing"),
]
pdfplumber = pytest.importorskip("pdfplumber")

A4_LANDSCAPE_PT = (841.9, 595.3)


def _pdf(path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "pdf"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    return out / f"{path.stem}.pdf"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, artefacts: Path) -> tuple[Path, Path]:
    tmp_path = tmp_path_factory.mktemp("layout")
    ws = build_workspace(tmp_path / "ws")
    document = export_review(ws, SLUG, "es", today=TODAY)
    pdf = _pdf(document, tmp_path)
    with pdfplumber.open(pdf) as opened:
        for number, page in enumerate(opened.pages[:2], 1):
            image = page.to_image(resolution=80)
            image.save(artefacts / f"review-document-page{number}.png")
    return document, pdf


def test_the_grid_and_cell_widths_are_explicit_and_fixed(rendered: tuple[Path, Path]) -> None:
    import zipfile

    with zipfile.ZipFile(rendered[0]) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    table = root.findall(f".//{w('tbl')}")[1]
    grid = [int(col.get(w("w"))) for col in table.find(w("tblGrid"))]
    assert [round(width / 567, 1) for width in grid] == list(COLUMN_WIDTHS_CM)
    assert table.find(f"{w('tblPr')}/{w('tblLayout')}").get(w("type")) == "fixed"
    assert table.find(f"{w('tr')}/{w('trPr')}/{w('tblHeader')}") is not None
    section = root.find(f".//{w('sectPr')}/{w('pgSz')}")
    assert section.get(w("orient")) == "landscape"


def test_the_translation_column_takes_over_a_third_of_the_page(
    rendered: tuple[Path, Path],
) -> None:
    with pdfplumber.open(rendered[1]) as pdf:
        page = next(p for p in pdf.pages if p.search("Translation (Spanish", regex=False))
        assert (round(page.width, 1), round(page.height, 1)) == A4_LANDSCAPE_PT
        # the header words start at their columns' left edges plus one cell margin each
        translation = page.search("Translation (Spanish", regex=False)[0]["x0"]
        header = page.search("Translation (Spanish", regex=False)[0]["top"]
        header = page.search("Translation (Spanish", regex=False)[0]["top"]
        status = next(m for m in page.search("Status") if abs(m["top"] - header) < 2)["x0"]
        segment = next(m for m in page.search("Segment") if abs(m["top"] - header) < 2)["x0"]
        source = page.search("Source (English), read-only", regex=False)[0]["x0"]
    assert (status - translation) / page.width >= 0.35
    assert segment < source < translation < status


def test_every_flag_reason_is_printed(rendered: tuple[Path, Path]) -> None:
    document, pdf_path = rendered
    ws_root = document.parents[3]
    translation = workfiles.load(ws_root / "translations" / "es" / f"{SLUG}.json")
    reasons = [line for item in translation.segments for line in flag_reasons(item)]
    assert reasons
    with pdfplumber.open(pdf_path) as pdf:
        columns = []
        for page in pdf.pages:
            found = page.search("Notes")
            if found:  # the Notes column, from its header's left edge less a cell margin
                notes = page.crop((found[0]["x0"] - 4, 0, page.width, page.height))
                columns.append(notes.extract_text() or "")
        text = " ".join(" ".join(column.split()) for column in columns)
    for reason in reasons:
        assert " ".join(f"\u2691 {reason}".split()) in text


def test_the_header_row_is_repeated_on_every_page(rendered: tuple[Path, Path]) -> None:
    with pdfplumber.open(rendered[1]) as pdf:
        table_pages = [p for p in pdf.pages if p.search("Segment")]
        assert len(table_pages) >= 1
        for page in pdf.pages[pdf.pages.index(table_pages[0]) :]:
            assert page.search("Translation (Spanish", regex=False), page.page_number
