"""Shapes found after the fifth round of held-out sets (holdout17, holdout18, shapes30, peers10,
not-google9; READMEs there) and the model ids earlier rounds left unread: each rule is tested on the
real paste, on variants, and on a look-alike."""

from __future__ import annotations

from shapes import kind, one
from shapes import real as paste


def test_a_vertex_models_version_and_publisher_are_kept_as_written() -> None:
    assert one(paste("holdout8", "012")).model == "chat-bison@001"
    assert one(paste("holdout7", "037")).model == "text-bison@latest"
    assert one(paste("shapes29", "028")).model == "claude-opus-4-5@20251101"
    url = (
        "403 Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/p/"
        "locations/us-east5/publishers/{pub}/models/{model}' (or it may not exist)."
    )
    assert one(url.format(pub="google", model="gemini-2.0-flash-001")).model == "gemini-2.0-flash-001"
    assert (
        one(url.format(pub="anthropic", model="claude-sonnet-4@20250514")).model == "claude-sonnet-4@20250514"
    )
    assert kind(url.format(pub="anthropic", model="claude-sonnet-4@20250514")) == "permission"
    # LiteLLM's Vertex route names the model called, whoever made it.
    routed = "litellm.RateLimitError: vertex_ai/gemini-2.5-pro@001 - 429 Resource exhausted, please try again later."
    assert one(routed).model == "gemini-2.5-pro@001"
    # An address with "@" after a model is not a version ("models/x" then an e-mail) — only a word follows.
    assert (
        one(url.format(pub="google", model="gemini-2.5-flash") + " user@example.com").model
        == "gemini-2.5-flash"
    )


def test_a_status_line_after_a_log_level_and_logger_is_read() -> None:
    for head in ("2026-12-05T10:11:12.123Z ERROR app.llm: ", "WARNING:root:", "[worker-2] Error in call: "):
        assert kind(head + "503 The model is overloaded. Try again later.") == "overloaded"
        assert kind(head + "403 Permission denied") == "permission"
    # google-genai's str(APIError) of an answer with no JSON body, after any prefix.
    assert kind("ERROR app: 429 None. None") == "unspecified-429"
    assert kind("[gemini] 503 None. None") == "overloaded"
    # Not a level word before it, or not a sentence after the code: nothing read.
    assert kind("INFO app: 200 OK") == "unrecognized"
    assert kind("Took 429 steps: done") == "unrecognized"
    # Another provider named beside it keeps it theirs.
    assert kind("ERROR openai._base_client: 429 Too Many Requests") == "unrecognized"


def test_a_hard_wrap_of_an_indented_log_is_joined_without_the_indent() -> None:
    line = (
        "[run] WARNING - Encountered API error: 429 Quota exceeded for aiplatform.googleapis.com/generate_content"
        "_requests_per_minute_per_project_per_base_model with base model: gemini-pro. Please submit a quota "
        "increase request."
    )
    cut = [line[i : i + 90] for i in range(0, len(line), 90)]
    text = "\n".join("    " + piece for piece in [*cut, "    Traceback (most recent call last):"])
    assert kind(text) == "rpm"
    # A Vertex path cut before its "/models/" segment (a box or a terminal) is joined too.
    boxed = (
        "│ Publisher Model `projects/p/locations/global/publishers/anthropic │\n"
        "│ /models/claude-fable-5` was not found or your project does not have access │\n"
        "│ to it.                                                                     │"
    )
    assert one(boxed).model == "claude-fable-5"
    assert kind(boxed) == "model-not-found"
