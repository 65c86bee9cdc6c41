"""gemquota: why your Gemini API calls fail with 429 RESOURCE_EXHAUSTED, and the fastest fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Diagnosis", "ScanResult", "__version__", "explain", "reset_time", "scan_files", "scan_text"]

if TYPE_CHECKING:
    from gemquota.core.diagnosis import Diagnosis
    from gemquota.core.reset import reset_time
    from gemquota.core.scan import ScanResult
    from gemquota.library import explain, scan_files, scan_text


def __getattr__(name: str) -> Any:
    # Lazy so that `import gemquota` (and the CLI's start-up) stays cheap.
    if name == "explain":
        from gemquota.library import explain

        return explain
    if name in ("scan_text", "scan_files"):
        from gemquota import library

        return getattr(library, name)
    if name == "ScanResult":
        from gemquota.core.scan import ScanResult

        return ScanResult
    if name == "reset_time":
        from gemquota.core.reset import reset_time

        return reset_time
    if name == "Diagnosis":
        from gemquota.core.diagnosis import Diagnosis

        return Diagnosis
    raise AttributeError(f"module 'gemquota' has no attribute {name!r}")
