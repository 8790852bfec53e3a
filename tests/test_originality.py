"""Supple's prose must be its own: no run of 10+ consecutive words from a source article."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from conftest import REPO, require

RUN = 10
WORD = re.compile(r"[a-z0-9']+")
BINARY = {".png", ".pdf", ".ico", ".woff", ".woff2", ".lock", ".gz", ".zip"}


def seeds_dir() -> Path:
    return Path(os.environ.get("SUPPLE_SEEDS_DIR", REPO.parent / "shared" / "seeds"))


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("\u2019", "'"))


def runs(text: str, n: int = RUN) -> set[str]:
    w = words(text)
    return {" ".join(w[i : i + n]) for i in range(len(w) - n + 1)}


def copied_runs(sources: Iterable[str], text: str, n: int = RUN) -> set[str]:
    """The n-word runs of ``text`` that also appear in any of ``sources``."""
    known: set[str] = set()
    for source in sources:
        known |= runs(source, n)
    return runs(text, n) & known


def project_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [REPO / name for name in listed if Path(name).suffix not in BINARY]


def test_detector_finds_a_copied_run_and_ignores_paraphrase() -> None:
    source = "Lie on your back, bend both knees and rest the feet flat on the mat."
    copied = "Start here. lie on your BACK, bend both knees and rest the feet flat! Then relax."
    paraphrase = "Settle face up with knees bent and soles down on the mat."
    assert copied_runs([source], copied)
    assert not copied_runs([source], paraphrase)


def test_no_sentence_from_the_articles_appears_in_the_project() -> None:
    folder = seeds_dir()
    require(folder.is_dir() and any(folder.glob("*.txt")), f"source articles in {folder}")
    articles = [p.read_text(errors="ignore") for p in sorted(folder.glob("*.txt"))]
    known: set[str] = set()
    for article in articles:
        known |= runs(article)
    hits = []
    for path in project_files():
        if not path.is_file():
            continue
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue
        hits += [f"{path.relative_to(REPO)}: '{run}'" for run in sorted(runs(text) & known)]
    assert not hits, "copied from the articles; rewrite in your own words:\n" + "\n".join(hits)
