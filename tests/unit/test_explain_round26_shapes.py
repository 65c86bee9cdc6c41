"""Shapes found in round 26 of held-out sets (and in reference/gemini-2026.md while it was collected): each rule
is tested on variants and on a look-alike that must not change."""

from __future__ import annotations

import pytest
from shapes import kind, one

from gemquota.core.diagnosis import Kind


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # The Interactions API's error object: a word code in Google's envelope, whose message is a generic
        # time-out sentence (the message decides the status; the envelope's code says whose it is).
        (
            '{"error": {"code": "deadline_exceeded", "message": "Deadline expired before operation could complete."}}',
            Kind.DEADLINE,
        ),
        ('{"error": {"code": "deadline_exceeded", "message": "The request timed out."}}', Kind.DEADLINE),
        ('[{"error": {"code": "cancelled", "message": "The request timed out."}}]', Kind.DEADLINE),
    ],
)
def test_an_interactions_word_code_claims_a_generic_message(text: str, want: Kind) -> None:
    d = one(text)
    assert (d.kind, d.backend.value) == (want, "gemini-api")


@pytest.mark.parametrize(
    "text",
    [
        # Connect RPC's error object (no "error" envelope) and another API's envelope stay somebody else's.
        '{"code": "deadline_exceeded", "message": "context deadline exceeded"}',
        '{"error": {"code": "timeout", "message": "The request timed out.", "type": "server_error", "param": null}}',
    ],
)
def test_a_generic_time_out_outside_google_s_envelope_is_not_claimed(text: str) -> None:
    assert kind(text) == "unrecognized"
