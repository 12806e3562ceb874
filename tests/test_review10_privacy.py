"""Review 10: privacy of the files Backtrack writes (SECURITY.md: the diary is protected only by the permissions
of your account; keep it in your home folder, the default)."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_default_diary_and_its_backups_are_readable_only_by_their_owner(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    diary_csv = tmp_path / "sam.csv"
    diary_csv.write_text("date,pain\n2026-11-20,6\n2026-11-21,5\n")
    env = {k: v for k, v in os.environ.items() if k != "BACKTRACK_DB"} | {"HOME": str(home)}
    for last in (21, 22):  # the second import (a new day) takes an automatic backup
        diary_csv.write_text("date,pain\n2026-11-20,6\n" + f"2026-11-{last},5\n")
        done = subprocess.run([sys.executable, "-m", "analysis", "import", str(diary_csv), "--patient", "Sam"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
                              preexec_fn=lambda: os.umask(0o022))
        assert done.returncode == 0, done.stderr
    folder = home / ".backtrack"
    files = sorted(folder.glob("diary*.db"))
    assert len(files) == 2  # the diary and one automatic backup

    def private(path: Path) -> bool:
        return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0

    assert private(folder) or all(private(f) for f in files), {
        p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in (folder, *files)}
