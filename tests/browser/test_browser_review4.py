"""Review 4 in Chromium: the Diary page as a patient uses it: type a correction with a comma, quotes and an
emoji, save, download the CSV and import it again (every value comes back, the formula-looking note
neutralised), then download a backup and put it back with the restore button."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.storage import DayEntry, Diary, DoseEntry
from tests.browser import app_runs, browser_page, screenshot, settle, wait_for_heading
from tests.grid_cells import NOTES, column, save_changes, type_into

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date.today()


def _robin(db: Path) -> int:
    diary = Diary(db)
    episode = diary.add_episode("Robin", TODAY - dt.timedelta(days=6), "", 60)
    diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=3), 7, 8, None, None, "=1+1"))
    diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=2), 6, None, 20, 1, "walked\nslowly",
                                       [DoseEntry("ibuprofen", 400, 3)]))
    diary.save_entry(episode, DayEntry(TODAY - dt.timedelta(days=1), 5, None, None, None, "", [], ["leg_pain"]))
    diary.close()
    return episode


def _tables(db: Path) -> dict[str, object]:
    diary = Diary(db)
    try:
        return {name: getattr(diary, name)().drop(columns="episode_id") for name in ("entries", "doses", "symptoms")}
    finally:
        diary.close()


def test_diary_page_correction_download_and_reimport_in_chromium(app_diary, tmp_path: Path) -> None:
    url, db = app_diary
    _robin(db)
    typed = 'sat, then "walked" 10 min 🙂'
    with browser_page(1366, 1100) as page:
        page.goto(f"{url}/diary")
        wait_for_heading(page, "Diary")
        settle(page)
        type_into(page, NOTES, 0, typed)  # the newest day: only a warning sign until now
        save_changes(page)
        assert column(page, NOTES, 3)[0] == typed
        screenshot(page, "review4_diary_after_save")
        with page.expect_download() as download:
            page.get_by_role("button", name="Download diary (CSV)").click()
        exported = tmp_path / "backtrack-diary.csv"
        download.value.save_as(exported)
    text = exported.read_text(encoding="utf-8")
    assert "'=1+1" in text and ',=1+1' not in text  # a spreadsheet shows the note, never computes it
    again = tmp_path / "again.db"
    result = subprocess.run([sys.executable, "-m", "analysis", "import", str(exported), "--db", str(again)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    first, second = _tables(db), _tables(again)
    for name in first:
        assert first[name].equals(second[name]), (name, first[name], second[name])
    notes = second["entries"].sort_values("date")["notes"].tolist()
    assert notes == ["=1+1", "walked\nslowly", typed]


def test_backup_then_restore_with_the_buttons_in_chromium(app_diary, tmp_path: Path) -> None:
    url, db = app_diary
    episode = _robin(db)
    with browser_page(1366, 1100) as page:
        page.goto(f"{url}/diary")
        wait_for_heading(page, "Diary")
        settle(page)
        page.get_by_text("Back up or move to a new computer").click()
        with page.expect_download() as download:
            page.get_by_role("button", name="Download a backup of the whole diary").click()
        backup = tmp_path / "backtrack-backup.db"
        download.value.save_as(backup)
        diary = Diary(db)
        diary.delete_entry(episode, TODAY - dt.timedelta(days=1))  # lost after the backup
        diary.close()
        runs = app_runs(page)
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(backup))
        settle(page, after=runs)
        runs = app_runs(page)
        page.get_by_role("button", name="Replace this diary with the backup").click()
        settle(page, after=runs)
        screenshot(page, "review4_diary_restored")
        told = page.get_by_text("The diary was restored from the backup.").count()
    assert told
    diary = Diary(db)
    try:
        assert sorted(d.date() for d in diary.entries([episode])["date"]) == [
            TODAY - dt.timedelta(days=n) for n in (3, 2, 1)]
    finally:
        diary.close()


def test_the_tables_own_csv_download_neutralises_a_formula(app_diary, tmp_path: Path) -> None:
    """FIXED (.streamlit/config.toml client.disableDataExport): the Diary table's toolbar (hover it: eye,
    download, search, full screen) had Streamlit's own "Download as CSV" beside the page's "Download diary (CSV)",
    and it wrote a note "=1+1" as a live spreadsheet formula (the README says exported cells are neutralised)."""
    url, db = app_diary
    _robin(db)
    with browser_page(1366, 1100) as page:
        # no File System Access save picker (a dialog headless Chromium cannot answer): the grid then falls back
        # to an ordinary download, as in browsers without that API
        page.add_init_script("delete window.showSaveFilePicker; delete Window.prototype.showSaveFilePicker;")
        page.goto(f"{url}/diary")
        wait_for_heading(page, "Diary")
        settle(page)
        page.get_by_test_id("stDataFrame").hover()
        buttons = page.get_by_role("button", name="Download as CSV")
        if buttons.count() == 0:  # the fix: data export off (client.disableDataExport), no raw copy to take
            return
        with page.expect_download() as download:
            buttons.first.click()
        raw = tmp_path / "grid.csv"
        download.value.save_as(raw)
    cells = raw.read_text(encoding="utf-8-sig").split(",")
    assert "=1+1" not in [cell.strip() for cell in cells], raw.read_text()
