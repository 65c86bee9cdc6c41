"""``gemquota.render.plain``: the stdlib styled-text writer explain-error prints with (instead of rich).

Its wrapping is checked against rich's own (rich is a dependency, used by the other renderers): the
same paragraphs at the same widths give the same lines, apart from the trailing spaces rich leaves."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text as RichText

from gemquota.render.plain import (
    Text,
    Writer,
    cell_len,
    chop_cells,
    combine,
    crop_cells,
    sgr,
)

_SGR = re.compile(r"\x1b\[[0-9;]*m")


def printed(text: Text | str, width: int, *, color: bool = False) -> str:
    out = Writer(width, color=color)
    out.print(text)
    return out.getvalue()


def rich_printed(text: str, width: int) -> str:
    """What rich's Console prints for ``text`` at ``width`` (no colour), trailing spaces dropped."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, markup=False, highlight=False, emoji=False)
    console.print(RichText(text))
    return "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())


# ------------------------------------------------------------------------------------ styles


def test_sgr_codes_of_styles() -> None:
    assert sgr("") == ""
    assert sgr("bold red") == "1;31"
    assert sgr("red bold") == "1;31"  # attributes first, then the colour (rich's order)
    assert sgr("dim") == "2"
    assert sgr("italic") == "3"
    assert sgr("underline") == "4"
    assert sgr("bold green") == "1;32"
    assert sgr("bold yellow") == "1;33"
    assert sgr("cyan") == "36"
    with pytest.raises(ValueError, match="unsupported style"):
        sgr("blink")
    with pytest.raises(ValueError, match="unsupported style"):
        sgr("red green")


def test_combine_adds_attributes_and_the_upper_colour_wins() -> None:
    assert combine("", "bold") == "bold"
    assert combine("dim", "") == "dim"
    assert sgr(combine("dim", "underline")) == "2;4"
    assert sgr(combine("bold red", "green")) == "1;32"
    assert sgr(combine("bold", "bold")) == "1"


# ------------------------------------------------------------------------------------ cell widths


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("abc", 3),
        ("", 0),
        ("配额", 4),  # East Asian wide
        ("Ｗ", 2),  # fullwidth
        ("e\u0301", 1),  # a combining accent takes no cell
        ("─→·—é", 5),
        ("クォータ超過", 12),
    ],
)
def test_cell_len(text: str, cells: int) -> None:
    assert cell_len(text) == cells


def test_chop_and_crop_never_split_a_wide_character() -> None:
    assert chop_cells("abcdefg", 3) == ["abc", "def", "g"]
    assert chop_cells("配额配", 3) == ["配", "额", "配"]
    assert chop_cells("a配额", 3) == ["a配", "额"]
    assert chop_cells("e\u0301e\u0301e\u0301", 2) == ["e\u0301e\u0301", "e\u0301"]
    assert crop_cells("abcdef", 4) == "abcd"
    assert crop_cells("a配额", 3) == "a配"
    assert crop_cells("a配额", 4) == "a配 "  # half a wide character becomes a space
    assert crop_cells("配", 5) == "配"


# ------------------------------------------------------------------------------------ wrapping


def test_words_move_to_the_next_line_and_long_words_fold() -> None:
    assert printed("the quick brown fox jumps", 10) == "the quick\nbrown fox\njumps\n"
    assert printed("see https://example.com/a/very/long/path now", 13) == (
        "see\nhttps://examp\nle.com/a/very\n/long/path\nnow\n"
    )
    # A folded word's last piece keeps its space, which can then start the next line (rich does too).
    assert printed("see https://example.com/a/very/long/path now", 12) == (
        "see\nhttps://exam\nple.com/a/ve\nry/long/path\n now\n"
    )


def test_newlines_and_tabs() -> None:
    assert printed("a\n\nb\n", 20) == "a\n\nb\n\n"
    assert printed("a\tb\tc", 40) == "a       b       c\n"
    assert printed("abcdefgh\tx", 40) == "abcdefgh        x\n"
    assert printed("配\tx", 40) == "配      x\n"  # tab stops count cells


def test_wide_characters_wrap_by_cells() -> None:
    out = printed("配额已用尽 クォータ超過 한도초과", 10)
    assert out == "配额已用尽\nクォータ超\n過\n한도초과\n"
    assert all(cell_len(line) <= 10 for line in out.splitlines())


def test_no_line_ends_in_spaces() -> None:
    out = printed("word " * 30, 23)
    assert out.splitlines() and all(line == line.rstrip() for line in out.splitlines())


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="ab cd efghij  \t\n-/.配额クォータ─→·é\u0301", max_size=120),
    width=st.integers(min_value=2, max_value=40),
)
def test_wrapping_matches_rich(text: str, width: int) -> None:
    assert printed(text, width) == rich_printed(text, width)


# ------------------------------------------------------------------------------------ colour


def test_colour_only_when_asked() -> None:
    text = Text("Retry", "bold").append(" wait for the reset").append(" now", "bold red")
    assert printed(text, 80) == "Retry wait for the reset now\n"
    assert printed(text, 80, color=True) == "\x1b[1mRetry\x1b[0m wait for the reset\x1b[1;31m now\x1b[0m\n"


def test_styles_follow_their_text_across_wrapped_lines() -> None:
    text = Text("aaa bbb ", "italic").append("ccc ddd", "bold")
    assert printed(text, 7, color=True) == "\x1b[3maaa bbb\x1b[0m\n\x1b[1mccc ddd\x1b[0m\n"


def test_the_writer_prints_markup_and_brackets_literally() -> None:
    assert printed("[bold red]x[/] :smile: [link=http://e.vil]y[/link]", 80, color=True) == (
        "[bold red]x[/] :smile: [link=http://e.vil]y[/link]\n"
    )


# ------------------------------------------------------------------------------------ rule and grid


def test_rule_fills_the_width() -> None:
    out = Writer(30, color=True)
    out.rule(Text("rpd · wait-reset", "bold yellow"), "yellow")
    line = out.getvalue()
    assert _SGR.sub("", line) == "rpd · wait-reset " + "─" * 13 + "\n"
    assert line.startswith("\x1b[1;33mrpd · wait-reset\x1b[0m \x1b[33m─")


def test_grid_aligns_labels_and_folds_values() -> None:
    out = Writer(30, color=False)
    rows = [
        ("Backend", Text("Gemini API (AI Studio key) · 429")),
        ("", Text("second")),
        ("Tier", Text("free")),
    ]
    out.grid(rows, min_width=9)
    assert out.getvalue() == (
        "Backend   Gemini API (AI\n          Studio key) · 429\n          second\nTier      free\n"
    )


def test_grid_right_aligned_labels_and_a_value_style_beneath() -> None:
    out = Writer(40, color=True)
    out.grid(
        [("  1.", Text("step")), ("  →", Text("https://x", "underline"))],
        label_style="dim",
        value_style="dim",
        right=True,
    )
    assert (
        out.getvalue()
        == "\x1b[2m  1.\x1b[0m \x1b[2mstep\x1b[0m\n\x1b[2m   →\x1b[0m \x1b[2;4mhttps://x\x1b[0m\n"
    )


def test_grid_keeps_ten_cells_for_values_and_crops_to_the_width() -> None:
    out = Writer(12, color=False)
    out.grid([("A long label", Text("value that wraps"))])
    lines = out.getvalue().splitlines()
    assert lines and all(cell_len(line) <= 12 for line in lines)
    assert lines[0] == "A long label"  # a row wider than the terminal is wrapped again, as rich does


def test_empty_grid_prints_nothing() -> None:
    out = Writer(20, color=False)
    out.grid([])
    assert out.getvalue() == ""


def test_the_narrow_ranges_agree_with_unicodedata() -> None:
    # char_width answers these ranges without unicodedata: the answer must be the one it would give.
    import unicodedata

    from gemquota.render.plain import _NARROW, char_width

    for low, high in _NARROW:
        for code in range(low, high + 1):
            char = chr(code)
            assert char_width(char) == 1
            assert not unicodedata.combining(char) and unicodedata.category(char) not in (
                "Mn",
                "Me",
                "Cf",
                "Cc",
            )
            assert unicodedata.east_asian_width(char) not in ("W", "F")
