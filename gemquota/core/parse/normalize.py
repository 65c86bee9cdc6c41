"""Undo paste mangling: smart quotes, box borders, quote prefixes, concatenation, escape layers."""

from __future__ import annotations

import re

from gemquota.core.lazyre import LazyRe as _Re

_TRANSLATE = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\uff0c": ",",
        "\uff1a": ":",
        "\uff5b": "{",
        "\uff5d": "}",
        "\uff3b": "[",
        "\uff3d": "]",
        "\uff08": "(",
        "\uff09": ")",
        "\uff02": '"',
        "\uff07": "'",
        "\uff0e": ".",
        "\u3002": ".",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": None,
        "\ufeff": None,
        "\r": None,
        "\x00": None,
        "\u2502": " ",
        "\u2503": " ",
        "\u2551": " ",
        "\u254e": " ",
        "\u254f": " ",
        "\u2506": " ",
        "\u2507": " ",
        "\u250a": " ",
        "\u250b": " ",
        "\u256d": " ",
        "\u256e": " ",
        "\u2570": " ",
        "\u256f": " ",
        "\u2500": " ",
        "\u2501": " ",
        "\u2715": " ",
        "\u2716": " ",
    }
)
_QUOTE_PREFIX = _Re(r"(?m)^[ \t]*>+[ \t]?")
#: A line that ``_QUOTE_PREFIX`` would match (a literal lead: cheap to rule out).
_QUOTE_LINE = _Re(r"\n[ \t]*>")
_QUOTE_FIRST = _Re(r"[ \t]*>")
_CONCAT = _Re(r"(['\"`])[ \t]*\+[ \t]*\n[ \t]*\1")
_WRAP = _Re(r"\n[ \t]*")
#: A terminal or log hard wrap at a dot of a Google API host (``aiplatform.googleapis.\ncom/``).
_HOST_WRAP = _Re(r"googleapis\.\n[ \t]*com\b|googleapis\n[ \t]*\.com\b|\.\n[ \t]*googleapis\.com\b")
#: Literals one of which every ``_HOST_WRAP`` match holds (most pastes hold none: no regex pass).
_HOST_WRAP_PIECES = ("googleapis.\n", "googleapis\n", "\ngoogleapis", " googleapis.com", "\tgoogleapis")
#: A terminal hard wrap inside a resource path (``projects/p/locations/l/pub\n  lishers/google/models/X``).
_PATH_WRAP = _Re(r"projects/[\w.\-/]*[\w.\-]\n[ \t]*[\w.\-][\w.\-/]*")
#: Spaces left at the end of a line by a terminal or log wrap ("and limit \n'Batch embed …'").
_TRAILING_SPACE = _Re(r"[ \t]+\n")
#: The words a quota id starts with.
_ID_WORDS = ("Generate", "BatchEmbed", "Embed", "CountTokens", "Total", "Search", "Bidi")
#: A quota id cut by a hard wrap ("…PerModel-FreeT\n  ier", "BatchEmbedC\nontentsRequests…"): rejoined only
#: when the piece before the wrap is not a whole id and the joined one is.
#: (Each word is led by its first letter and checks behind it that no letter or digit comes before: the
#: same matches as a leading look-behind, but the engine jumps to those letters instead of trying the
#: look-behind at every position.)
_WRAPPED_ID = _Re(
    "((?:"
    + "|".join(f"{word[0]}(?<![A-Za-z0-9].){word[1:]}" for word in _ID_WORDS)
    + r")[A-Za-z0-9]{1,100}(?:-[A-Za-z0-9]{0,20})?)\n[ \t]*([A-Za-z0-9]{1,60}(?:-[A-Za-z0-9]{1,20})?)"
)
_WHOLE_ID = re.compile(r"(?:Per(?:Minute|Day|Model|Project|Region|User)|-?(?:FreeTier|PaidTier\d?|Tier\d))$")
_ID_LEADS = ("Generate", "Embed", "CountTokens", "Total", "Search", "Bidi")
#: Markdown bold around or inside an error (``googleapi: **Error 404:**``, ``**GeminiException** =>``).
_MD_BOLD = _Re(r"\*\*(?=[^\s*])|(?<=[^\s*])\*\*")


def normalize(text: str) -> str:
    """Undo paste mangling that does not change meaning (quotes, borders, quote prefixes, concatenation)."""
    if text.isascii():
        # The only ASCII entries of ``_TRANSLATE`` are deletions.
        if "\r" in text:
            text = text.replace("\r", "")
        if "\x00" in text:
            text = text.replace("\x00", "")
    else:
        text = text.translate(_TRANSLATE)
    if ">" in text and (_QUOTE_LINE.search(text) or _QUOTE_FIRST.match(text)):
        text = _QUOTE_PREFIX.sub("", text)
    if "+" in text:
        text = _CONCAT.sub("", text)
    if " \n" in text or "\t\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    if "\n" in text and any(lead in text for lead in _ID_LEADS):
        text = _WRAPPED_ID.sub(_join_id, text)
    if "**" in text:
        text = _MD_BOLD.sub("", text)
    if "googleapis" in text and any(piece in text for piece in _HOST_WRAP_PIECES):
        text = _HOST_WRAP.sub(_host_unwrap, text)
    if "projects/" in text and "\n" in text:
        text = _PATH_WRAP.sub(_path_unwrap, text)
    return text


def _path_unwrap(match: re.Match[str]) -> str:
    """Join a resource path broken by a hard wrap when the join completes its ``models/<id>``: the
    line before the break names no model id yet and the joined path does."""
    head, _, tail = match.group(0).partition("\n")
    joined = head + tail.lstrip(" \t")
    model_at = head.rfind("models/")
    if (model_at >= 0 and len(head) > model_at + len("models/")) or "models/" not in joined:
        return match.group(0)
    return joined


def _join_id(match: re.Match[str]) -> str:
    head, tail = match.group(1), match.group(2)
    if not _WHOLE_ID.search(head) and _WHOLE_ID.search(head + tail):
        return head + tail
    return match.group(0)


def _host_unwrap(match: re.Match[str]) -> str:
    return "googleapis.com" if match.group(0).startswith("g") else ".googleapis.com"


#: A run of backslashes before an escape letter, matched once from its start and never backtracked
#: (without the look-behind and the possessive quantifier a long run is quadratic).
_BACKSLASH_RUN = _Re(r"(?<!\\)\\{2,}+(?=[nrt\"'/u])")
_UNICODE_ESCAPE = _Re(r"\\u([0-9a-fA-F]{4})")
_SIMPLE_ESCAPE = _Re(r"\\[nrt\"'/]")
_SIMPLE_OF = {"\\n": "\n", "\\r": "\n", "\\t": " ", '\\"': '"', "\\'": "'", "\\/": "/"}


def _simple_char(match: re.Match[str]) -> str:
    return _SIMPLE_OF[match.group(0)]


def flatten(text: str) -> str:
    """Collapse escape layers of JSON-in-JSON (``\\\\n``, ``\\"``, ``\\u003d``) to plain text."""
    if "\\" not in text:
        return text
    if "\\\\" in text:
        text = _BACKSLASH_RUN.sub("\\\\", text)
    # One pass for the one-letter escapes (after the runs above, no two of them overlap: the same
    # result as replacing each in turn, without a pass over the text per escape).
    text = _SIMPLE_ESCAPE.sub(_simple_char, text)
    if "\\u" in text:
        text = _UNICODE_ESCAPE.sub(_unicode_char, text)
    return text


def _unicode_char(match: re.Match[str]) -> str:
    try:
        out = chr(int(match.group(1), 16))
    except ValueError:
        return " "
    return out if out.isprintable() else " "
