"""Renderers: turn reports into human (rich), JSON or GitHub-annotation output."""
