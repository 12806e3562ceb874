"""How many examples the slow property tests try (issue 12: `make test` under 90 s on 2 cores).

Each slow property test names the number of examples it was written with; `examples()` scales that by
$BACKTRACK_EXAMPLES (a factor, 0.4 unless set), so the everyday suite tries fewer random diaries while
`BACKTRACK_EXAMPLES=1 make test` (or more, before a release) runs each property as thoroughly as written.
The properties themselves are unchanged; only how many random cases each run draws.
"""
from __future__ import annotations

import os

DEFAULT_SCALE = 0.4
ENV_VAR = "BACKTRACK_EXAMPLES"


def examples(written: int) -> int:
    """`written` examples scaled by $BACKTRACK_EXAMPLES (default 0.4), at least 10."""
    scale = float(os.environ.get(ENV_VAR) or DEFAULT_SCALE)
    return max(10, round(written * scale))
