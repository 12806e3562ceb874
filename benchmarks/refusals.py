"""Refusal benchmark: the worst files just under (or at) the import limits are checked in <= 10 s with a peak
memory <= 1 GiB, each in its own process: `python -m benchmarks.refusals` (writes benchmarks/out/refusals/).

Each file is checked with `python -m analysis check FILE` in a fresh subprocess; wall time is measured
around it and peak memory is that child's `ru_maxrss`, from os.wait4 (the per-child form of
resource.getrusage(RUSAGE_CHILDREN)). The baseline, measured in the same run, is the check of a
normal 60-day diary (sample_data's first file), so the ratios mean the same on a faster machine. The files
come from tests/hostile_corpus.py where they exist there, plus a few made here (a file exactly at the size
cap, zip bombs of 1 MB and 5 MB, a workbook of 21 million cells).
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from analysis.ingest.import_limits import ImportLimits
from tests.hostile_corpus import cases, workbook

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "benchmarks" / "out" / "refusals"
LIMIT_SECONDS = 10.0
LIMIT_BYTES = 1 << 30
CORPUS = ["bomb-1mb.xlsx", "bomb-ratio.xlsx", "header-100000-columns.csv", "row-100000-cells.csv",
          "million-identical-rows.csv", "rows-50001.csv", "cell-1_8mb.csv", "xlsx-rows.xlsx", "xlsx-cells.xlsx"]


def extra_files() -> dict[str, bytes]:
    """Files too large for the test corpus: the size cap exactly, a 5 MB bomb, 21 million cells."""
    cap = int(ImportLimits().max_file_mb * 1_000_000)
    rows, day = [], 0
    header = b"patient,date,pain,worst_pain,activity_minutes,notes\n"
    size = len(header)
    first = dt.date(1910, 1, 1)
    while len(rows) < ImportLimits().max_rows:  # distinct valid days with long notes: the slowest legal file
        date = first + dt.timedelta(days=day % 40_000)  # patients of 40,000 days each (1910-2019)
        row = f"p{day // 40_000},{date},{day % 11},{day % 11},{day % 1441},note {day} {'x' * 380}\n".encode()
        if size + len(row) > cap:
            break
        rows.append(row)
        size += len(row)
        day += 1
    at_cap = header + b"".join(rows)
    if len(at_cap) < cap:  # the last row's note made longer, to reach the cap exactly
        at_cap = at_cap[:-1] + b"y" * (cap - len(at_cap)) + b"\n"
    bomb1 = streamed_workbook(b" " * 10_000_000, 100)  # 1 GB of spaces: about 1 MB packed
    bomb5 = streamed_workbook(b" " * 10_000_000, 500)  # 5 GB: about 5 MB packed
    row = b"<row>" + b"<c><v>1</v></c>" * 210 + b"</row>"
    cells21 = streamed_workbook(row * 1000, 100)  # 100,000 rows of 210 cells: 21 million cells
    cells = ImportLimits().max_xlsx_cells
    day_rows = b"".join(f"<row><c t=\"inlineStr\"><is><t>{dt.date(1910, 1, 1) + dt.timedelta(days=d)}"
                        f"</t></is></c><c><v>{d % 11}</v></c>{'<c><v>1</v></c>' * 7}</row>".encode()
                        for d in range(cells // 9 - 1))  # valid diary days of 9 cells: just under the cap
    under_cells = streamed_workbook(day_rows, 1)
    return {"xlsx-just-under-cell-cap.xlsx": under_cells, "at-size-cap.csv": at_cap, "bomb-1mb-real.xlsx": bomb1,
            "bomb-5mb.xlsx": bomb5,
            "cells-21-million.xlsx": cells21}


def streamed_workbook(chunk: bytes, times: int) -> bytes:
    """A workbook whose sheet data is ``chunk`` written ``times`` times, deflated as it is written
    (never whole in memory), inside the parts of tests.hostile_corpus.workbook."""
    template = zipfile.ZipFile(io.BytesIO(workbook(b"")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in template.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, template.read(info))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                       b'2006/main"><sheetData><row r="1"><c t="inlineStr"><is><t>date</t></is></c>'
                       b'<c t="inlineStr"><is><t>pain</t></is></c></row>')
            for _ in range(times):
                part.write(chunk)
            part.write(b"</sheetData></worksheet>")
    return out.getvalue()


def measure(path: Path) -> tuple[float, int, int, str]:
    """(seconds, peak RSS bytes, exit code, first problem line) of `python -m analysis check path`.

    The peak is this one child's ru_maxrss, from os.wait4 (resource.getrusage(RUSAGE_CHILDREN) gives the
    largest of all children so far, which would hide a small peak behind an earlier large one)."""
    output = OUT / "last-output.txt"
    start = time.perf_counter()
    with output.open("wb") as sink:
        child = subprocess.Popen([sys.executable, "-m", "analysis", "check", str(path)], cwd=ROOT, stdout=sink,
                                 stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    text = output.read_text(errors="replace")
    if "Traceback" in text:
        raise SystemExit(f"{path.name}: the check crashed:\n{text}")
    lines = text.splitlines()
    return seconds, usage.ru_maxrss * 1024, child.returncode, (lines[1].strip() if len(lines) > 1
                                                                  else lines[0] if lines else "")


def main(argv: list[str] | None = None) -> int:
    """Write the files, check each in a child process, report; exit 1 if any breaks 10 s or 1 GiB."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    files = {name: data for name, data, _ in cases() if name in CORPUS}
    files.update(extra_files())
    sample = sorted((ROOT / "sample_data").glob("*.csv"))[0]
    baseline_path = OUT / "baseline-60-day-diary.csv"
    baseline_path.write_bytes(sample.read_bytes())
    measure(baseline_path)  # warm the file cache and the interpreter's bytecode
    base_seconds, base_peak, _, _ = measure(baseline_path)
    rows = []
    for name, data in sorted(files.items(), key=lambda item: len(item[1])):
        path = OUT / name
        path.write_bytes(data)
        seconds, peak, code, said = measure(path)
        rows.append((name, len(data), seconds, peak, code, said))
    print(f"baseline (a 60-day diary, {baseline_path.stat().st_size:,} bytes): {base_seconds:.2f} s, "
          f"{base_peak / 2**20:.0f} MiB peak")
    print("| file | size | exit | seconds | x baseline | peak MiB | x baseline | said |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    failed = []
    for name, size, seconds, peak, code, said in rows:
        print(f"| {name} | {size / 1e6:,.2f} MB | {code} | {seconds:.2f} | {seconds / base_seconds:.1f} | "
              f"{peak / 2**20:.0f} | {peak / base_peak:.1f} | {said[:110]} |")
        if seconds > LIMIT_SECONDS or peak > LIMIT_BYTES:
            failed.append(name)
    print(f"limits: <= {LIMIT_SECONDS:g} s and <= {LIMIT_BYTES / 2**30:g} GiB each: "
          + ("all met." if not failed else f"NOT met by {', '.join(failed)}."))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
