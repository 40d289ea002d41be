"""``facilitator export`` as a user runs it: files written, one-line errors, the project untouched."""

from __future__ import annotations

import hashlib

import pytest

from facilitator.cli import main
from facilitator.export import outputs
from tests.export_pdfcheck import page_size, reader, text_of


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", ["agenda", "pack", "csv", "json", "markdown"])
def test_each_kind_writes_its_file_and_never_changes_the_project(demo_file, tmp_path, kind, capsys):
    before = digest(demo_file)
    out = tmp_path / f"out{outputs.suffix(kind)}"
    assert main(["export", str(demo_file), "--kind", kind, "-o", str(out)]) == 0
    assert out.stat().st_size > 500
    assert f"Wrote {out}" in capsys.readouterr().out
    assert digest(demo_file) == before
    assert not list(tmp_path.glob("*.part"))


def test_wall_outputs_need_a_wall_name_when_there_are_several(demo_file, tmp_path, capsys):
    out = tmp_path / "s.pdf"
    assert main(["export", str(demo_file), "--kind", "session", "-o", str(out)]) == 1
    assert capsys.readouterr().err.strip() == "facilitator: error: Choose a wall with --wall: Barriers, Ideas."
    assert main(["export", str(demo_file), "--kind", "poster", "--wall", "Nope", "-o", str(out)]) == 1
    assert "There is no wall called 'Nope'; the walls are: Barriers, Ideas." in capsys.readouterr().err
    assert not out.exists()
    assert main(["export", str(demo_file), "--kind", "session", "--wall", " ideas ", "-o", str(out)]) == 0
    assert "Ideas" in text_of(out.read_bytes())


def test_paper_choice_and_poster_default(demo_file, tmp_path, monkeypatch):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    agenda = tmp_path / "agenda.pdf"
    assert main(["export", str(demo_file), "--kind", "agenda", "-o", str(agenda)]) == 0
    assert page_size(agenda.read_bytes()) == (612.0, 792.0)
    assert main(["export", str(demo_file), "--kind", "agenda", "--paper", "a4", "-o", str(agenda)]) == 0
    assert page_size(agenda.read_bytes()) == (595.3, 841.9)
    poster = tmp_path / "poster.pdf"
    assert main(["export", str(demo_file), "--kind", "poster", "--wall", "Barriers", "-o", str(poster)]) == 0
    assert sorted(page_size(poster.read_bytes())) == [841.9, 1190.6]  # A3


def test_suffix_is_added_and_the_csv_wall_filter_applies(demo_file, tmp_path):
    assert main(["export", str(demo_file), "--kind", "csv", "--wall", "Ideas", "-o", str(tmp_path / "ideas")]) == 0
    text = (tmp_path / "ideas.csv").read_text(encoding="utf-8-sig")
    assert "Barriers" not in text and text.count("\nIdeas,") == 31


def test_bad_destinations_and_bad_projects_are_one_line_errors(demo_file, tmp_path, capsys):
    assert main(["export", str(demo_file), "--kind", "agenda", "-o", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert main(["export", str(demo_file), "--kind", "agenda", "-o", str(tmp_path / "no" / "x.pdf")]) == 1
    assert "does not exist" in capsys.readouterr().err
    junk = tmp_path / "junk.facil"
    junk.write_text("hello")
    assert main(["export", str(junk), "--kind", "agenda", "-o", str(tmp_path / "x.pdf")]) == 1
    assert capsys.readouterr().err.strip() == "facilitator: error: junk.facil is not a Facilitator project."


def test_export_request_is_picklable_for_the_worker_process(demo_project, tmp_path):
    import pickle

    request = outputs.ExportRequest("pack", demo_project, tmp_path / "p.pdf", paper="a4", photo_data={"x": b"1"})
    copy = pickle.loads(pickle.dumps(request))
    assert outputs.run(copy) == tmp_path / "p.pdf"
    assert len(reader((tmp_path / "p.pdf").read_bytes()).pages) > 5
