"""Serve: live preview through `mkdocs serve` and the playbook plugin.

Editing a scenario, a page template or a hand-written page rebuilds the site and reloads the
browser; the plugin registers those folders with the dev server's watcher.
"""

from __future__ import annotations

import ipaddress

from .project import Project

LOCAL_NAMES = ("localhost",)


def host_of(dev_addr: str) -> str:
    """The host part of `HOST:PORT` (`[::1]:8000` too); the whole text when there is no port."""
    host = dev_addr.rsplit(":", 1)[0] if dev_addr.count(":") == 1 or dev_addr.startswith("[") else dev_addr
    return host.strip("[]")


def is_loopback(dev_addr: str) -> bool:
    """True when the address only accepts connections from this machine (127.0.0.0/8, ::1)."""
    host = host_of(dev_addr)
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to any interface


def exposure_warning(dev_addr: str) -> str | None:
    """One line for stderr when the preview would be reachable from other machines."""
    if is_loopback(dev_addr):
        return None
    return (
        f"warning: serving on {dev_addr} lets other machines read the internal playbook, with no "
        "sign-in; use the default 127.0.0.1:8000, or put the built site behind single sign-on "
        "(docs/deploying-privately.md)"
    )


def serve(project: Project, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(project.mkdocs_config), dev_addr=dev_addr, livereload=True)
