"""Which Chrome the checks run in (Playwright's own Chromium, Chrome by channel, or the system
Chromium), and the ffmpeg that Playwright needs to record videos.

Headless, Playwright's own install runs Chromium's headless shell; with the system's browsers we do
the same where Debian's `chromium-headless-shell` is installed: the same engine, without the desktop
browser's UI process, at about a third of the CPU (measured: 8.7 s against 26 s for 24 page loads)."""

from __future__ import annotations

import difflib
import functools
import json
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

import playwright

# Debian's package and the usual names elsewhere, in order of preference.
SYSTEM_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SYSTEM_HEADLESS_SHELL_NAMES = ("chromium-headless-shell",)
PLAYWRIGHT_PACKAGE = Path(playwright.__file__).parent / "driver" / "package"
# Every page the monitor opens (the checks, the calibration, the benchmark's floor): a desktop window.
VIEWPORT = {"width": 1280, "height": 800}
LOCALE = "en-US"
# The device a check runs on when none is named: that desktop window (not Playwright's descriptor of
# the same name, whose 1280x720 would change what every check has seen so far).
DEFAULT_DEVICE = "Desktop Chrome"
# What Chromium emulates of a Playwright device descriptor ("Pixel 7", "iPhone 15"): the other fields
# (default_browser_type, screen) are not for a Chromium context.
EMULATED = ("viewport", "device_scale_factor", "is_mobile", "has_touch", "user_agent")
# Named in the error about an unknown device, if Playwright knows them (there are over 100).
SHOWN_DEVICES = (DEFAULT_DEVICE, "Pixel 7", "iPhone 15", "Galaxy S24", "iPad Mini")


@functools.cache
def device_descriptors() -> dict[str, dict]:
    """Playwright's device descriptors (they live in its driver: started once, for a second)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        return dict(pw.devices)


def device_problem(names: Iterable[str]) -> str | None:
    """One line about the first device Playwright does not know, None if it knows them all. The driver
    is asked only about devices other than the default."""
    unknown = [name for name in names if name != DEFAULT_DEVICE and name not in device_descriptors()]
    if not unknown:
        return None
    known = [DEFAULT_DEVICE, *device_descriptors()]
    near = difflib.get_close_matches(unknown[0], known, n=1)
    shown = ", ".join(name for name in SHOWN_DEVICES if name in known)
    return (f"unknown device {unknown[0]!r}" + (f"; did you mean {near[0]!r}?" if near else "")
            + f" Known devices include {shown} ({len(known)} in all: Playwright's device descriptors)")


def context_args(device: str, descriptors: dict[str, dict]) -> dict:
    """The browser context's options for a device: the desktop window, or the descriptor's emulation."""
    if device == DEFAULT_DEVICE:
        return {"viewport": VIEWPORT, "locale": LOCALE}
    descriptor = descriptors[device]
    return {**{key: descriptor[key] for key in EMULATED if key in descriptor}, "locale": LOCALE}


def devices_given(args: Iterable[str]) -> list[str]:
    """Every --device of a command line (--device NAME or --device=NAME), in order, each once:
    pytest-playwright's own option keeps only the last."""
    args, names = list(args), []
    for index, arg in enumerate(args):
        if arg.startswith("--device="):
            names.append(arg.split("=", 1)[1])
        elif arg == "--device" and index + 1 < len(args):
            names.append(args[index + 1])
    return list(dict.fromkeys(names))


def _first_on_path(names: tuple[str, ...]) -> str | None:
    return next(filter(None, map(shutil.which, names)), None)


def system_chromium(headless: bool = False) -> str | None:
    """The system's Chromium; headless, its headless shell first."""
    return _first_on_path((SYSTEM_HEADLESS_SHELL_NAMES if headless else ()) + SYSTEM_CHROMIUM_NAMES)


def executable_for(playwright_chromium_path: str, channel: str | None, headless: bool) -> str | None:
    """None lets Playwright decide (its own browser, or the channel's); else the system Chromium."""
    if channel or Path(playwright_chromium_path).exists():
        return None
    return system_chromium(headless)


def playwright_ffmpeg_path() -> Path:
    """Where Playwright looks for the ffmpeg it records videos with (`playwright install ffmpeg`)."""
    browsers = json.loads((PLAYWRIGHT_PACKAGE / "browsers.json").read_text())["browsers"]
    revision = next(entry["revision"] for entry in browsers if entry["name"] == "ffmpeg")
    default_root = Path.home() / ".cache" / "ms-playwright"
    root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or default_root)
    return root / f"ffmpeg-{revision}" / "ffmpeg-linux"


def link_packaged_ffmpeg() -> Path:
    """Offline, Playwright cannot download its ffmpeg: use the one the imageio-ffmpeg wheel ships."""
    import imageio_ffmpeg

    target = playwright_ffmpeg_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    target.symlink_to(imageio_ffmpeg.get_ffmpeg_exe())
    return target


def _browser_found(headless: bool) -> str | None:
    """Playwright's own browser, else the system's (with `headless`: only a headless shell)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        own = pw.chromium.executable_path
    if Path(own).exists():
        return own
    return _first_on_path(SYSTEM_HEADLESS_SHELL_NAMES) if headless else system_chromium()


def main(argv: list[str]) -> int:
    """`python -m monitor.core.browsers [browser|headless|ffmpeg|link-ffmpeg]`: exit 0 when it is ready."""
    what = argv[0] if argv else "browser"
    if what == "link-ffmpeg":
        print(f"ffmpeg: linked {link_packaged_ffmpeg()}")
        return 0
    browser = what in ("browser", "headless")
    found = _browser_found(headless=what == "headless") if browser else playwright_ffmpeg_path()
    ready = bool(found) and Path(found).exists()
    print(f"{what}: {found if ready else 'not found'}")
    return 0 if ready else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
