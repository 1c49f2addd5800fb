"""The exit status table of the README, command by command: 0 everything asked was done,
1 an error and nothing changed, 2 usage, 3 done in part with the rest listed."""

from __future__ import annotations

from pathlib import Path

from support.cli import tx
from support.sample_site import make_workspace

from translate.models import State


def test_review_export_with_one_document_kept_is_done_in_part(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, {"es": State.TRANSLATED, "fr": State.TRANSLATED})
    assert tx(ws, "review", "export", "sample", "--lang", "es,fr")[0] == 0
    edited = ws.review_file("sample", "es")
    edited.write_bytes(edited.read_bytes() + b"\0")  # a reviewer saved into it
    before = edited.read_bytes()
    code, out = tx(ws, "review", "export", "sample", "--lang", "es,fr")
    assert code == 3, out
    assert "not done: 1 review document(s) not done (listed above)" in out
    assert f"wrote {ws.review_file('sample', 'fr')}" in out
    assert edited.read_bytes() == before
    code, out = tx(ws, "review", "export", "sample", "--lang", "es")
    assert code == 1 and out.startswith("error: ") and out.count("\n") == 1, out


def test_export_exit_status_follows_what_was_published(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, {"es": State.REVIEWED, "fr": State.TRANSLATED})
    assert tx(ws, "export", "--lang", "es")[0] == 0
    code, out = tx(ws, "export", "--lang", "fr")  # nothing asked could be published
    assert code == 1 and "error: the publishing gate held back 2 edition(s)" in out
    code, out = tx(ws, "export")  # en and es published, fr pending
    assert code == 3 and "not done: the publishing gate held back 2 edition(s)" in out
    assert tx(ws, "export", "--lang", "xx-invalid-tag!")[0] == 1
    assert tx(ws, "export", "--prune", "sample")[0] == 2
    assert tx(ws, "withdraw", "sample", "--lang", "es")[0] == 2  # --reason is required
    code, out = tx(ws, "withdraw", "sample", "--lang", "es", "--reason", "bad\x07reason")
    assert code == 1 and "a withdrawal needs a reason" in out
    assert ws.edition_file("sample", "es", "html").is_file()
