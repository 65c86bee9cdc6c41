"""Parse any paste (or body) into normalized Google error records.

Two passes, both linear and bounded:

1. *Structure*: a single-pass bracket/string scanner finds candidate ``{…}`` / ``[…]`` spans (bounded
   count, depth and total work); each span is parsed once: ``json`` → repaired json (truncated
   bodies closed) → a size-bounded ``ast.literal_eval`` (Python dict reprs). Google bodies are found
   anywhere inside (``{"error": …}``, list-wrapped, bare inner errors, JSON-in-JSON in ``message`` to
   depth 10, ``metadata.raw``, relay envelopes, details-only arrays).
2. *Text*: precompiled, literal-anchored regexes over the normalized, unescaped rest of the paste
   (smart quotes, full-width punctuation, box borders, ``> `` quotes, util.inspect ``' +``
   concatenation and lost backslashes handled) for everything the structure missed: message
   wordings, bullets, quota ids, metrics, values, retry hints, HTTP codes in every wrapper form.

Facts found in the text are grouped by error family (quota, overload, auth, …) and merged into the
structured records they do not contradict; what is left becomes records of its own. Identical
records are counted, not repeated.


Layout: ``vocab`` (the wordings, statuses, reasons and hosts: data), ``values`` (small readers and
bounds), ``records`` (the public frozen records), ``acc`` (the mutable accumulator), ``normalize``,
``gate`` (the literal gate before every regex), ``text`` (the text pass and grouping), ``structure``
(scanner, repair, loading, walk) and ``paste`` (the entry points).
"""

from __future__ import annotations

from gemquota.core.parse.normalize import flatten, normalize
from gemquota.core.parse.paste import named_model, parse_body, parse_text
from gemquota.core.parse.records import GoogleError, Violation, decode_paste
from gemquota.core.parse.values import canonical_status, parse_duration
from gemquota.core.parse.vocab import (
    CANONICAL_STATUSES,
    CODE_OF_STATUS,
    STATUS_OF_CODE,
)

__all__ = [
    "CANONICAL_STATUSES",
    "CODE_OF_STATUS",
    "STATUS_OF_CODE",
    "GoogleError",
    "Violation",
    "canonical_status",
    "decode_paste",
    "flatten",
    "named_model",
    "normalize",
    "parse_body",
    "parse_duration",
    "parse_text",
]
