"""Fuzz of the importer: arbitrary bytes, and valid diaries mutated, give an import or a BacktrackError,
never another exception. Bounded so it runs in a few seconds in CI (max_examples, deadline)."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest.importer import read_diary
from analysis.model.errors import BacktrackError, tidy_all
from tests.property_budget import examples

TODAY = dt.date(2026, 12, 1)
VALID = (b"date,pain,worst_pain,activity_minutes,bed_rest_hours,medications,symptoms,notes,patient\n"
         b"2026-03-02,6,7,20,2,ibuprofen 400 mg x3,leg_pain,first day,Ann\n"
         b'2026-03-03,5,6,30,0,"paracetamol 1g x4; codeine 30 mg x2",,"walked, slowly",Ann\n'
         b"2026-03-04,4,5,45,,,,,Ann\n")
FUZZ = settings(max_examples=examples(50), deadline=2000, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def outcome(data: bytes, name: str) -> None:
    try:
        parsed = read_diary(data, name, today=TODAY)
    except BacktrackError as error:
        for line in [str(error), *getattr(error, "problems", [])]:
            assert "\n" not in line and "\x1b" not in line and "\x00" not in line
        return
    for line in parsed.warnings:
        assert "\n" not in line and "\x1b" not in line and "\x00" not in line
    assert parsed.warnings == tidy_all(parsed.warnings)


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["k.csv", "k.xlsx", "k.tsv", "k"]))
def test_arbitrary_bytes_are_imported_or_refused(data, name):
    outcome(data, name)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """The valid diary with a few bytes replaced, inserted or removed, or a slice cut out."""
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["replace", "insert", "delete", "cut"]))
        piece = draw(st.one_of(st.binary(min_size=1, max_size=4),
                               st.sampled_from([b",", b'"', b"\n", b"\r", b";", b"\t", b"\x00", b"\x1b[2J",
                                                b"\xef\xbb\xbf", b"now", b"0001", b"\xff\xfe", b"1e308"])))
        if kind == "replace":
            data[at:at + len(piece)] = piece
        elif kind == "insert":
            data[at:at] = piece
        elif kind == "delete":
            del data[at:at + len(piece)]
        else:
            del data[at:]
    return bytes(data)


@FUZZ
@given(mutated())
def test_mutated_diaries_are_imported_or_refused(data):
    outcome(data, "knee.csv")


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_text_in_any_encoding_is_imported_or_refused(text, encoding):
    outcome(("date,pain,notes\n2026-03-02,5," + text + "\n").encode(encoding, "surrogatepass"), "knee.csv")
