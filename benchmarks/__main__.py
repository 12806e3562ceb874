"""Run the speed benchmarks of issue 12: `python -m benchmarks [--quick] [--only NAME]` (make bench).

Each target is a ratio against a baseline measured in the same run, so the numbers mean the
same on a fast or a slow machine, and each is the MEDIAN of several rounds (baseline and ours
taking turns within a round), not a best-of:

* analyses: the full summary with alerts of every episode (10,000 patients x 100 days) vs
  `pandas.read_csv` of the same file; target <= 3x.
* import: `read_diary_file` + `Diary.write_diary` of that file (validated, one transaction)
  vs the sqlite3 shell's `.import` of it (no validation at all); target <= 3x.
* progress: the Progress page (AppTest) on a 3-year diary vs a 1-week diary; target <= 1.5x.
* rerun: Today + Progress again after one day was saved vs the first run; target <= 0.5x.
* scaling: the summary of 10,000 patients vs 1,000; target <= 12x (no quadratic step);
  peak memory (ru_maxrss) of every benchmark child process <= 1 GiB.

The work runs in child processes (benchmarks/work.py, benchmarks/rerun.py); figures and short
profiles go to benchmarks/out/results.json and the "Speed (issue 12)" section of
benchmarks/RESULTS.md. Files go to benchmarks/out/ (not committed).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from benchmarks.timing import RESULT, ROOT, median_ratio

OUT = ROOT / "benchmarks" / "out"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BEGIN, END = "<!-- speed:begin (written by python -m benchmarks) -->", "<!-- speed:end -->"
MEMORY_LIMIT_MB = 1024
TARGETS = {"analyses": 3.0, "import": 3.0, "progress": 1.5, "rerun": 0.5, "scaling": 12.0}
BENCHMARKS = list(TARGETS)


def child(module: str, *arguments: str) -> dict:
    """Run `python -m module arguments` from the repository root and return its last output line as JSON."""
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", module, *arguments], cwd=ROOT, env=env, text=True,
                          capture_output=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{module} {' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


_SHARED: list[tuple[subprocess.Popen, IO[str]]] = []  # with --one-child: `benchmarks.work serve` and its stderr


def work(task: str, **arguments: object) -> dict:
    """A task of benchmarks/work.py in a child process of its own, or (--one-child) in the shared one."""
    if not _SHARED:
        return child("benchmarks.work", task, json.dumps(arguments))
    proc, errors = _SHARED[0]
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps([task, arguments]) + "\n")
    proc.stdin.flush()
    for line in proc.stdout:
        if line.startswith(RESULT):
            return json.loads(line[len(RESULT):])
    proc.wait()
    errors.seek(0)
    raise RuntimeError(f"benchmarks.work {task} failed in the shared child:\n{errors.read()[-3000:]}")


@contextmanager
def one_child(enabled: bool) -> Iterator[None]:
    """With `enabled` (--one-child), one `python -m benchmarks.work serve` runs every task of benchmarks/work.py
    while the block runs. Why: the test suite's tiny run then starts two interpreters (and loads pandas and the
    analysis) instead of four; each task's peak memory is then that of the process after the tasks before it."""
    if not enabled:
        yield
        return
    errors = tempfile.TemporaryFile("w+")
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.work", "serve"], cwd=ROOT, text=True,
                            env=os.environ | {"PYTHONPATH": str(ROOT)}, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=errors)
    _SHARED[:] = [(proc, errors)]
    try:
        yield
    finally:
        _SHARED.clear()
        assert proc.stdin is not None
        proc.stdin.close()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        errors.close()


def median(values: list[float]) -> float:
    return statistics.median(values)


def row(name: str, ours: list[float], baseline: list[float], what: str, against: str, **extra: object) -> dict:
    """One benchmark's result: medians, the median of per-round ratios, its target and verdict."""
    ratio = median_ratio(ours, baseline)
    return {"name": name, "what": what, "baseline": against, "ours_s": median(ours),
            "baseline_s": median(baseline), "ratio": ratio, "target": TARGETS[name],
            "passed": ratio <= TARGETS[name], "rounds": len(ours), "ours_runs": ours, "baseline_runs": baseline,
            **extra}


def bench_analyses(args: argparse.Namespace, chosen: list[str], results: dict) -> None:
    """The summary of the large file against read_csv; with "scaling", also of a tenth of the patients
    in the same rounds (so the machine's drift cancels in that ratio too)."""
    from benchmarks.data import write_csv

    csv = write_csv(OUT / f"diary_{args.patients}x{args.days}.csv", args.patients, args.days)
    small = args.patients // 10
    small_csv = write_csv(OUT / f"diary_{small}x{args.days}.csv", small, args.days) if "scaling" in chosen else None
    found = work("summary", csv=str(csv), repeat=args.repeat, small_csv=str(small_csv) if small_csv else None)
    if "analyses" in chosen:
        results["rows"].append(row("analyses", found["ours_s"], found["baseline_s"],
                                   f"full summary with alerts of {found['episodes']:,} episodes",
                                   "pandas.read_csv"))
        results["profiles"]["analyses"] = found["profile"]
    results["peak_mb"]["analyses"] = found["peak_mb"]
    results["peak_all_mb"]["analyses"] = found["peak_all_mb"]
    if small_csv:
        results["rows"].append(row("scaling", found["ours_s"], found["small_s"],
                                   f"summary of {found['episodes']:,} patients",
                                   f"the same for {found['small_episodes']:,} patients"))
        results["growth"] = growth(found["functions_small"], found["functions"], args.patients / small)


def bench_import(csv: Path, repeat: int, results: dict) -> None:
    found = work("import", csv=str(csv), repeat=repeat, out=str(OUT))
    rows = found["rows"]
    results["rows"].append(row("import", found["ours_s"], found["baseline_s"],
                               f"read, validate, write {sum(rows.values()):,} rows in one transaction",
                               "sqlite3 shell .import", stored=rows))
    results["profiles"]["import"] = found["profile"]
    results["peak_mb"]["import"] = found["peak_mb"]
    results["peak_all_mb"]["import"] = found["peak_all_mb"]


def bench_pages(args: argparse.Namespace, chosen: list[str], results: dict) -> None:
    from benchmarks.pages import make_diary

    short, long = make_diary(OUT / "week.db", 7), make_diary(OUT / "years.db", args.long_days)
    if "progress" in chosen:
        found = work("pages", short_db=str(short), long_db=str(long), repeat=args.repeat)
        results["rows"].append(row("progress", found["progress_long_s"], found["progress_short_s"],
                                   f"Progress page, {args.long_days:,}-day diary", "the same page, 7-day diary"))
        results["peak_mb"]["progress"] = found["peak_mb"]
    if "rerun" not in chosen:
        return
    runs = [child("benchmarks.rerun", json.dumps({"db": str(long)})) for _ in range(args.repeat)]
    first, rerun = [r["first_s"] for r in runs], [r["rerun_s"] for r in runs]
    warm = [r["first_warm_s"] for r in runs]
    results["rows"].append(row("rerun", rerun, first, "Today + Progress again after saving one day",
                               "first run of Today + Progress in a fresh process", first_warm_s=median(warm),
                               warm_ratio=median_ratio(rerun, warm)))
    results["peak_mb"]["rerun"] = max(r["peak_mb"] for r in runs)


def growth(small: dict[str, float], large: dict[str, float], factor: float, top: int = 10) -> list[dict]:
    """Backtrack's functions whose CPU time grows most from the small to the large run, among those
    taking at least 2% of the large run: a ratio well above `factor` (the growth in patients) is a
    step that grows faster than the data. Keys: function, small_s, large_s, growth."""
    del factor  # the caller reads the ratios against it
    total = max(large.values()) if large else 0.0
    found = [{"function": name.replace(str(ROOT) + "/", ""), "small_s": small[name], "large_s": seconds,
              "growth": seconds / small[name]}
             for name, seconds in large.items() if name in small and small[name] > 0 and seconds >= 0.02 * total
             and name.replace(str(ROOT) + "/", "").startswith("analysis/")]
    return sorted(found, key=lambda f: -f["growth"])[:top]


def table(results: dict) -> str:
    lines = ["| benchmark | ours (median) | baseline (median) | ratio (median of rounds) | target | verdict |",
             "|---|---|---|---|---|---|"]
    for r in results["rows"]:
        lines.append(f"| {r['name']}: {r['what']} | {r['ours_s']:.2f} s | {r['baseline']}: {r['baseline_s']:.2f} s "
                     f"| {r['ratio']:.2f}x | {r['target']:g}x | {'PASS' if r['passed'] else 'FAIL'} |")
    peak = max(results["peak_mb"].values(), default=0.0)
    lines.append(f"| peak memory (ru_maxrss of a child process after one run of its work) | {peak:,.0f} MB | | "
                 f"| {MEMORY_LIMIT_MB:,} MB "
                 f"| {'PASS' if peak <= MEMORY_LIMIT_MB else 'FAIL'} |")
    return "\n".join(lines)


def report(results: dict) -> str:
    """The Markdown written between the markers in RESULTS.md: table, every run, profiles, growth."""
    parts = [f"Run of {results['started']} UTC, `{results['command']}`: {results['rows_in_file']:,} diary rows "
             f"({results['patients']:,} patients x {results['days']} days), {results['repeat']} rounds each; "
             f"{results['cpus']} CPUs, load average {results['load_before']} before and {results['load_after']} "
             f"after; {results['seconds']:.0f} s in all.", "", table(results), ""]
    for r in results["rows"]:
        runs = ", ".join(f"{o:.2f}/{b:.2f}" for o, b in zip(r["ours_runs"], r["baseline_runs"], strict=True))
        parts.append(f"- {r['name']} rounds (ours/baseline, s): {runs}")
        if r["name"] == "rerun":
            parts.append(f"  - the same rerun against a new session's first run in a warm process (nothing cached, "
                         f"modules loaded): {r['first_warm_s']:.2f} s, ratio {r['warm_ratio']:.2f}x")
    parts.append("- peak memory per child process after one run of its work (MB): " + ", ".join(
        f"{name} {mb:,.0f}" for name, mb in results["peak_mb"].items()))
    parts.append("- the same after all its rounds (the allocator keeps some of each run; not the target): " + ", ".join(
        f"{name} {mb:,.0f}" for name, mb in results["peak_all_mb"].items()))
    if results.get("growth"):
        parts += ["", "What grows from the small to the large summary (CPU seconds, cumulative, "
                  f"{results['growth_factor']:g}x the patients):", "",
                  "| function | small | large | growth |", "|---|---|---|---|"]
        parts += [f"| `{g['function']}` | {g['small_s']:.2f} | {g['large_s']:.2f} | {g['growth']:.1f}x |"
                  for g in results["growth"]]
    for name, text in results["profiles"].items():
        parts += ["", f"Profile of one {name} run (CPU time, cumulative):", "", "```", text, "```"]
    return "\n".join(parts)


def write_results(path: Path, text: str) -> None:
    """Put `text` between the speed markers of `path` (the section is added at the end the first time);
    the rest of the file (the simulation section) is kept as it is."""
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        current = head + block + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + f"\n\n# Speed (issue 12)\n\n{block}\n"
    path.write_text(current, encoding="utf-8")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5, help="rounds per benchmark (the median is reported)")
    parser.add_argument("--long-days", type=int, default=3 * 365, help="days of the long diary (Progress page)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run in about a minute: 1,000 patients x 30 days, 3 rounds, a 1-year diary")
    parser.add_argument("--only", choices=BENCHMARKS, action="append", help="run only these (repeatable)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the data files go")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the Markdown file to write the section to")
    parser.add_argument("--no-results", action="store_true", help="print only; leave RESULTS.md as it is")
    parser.add_argument("--one-child", action="store_true",
                        help="the analyses, import and pages work in one child process, one task after another "
                             "(the test suite's tiny run; peak memory is then not each task's alone)")
    args = parser.parse_args(argv)
    if args.quick:
        args.patients, args.days, args.repeat, args.long_days = 1_000, 30, 3, 365
    return args


def run(argv: list[str] | None = None) -> dict:
    """Run the chosen benchmarks and return the results (also written to OUT/results.json)."""
    global OUT
    args = parse(argv)
    if not shutil.which("sqlite3") and (not args.only or "import" in args.only):
        sys.exit("The import benchmark needs the sqlite3 shell (apt-get install sqlite3).")
    OUT = args.out
    OUT.mkdir(parents=True, exist_ok=True)
    from benchmarks.data import write_csv

    started = time.time()
    results: dict = {"started": time.strftime("%Y-%m-%d %H:%M", time.gmtime(started)),
                     "command": "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:]),
                     "patients": args.patients, "days": args.days, "repeat": args.repeat,
                     "rows_in_file": args.patients * args.days, "cpus": os.cpu_count(),
                     "python": platform.python_version(), "load_before": _load(),
                     "growth_factor": args.patients // (args.patients // 10), "rows": [], "profiles": {}, "peak_mb": {},
                     "peak_all_mb": {}}
    csv = write_csv(OUT / f"diary_{args.patients}x{args.days}.csv", args.patients, args.days)
    print(f"{args.patients * args.days:,} diary rows ({args.patients:,} patients x {args.days} days), "
          f"median of {args.repeat} rounds", flush=True)
    chosen = args.only or BENCHMARKS
    with one_child(args.one_child):
        if "analyses" in chosen or "scaling" in chosen:
            bench_analyses(args, chosen, results)
        if "import" in chosen:
            bench_import(csv, args.repeat, results)
        if "progress" in chosen or "rerun" in chosen:
            bench_pages(args, chosen, results)
    results["seconds"] = time.time() - started
    results["load_after"] = _load()
    print(table(results))
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    if not args.no_results:
        write_results(args.results, report(results))
        print(f"written to {args.results}")
    return results


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    run()
