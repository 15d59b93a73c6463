"""README's Python example runs as written (as sqlite-utils checks its documentation)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)


def test_readme_has_a_python_example() -> None:
    assert any("import kg" in block for block in python_blocks())


@pytest.mark.parametrize("block", python_blocks())
def test_the_python_example_of_the_readme_runs(
    block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "examples" / "articles", tmp_path / "examples" / "articles")
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "meetings" in printed and (tmp_path / "out" / "report.json").is_file()
