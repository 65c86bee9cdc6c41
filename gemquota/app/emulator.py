"""``gemquota emulator``: run the bundled Google API emulator in the foreground.

It prints the base URL and the environment to point gemquota (or your own code) at it. The demo
API keys and tokens it prints are fake, accepted only by this local emulator, so they are printed
in full: a user needs them to make calls. They have the shape of real keys (``AIza`` + 35
characters, or ``AQ.`` + 50 for auth keys), which is why gemquota's own output elsewhere shows them
masked (``AQ.A…0001``)."""

from __future__ import annotations

import shlex

from gemquota.context import Context
from gemquota.exceptions import UsageError
from gemquota.exitcodes import ExitCode


def _check_scenario(scenario: str) -> None:
    from gemquota.emulator import SCENARIOS

    if scenario not in SCENARIOS:
        names = ", ".join(SCENARIOS)
        raise UsageError(f"Unknown scenario {scenario!r}.", f"Choose one of: {names}.")


def banner(emu: object) -> str:
    """The text printed once the emulator listens (also used by tests)."""
    from gemquota.emulator import Emulator

    assert isinstance(emu, Emulator)
    sc = emu.scenario
    demo = sc.demo
    base = emu.base_url
    lines = [
        f"gemquota emulator: scenario {sc.name}",
        f"  {sc.description}",
        f"Listening on {base} (127.0.0.1 only). Press Ctrl-C to stop.",
        "",
        "Point gemquota at it (its doctor and probe then talk only to the emulator):",
    ]
    env = emu.demo_env()  # GOOGLE_GEMINI_BASE_URL included: google-genai in your own code goes there too
    lines += [f"  export {name}={shlex.quote(value)}" for name, value in env.items()]
    lines += [
        "",
        "Demo credentials (fake; only this emulator accepts them):",
    ]
    for key in sc.keys:
        project = sc.project(key.project_number)
        where = project.project_id if project else key.project_number
        lines.append(f"  API key {key.key}  ({key.display_name}, project {where})")
    lines.append(f"  Bearer token {demo.access_token}  ({demo.principal})")
    if demo.service_account:
        lines.append(
            f"  Service account {demo.service_account}: any key file with this client_email and "
            f'"token_uri": "{emu.token_url}"'
        )
    if demo.refresh_token:
        lines.append(
            f"  gcloud user ADC: refresh_token {demo.refresh_token} "
            f'(call creds.with_token_uri("{emu.token_url}"))'
        )
    lines += [
        "",
        'Client settings: google-cloud-* clients with transport="rest" and '
        f'client_options={{"api_endpoint": "{base}"}}; google-genai with '
        f'HttpOptions(base_url="{base}").',
    ]
    if sc.expect:
        lines += ["", f"What gemquota doctor should find: {sc.expect}"]
    return "\n".join(lines) + "\n"


def run(ctx: Context, *, scenario: str, port: int) -> int:
    """Serve ``scenario`` on 127.0.0.1:``port`` until interrupted (Ctrl-C → exit 130)."""
    from gemquota.emulator import Emulator

    _check_scenario(scenario)
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is not a TCP port.", "Use 0 (any free port) or 1-65535.")
    emu = Emulator(scenario, port=port, clock=ctx.clock)
    try:
        emu.start()
    except OSError as exc:
        raise UsageError(
            f"Cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}.",
            "Choose another --port, or --port 0 for any free port.",
        ) from None
    try:
        ctx.stdout.write(banner(emu))
        ctx.stdout.flush()
        while True:
            ctx.sleep(0.5)
    except KeyboardInterrupt:
        ctx.stderr.write("Emulator stopped.\n")
        return int(ExitCode.INTERRUPTED)
    finally:
        emu.stop()
