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
#: Source code's concatenation of string literals over a line break, the "+" ending the first line or leading
#: the next, indented one (``'… details. '⏎      + 'For more …'``; not a diff's added line, "+" in column 0).
_CONCAT = _Re(r"(['\"`])[ \t]*(?:\+[ \t]*\n[ \t]*|\n[ \t]+\+[ \t]*)\1")
#: Python's implicit concatenation of adjacent literals, as ``pprint`` wraps a long string ("'Invalid JSON '⏎
#: ······'payload received. '"): a literal's closing quote ends the line, the same quote opens the next one,
#: indented.
_ADJACENT = _Re(r"(?<=[\w.,:;)\] ])(['\"])\n[ \t]{4,}\1(?=[\w(\[\"' ])")
_WRAP = _Re(r"\n[ \t]*")
#: A terminal or log hard wrap at a dot of a Google API host (``aiplatform.googleapis.\ncom/``).
_HOST_WRAP = _Re(r"googleapis\.\n[ \t]*com\b|googleapis\n[ \t]*\.com\b|\.\n[ \t]*googleapis\.com\b")
#: Literals one of which every ``_HOST_WRAP`` match holds (most pastes hold none: no regex pass).
_HOST_WRAP_PIECES = ("googleapis.\n", "googleapis\n", "\ngoogleapis", " googleapis.com", "\tgoogleapis")
#: A terminal hard wrap inside a resource path (``projects/p/locations/l/pub\n  lishers/google/models/X``).
_PATH_WRAP = _Re(r"projects/[\w.\-/]++\n[ \t]*+[\w.\-/]++")
#: Spaces left at the end of a line by a terminal or log wrap ("and limit \n'Batch embed …'").
_TRAILING_SPACE = _Re(r"[ \t]+\n")
#: A line held whole in inline code ("`  \"code\": 400,`").
_LINE_CODE = _Re(r"(?m)^([ \t]*)`([^`\n]*)`[ \t]*$")
#: A quota id or a quota metric cut by a hard wrap ("…PerModel-FreeT\n  ier", "BatchEmbedC\nontents…",
#: "…per_project_pe\n  r_base_model"): the pieces after the wrap are glued back up to the first whole
#: form, only when the piece before the wrap is not a whole one. Looked for at each line break that
#: ends a word (a few look-ups per paste), never by a scan of the whole text.
_ID_WORDS = ("Generate", "BatchEmbed", "Embed", "CountTokens", "Total", "Search", "Bidi")
#: After an id word: the rest of the id up to a line break, then the pieces after the break(s).
_ID_REST = _Re(
    r"([A-Za-z0-9]{1,100}+(?:-[A-Za-z0-9]{0,20}+)?+)((?:\n[ \t]*[A-Za-z0-9]{1,60}(?:-[A-Za-z0-9]{1,20})?){1,4})"
)
_WHOLE_ID = re.compile(r"(?:Per(?:Minute|Day|Model|Project|Region|User)|-?(?:FreeTier|PaidTier\d?|Tier\d))$")
_METRIC_HOSTS = ("generativelanguage", "aiplatform", "cloudcode-pa", "cloudaicompanion")
#: After a metric host's ``.googleapis.com/``: the rest of the metric up to a line break (none when the wrap came
#: right after the slash: "generativelanguage.googleapis.com/⏎  generate_content_free_tier_requests"), then the pieces.
_METRIC_REST = _Re(r"([a-z0-9_]{0,160}+)((?:\n[ \t]*[a-z0-9_]{1,80}){1,4})(?![\w.])")
_WHOLE_METRIC = re.compile(r"_(?:requests|count|model|day|minute|region|tokens|images|project|user|tier)$")
#: A Markdown link whose text is its own address (GitHub's rendering of a bare domain, copied back).
_MD_AUTOLINK = _Re(r"\[([\w.\-]{1,200}(?:/[^\]\s]{0,200})?)\]\((?:https?://)?\1/?\)")
#: Markdown bold around or inside an error (``googleapi: **Error 404:**``, ``**GeminiException** =>``).
_MD_BOLD = _Re(r"\*\*(?=[^\s*])|(?<=[^\s*])\*\*")
#: A hash rocket after a quoted key (``"code" => 429``), Ruby's, Elixir's and PHP's map syntax.
_HASH_ROCKET = _Re(r"(?<=[\"'])[ \t]*=>[ \t]*")


def normalize(text: str) -> str:
    """Undo paste mangling that does not change meaning (quotes, borders, quote prefixes, concatenation)."""
    text = unmangle(text)
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
    if "'\n " in text or '"\n ' in text:
        text = _ADJACENT.sub("", text)
    if " \n" in text or "\t\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    if text.count("`\n`") >= 2:
        # A paste with each of its lines in inline code (a chat or forum that formats line by line): the
        # backticks hold no part of the error, and they break its JSON.
        text = _LINE_CODE.sub(r"\1\2", text)
    if "\n" in text:
        ids = any(word in text for word in _ID_WORDS)
        metrics = "googleapis.com/" in text
        if ids or metrics:
            text = _glue_wraps(text, ids=ids, metrics=metrics)
    if "=>" in text:
        # Ruby's, Elixir's and PHP's maps ({"code" => 429}, %{"message" => …}, ['status' => …]) read as JSON's.
        text = _HASH_ROCKET.sub(": ", text)
        if "%{" in text:
            text = text.replace("%{", "{")
    if "**" in text:
        text = _MD_BOLD.sub("", text)
    if "](" in text:
        # A domain a rendered page turned into a link, copied as Markdown: "[googleapis.com](http://googleapis.com/)".
        text = _MD_AUTOLINK.sub(r"\1", text)
    if "googleapis" in text and any(piece in text for piece in _HOST_WRAP_PIECES):
        text = _HOST_WRAP.sub(_host_unwrap, text)
    if "projects/" in text and "\n" in text:
        text = _PATH_WRAP.sub(_path_unwrap, text)
    return text


def _path_unwrap(match: re.Match[str]) -> str:
    """Join a resource path broken by a hard wrap when the join completes its ``models/<id>``: the
    line before the break names no model id yet and the joined path does, or the id cut by the break is
    closed by its quote right after the rest."""
    head, _, tail = match.group(0).partition("\n")
    joined = head + tail.lstrip(" \t")
    model_at = head.rfind("models/")
    if "models/" not in joined:
        return match.group(0)
    if model_at >= 0 and len(head) > model_at + len("models/"):
        # The id begun before the break goes on after it only when its closing quote follows the rest
        # ("…/models/gem\nini-3-pro-preview` was not found"); else the break ends the path.
        if match.string[match.end() : match.end() + 1] not in ("`", "'", '"'):
            return match.group(0)
    return joined


#: A paste that is one string literal: a JSON string (``"…\\n…"``), a Python ``repr`` (``'…'``) or
#: bytes ``repr`` (``b'…'``) of the text, as a structured log or a ``print(repr(e))`` shows it.
_LITERAL_QUOTES = ('"', "'")
#: ANSI / VT100 escape sequences (colour, cursor) and OSC sequences (``ESC ] 8 ;; url BEL`` hyperlinks),
#: with the escape character raw or written out (``\\u001b[31m``, ``\\x1b[0m``, ``\\033[1m``).
_ANSI_TAIL = r"(?:\[[0-?]{0,32}[ -/]{0,4}[@-~]|\][^\x07\x1b]{0,2048}(?:\x07|\x1b\\)?)"
_ANSI = _Re(r"\x1b" + _ANSI_TAIL)
_ANSI_WRITTEN = _Re(r"\\(?:u001[bB]|x1[bB]|033)" + _ANSI_TAIL)
#: The same colour codes after a copy dropped their escape character (``[31mError[0m``).
_BARE_SGR = _Re(r"\[[0-9;]{0,12}m")
#: A dict key in a YAML single-quoted scalar, its quotes doubled (``''error'': {''message'': …``).
_YAML_DOUBLED_KEY = _Re(r"''[A-Za-z_]\w{0,40}'':\s")
#: HTML character references a forum, a web page or an HTML log viewer leaves in a paste.
_HTML_REF = _Re(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|quot|apos|lt|gt|nbsp);")
_HTML_LEADS = ("&quot;", "&#", "&lt;", "&gt;", "&amp;", "&apos;", "&nbsp;")
_HTML_COMMON = (
    ("&quot;", '"'),
    ("&#39;", "'"),
    ("&#x27;", "'"),
    ("&apos;", "'"),
    ("&lt;", "<"),
    ("&gt;", ">"),
)
_HTML_NAMED = {"quot": '"', "apos": "'", "amp": "&", "lt": "<", "gt": ">", "nbsp": " "}


def unmangle(text: str) -> str:
    """Undo what carrying a paste through a terminal, log, chat or web page does to it, each step gated
    by a cheap literal check: a paste that is one string literal (JSON or Python ``repr``), ANSI colour
    codes, HTML character references, CR line ends, a log header on every line, a hard wrap at a fixed
    column."""
    text = _unquote_whole(text)
    if "''" in text and _YAML_DOUBLED_KEY.search(text):
        # A Python dict inside a YAML single-quoted scalar, every quote doubled ("''error'': {''message'': …").
        text = text.replace("''", "'")
    if text[:1] == "{" and "\\n" in text:
        text = _log_record_text(text)
    # A colour code written out (``\\u001b[31m``) or stripped of its escape is closed by a reset (``[0m``, or
    # IPython's resets of the foreground and background alone, ``[39m`` and ``[49m``).
    reset = "[0m" in text or "[39m" in text or "[49m" in text
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if reset:
        if "\\" in text:
            text = _ANSI_WRITTEN.sub("", text)
        text = _BARE_SGR.sub("", text)
    if "&" in text and any(lead in text for lead in _HTML_LEADS):
        text = _unescape_html(text)
    if "\n" in text:
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        text = strip_line_headers(text)
        text = unwrap_hard(text)
    return text


def _unescape_html(text: str) -> str:
    # The common references by plain replacement (``&amp;`` last), the rest through the regex.
    for ref, char in _HTML_COMMON:
        if ref in text:
            text = text.replace(ref, char)
    if "&#" in text or "&nbsp;" in text:
        text = _HTML_REF.sub(_html_char, text)
    return text.replace("&amp;", "&") if "&amp;" in text else text


def _html_char(match: re.Match[str]) -> str:
    ref = match.group(0)[1:-1]
    if ref[0] != "#":
        return _HTML_NAMED[ref]
    try:
        code = int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:])
        return chr(code) if code < 0x110000 and chr(code).isprintable() else " "
    except ValueError:
        return " "


def _unquote_whole(text: str) -> str:
    """The text of a paste that is one string literal holding escaped line breaks; else the paste."""
    body = text.strip()
    if len(body) < 8 or "\\n" not in body:
        return text
    lead = 1 if body[0] in "bB" and body[1:2] in _LITERAL_QUOTES else 0
    quote = body[lead : lead + 1]
    if quote not in _LITERAL_QUOTES or body[-1] != quote or "\n" in body:
        return text
    try:
        if quote == '"' and not lead:
            import json

            value: object = json.loads(body)
        else:
            import ast

            value = ast.literal_eval(body)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) and value.strip() else text


def _log_record_text(text: str) -> str:
    """A paste that is one structured log record (a one-line JSON object, no Google error at its top)
    whose message is a multi-line text (not a JSON body): its other fields as ``key: value`` lines,
    then that text. A Google body inside the record stays as it is (the structure pass reads it)."""
    body = text.rstrip()
    if body[-1:] != "}" or "\n" in body:
        return text
    import json

    try:
        record = json.loads(body)
    except (ValueError, RecursionError):
        return text
    if not isinstance(record, dict) or "error" in record:
        return text
    texts = [k for k, v in record.items() if isinstance(v, str) and "\n" in v and not _json_like(v)]
    if len(texts) != 1:
        return text
    fields = [f"{k}: {v}" for k, v in record.items() if k != texts[0] and isinstance(v, (str, int, float))]
    # (Its nested objects stay, each on a line as JSON: an HTTP client's error record — axios' — holds the
    # response's Google body there, "response": {"data": {"error": {…}}}.)
    nested = [
        f"{k}: {json.dumps(v, ensure_ascii=False)}"
        for k, v in record.items()
        if isinstance(v, (dict, list)) and v
    ]
    return "\n".join([*fields, *nested, record[texts[0]]])


def _json_like(value: str) -> bool:
    """Whether a string starts like a JSON object or array (``[python -m app] …``, a log line's
    bracketed tag, does not)."""
    head = value.lstrip()
    if head[:1] == "{":
        return True
    return head[:1] == "[" and head[1:].lstrip()[:1] in ("{", "[", '"', "]", "-", *"0123456789")


#: What a logger, a terminal or a viewer puts before every line: a time stamp (ISO or syslog, in
#: brackets or not, with a level after it), or a line number (``  12 | ``, ``12: ``).
_LINE_HEADER = _Re(
    r"(?m)^[ \t]*(?:\[?(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?"
    r"|[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d\d:\d\d:\d\d(?:[.,]\d{1,9})?)\]?(?:[ \t]+|$)"
    r"|\d{1,6}(?:[ \t]*\|[ \t]?|:[ \t]|\t))"
)
#: Whether a line starts like a line header (checked on the first lines before any pass over the text).
_HEADER_START = _Re(r"[ \t]*(?:\[?\d|[A-Z][a-z]{2} [ \d]\d \d\d:)")


def strip_line_headers(text: str) -> str:
    """A paste whose every line carries a log header: the lines without it.

    Two steps: a per-line header whose shape repeats and whose value changes (a time stamp, a line
    number) is removed when at least three lines and four in five of the non-empty ones start with one;
    then a literal prefix shared by every non-empty line (``ERROR [app.llm] ``, ``[stderr] ``) is
    removed up to its last space."""
    head, _, rest = text.partition("\n")
    second = rest[: rest.find("\n")] if "\n" in rest else rest
    if _HEADER_START.match(head) and _HEADER_START.match(second):
        lines = text.split("\n")
        filled = [line for line in lines if line.strip()]
        if len(filled) >= 3:
            hits = sum(1 for line in filled if _LINE_HEADER.match(line))
            if hits * 5 >= len(filled) * 4:
                text = _LINE_HEADER.sub("", text)
                head, _, rest = text.partition("\n")
                second = rest[: rest.find("\n")] if "\n" in rest else rest
    if head[:1] == "`" and head[:3] != "```":
        text = _strip_inline_code(text)
        head = text[: text.find("\n")]
        second = text[len(head) + 1 :].partition("\n")[0]
    if len(head) < 2 or head[:2] != second[:2] or head[0] in " \t{\"'":
        return text
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    if len(filled) < 3:
        return text
    if len(set(filled)) < 2:
        return text  # the same line repeated: no header to tell apart
    found = _HEADER_END.match(_common_prefix(filled)[:_MAX_HEADER])
    if found is None:
        return text
    header = found.group(0)
    cut = len(header)
    return "\n".join(line[cut:] if line.startswith(header) else line for line in lines)


#: The longest shared line prefix taken for a header.
_MAX_HEADER = 48
#: A shared prefix up to its last header end: a bracket, colon, bar or ``>`` and a space
#: (``ERROR [app.llm] ``, ``[stderr] ``, ``app.gemini: ``).
_HEADER_END = _Re(r".*[\]:|>][ \t]")


def _strip_inline_code(text: str) -> str:
    """A paste whose every non-empty line is inline code (`` `…` ``): the lines without the backticks."""
    lines = text.split("\n")
    if not all(
        len(line) >= 2 and line[0] == line[-1] == "`" and line[1] != "`" for line in lines if line.strip()
    ):
        return text
    return "\n".join(line[1:-1] if line.strip() else line for line in lines)


def _common_prefix(lines: list[str]) -> str:
    first, last = min(lines), max(lines)
    n = 0
    for a, b in zip(first, last, strict=False):
        if a != b:
            break
        n += 1
    return first[:n]


#: The narrowest terminal or viewer width taken for a hard wrap.
_MIN_WRAP = 40
#: Line ends of box borders and tables.
_BORDERS = frozenset("|\u2502\u2503\u2551")
#: How close below the width a word wrap leaves most lines (at least; a fifth of the width).
_NEAR = 8
#: A border or quote mark at the start of a line.
_LINE_BORDER = _Re("[ \t]*[|>\u2502\u2503\u2551][ \t]?")
#: The largest paste rejoined (a hard-wrapped paste is short; a big log is left as it is).
_MAX_UNWRAP = 1 << 20


def unwrap_hard(text: str) -> str:
    """A paste hard-wrapped at a fixed column (a terminal, a log viewer, a fixed-width window copies
    every long line cut every N characters, inside words and ids): each line that is exactly N long is
    joined to the next. N is taken as the longest line's length when at least two lines have it and it
    is at least 40 (a text whose long lines merely happen to share a length is rejoined harmlessly at
    line ends it would otherwise read as spaces)."""
    if len(text) > _MAX_UNWRAP or len(text) < 2 * _MIN_WRAP:
        return text
    lines = text.split("\n")
    if len(lines) < 3:
        return text
    lengths = [len(line) for line in lines]
    width = max(lengths)
    if width < _MIN_WRAP:
        return text
    cuts = lengths.count(width)
    if cuts < 2 or cuts == len(lines):
        return text  # one line at most cut, or every line padded to one width (a box)
    # A wrap cuts different text at each place (repeated lines of a log that happen to be the longest
    # are not a wrap), and not at a border.
    at_width = {line for line, size in zip(lines, lengths, strict=True) if size == width}
    if len(at_width) < 2 or any(line[-1] in _BORDERS for line in at_width):
        return text
    # A word wrap leaves many lines a little short of its width; a hard wrap leaves only the ends of
    # the original lines short, at any length.
    near = width - max(_NEAR, width // 5)
    if sum(1 for size in lengths if near <= size < width) >= cuts:
        return text
    # The indent a viewer or a quote gives every line, which the wrapped text does not hold either.
    indent = _common_prefix([line for line in lines if line.strip()])
    indent = indent[: len(indent) - len(indent.lstrip(" \t"))]
    out: list[str] = []
    border: str | None = None  # the border of the line a run of cut lines starts with
    for line, size in zip(lines, lengths, strict=True):
        if border is None:
            found = _LINE_BORDER.match(line)
            border = found.group(0) if found is not None else indent
        elif border and line.startswith(border):
            # A border, quote mark or indent the viewer repeats on every line is not part of the wrapped text.
            line = line[len(border) :]
        out.append(line)
        if size != width:
            out.append("\n")
            border = None
    return "".join(out).removesuffix("\n")


def _glue_wraps(text: str, *, ids: bool, metrics: bool) -> str:
    """Glue quota ids and metrics cut by hard wraps. Each candidate is found from a literal (an id's first
    word, a metric host's ``.googleapis.com/``) with ``str.find`` and read by an anchored match: no
    pattern scans the whole text."""
    cuts: list[tuple[int, int, str]] = []  # (start of the wrap, end of the glued pieces, glued pieces)
    if ids:
        for word in _ID_WORDS:
            at = text.find(word)
            while at != -1:
                if not (at and (text[at - 1].isalnum() or text[at - 1] == "-")):
                    cut = _cut_at(text, at, at + len(word), _ID_REST, _WHOLE_ID)
                    if cut:
                        cuts.append(cut)
                at = text.find(word, at + 1)
    if metrics:
        at = text.find(".googleapis.com/")
        while at != -1:
            if text[max(0, at - 20) : at].endswith(_METRIC_HOSTS):
                cut = _cut_at(text, at, at + len(".googleapis.com/"), _METRIC_REST, _WHOLE_METRIC)
                if cut:
                    cuts.append(cut)
            at = text.find(".googleapis.com/", at + 1)
    if not cuts:
        return text
    out: list[str] = []
    last = 0
    for start, end, glued in sorted(set(cuts)):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(glued)
        last = end
    out.append(text[last:])
    return "".join(out)


#: The longest run ``_ID_REST`` and ``_METRIC_REST`` read before the line break they glue across.
_MAX_REST = 200


def _cut_at(
    text: str, head_start: int, rest_start: int, rest_rx: _Re, whole: re.Pattern[str]
) -> tuple[int, int, str] | None:
    """The wrap after a head (a quota id or metric) to glue, if the head is not whole and a joined form is:
    (where the wrap starts, where the glued pieces end, the pieces glued)."""
    if text.find("\n", rest_start, rest_start + _MAX_REST) == -1:
        return None  # no line break close enough after the head to have cut it (a C scan, no regex)
    match = rest_rx.match(text, rest_start)
    if match is None:
        return None
    head = text[head_start : match.end(1)]
    if whole.search(head):
        return None
    raw = match.group(2).split("\n")[1:]
    pieces = [p.strip() for p in raw]
    for count in range(1, len(pieces) + 1):
        if whole.search(head + "".join(pieces[:count])):
            end = match.end(1) + sum(1 + len(p) for p in raw[:count])
            return match.end(1), end, "".join(pieces[:count])
    return None


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
