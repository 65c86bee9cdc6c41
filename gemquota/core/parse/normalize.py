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
#: Spaces left at the end of a line by a terminal or log wrap ("and limit \n'Batch embed …'").
_TRAILING_SPACE = _Re(r"[ \t]+\n")
#: A quota id or a quota metric cut by a hard wrap ("…PerModel-FreeT\n  ier", "BatchEmbedC\nontents…",
#: "…per_project_pe\n  r_base_model"): the pieces after the wrap are glued back up to the first whole
#: form, only when the piece before the wrap is not a whole one. Looked for at each line break that
#: ends a word (a few look-ups per paste), never by a scan of the whole text.
_ID_HEAD = _Re(
    r"(?<![A-Za-z0-9])(?:Generate|BatchEmbed|Embed|CountTokens|Total|Search|Bidi)[A-Za-z0-9]{1,100}"
    r"(?:-[A-Za-z0-9]{0,20})?\Z"
)
_ID_TAIL = _Re(r"(?:\n[ \t]*[A-Za-z0-9]{1,60}(?:-[A-Za-z0-9]{1,20})?){1,4}")
_WHOLE_ID = re.compile(r"(?:Per(?:Minute|Day|Model|Project|Region|User)|-?(?:FreeTier|PaidTier\d?|Tier\d))$")
_METRIC_HEAD = _Re(
    r"(?:generativelanguage|aiplatform|cloudcode-pa|cloudaicompanion)\.googleapis\.com/[a-z0-9_]{1,160}\Z"
)
_METRIC_TAIL = _Re(r"(?:\n[ \t]*[a-z0-9_]{1,80}){1,4}(?![\w.])")
_WHOLE_METRIC = re.compile(r"_(?:requests|count|model|day|minute|region|tokens|images|project|user|tier)$")
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
    if "\n" in text:
        ids = any(lead in text for lead in _ID_LEADS)
        metrics = "googleapis.com/" in text
        if ids or metrics:
            text = _glue_wraps(text, ids=ids, metrics=metrics)
    if "**" in text:
        text = _MD_BOLD.sub("", text)
    if "googleapis" in text and any(piece in text for piece in _HOST_WRAP_PIECES):
        text = _HOST_WRAP.sub(_host_unwrap, text)
    return text


def _glue_wraps(text: str, *, ids: bool, metrics: bool) -> str:
    out: list[str] = []
    last = 0
    pos = text.find("\n")
    while pos != -1:
        glued = None
        if pos and (text[pos - 1].isalnum() or text[pos - 1] in "_-"):
            for on, head_rx, tail_rx, whole in (
                (ids, _ID_HEAD, _ID_TAIL, _WHOLE_ID),
                (metrics, _METRIC_HEAD, _METRIC_TAIL, _WHOLE_METRIC),
            ):
                if not on:
                    continue
                head = head_rx.search(text, max(last, pos - 220), pos)
                if head is None or whole.search(head.group(0)):
                    continue
                tail = tail_rx.match(text, pos)
                if tail is None:
                    continue
                pieces = [p.strip() for p in tail.group(0).split("\n")[1:]]
                for count in range(1, len(pieces) + 1):
                    if whole.search(head.group(0) + "".join(pieces[:count])):
                        end = pos + len("".join("\n" + p for p in tail.group(0).split("\n")[1 : count + 1]))
                        glued = ("".join(pieces[:count]), end)
                        break
                if glued:
                    break
        if glued:
            out.append(text[last:pos])
            out.append(glued[0])
            last = glued[1]
            pos = text.find("\n", last)
        else:
            pos = text.find("\n", pos + 1)
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


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
