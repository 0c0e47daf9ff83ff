"""The shipped nginx configuration, filled in and run.

`claim-registry.conf` (for `http { }`) and `locations.conf` (for the registry's `server { }`)
are the configuration a production site includes; a NAME between at-signs marks each value a
site chooses.
`write_config` fills them in and writes a complete nginx.conf around them into a folder of its
own, as `make proxy` and the tests run it: the same two files, nothing added but the wrapper.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLACEHOLDER = re.compile(r"@[A-Z_]+@")
SHIPPED = ("claim-registry.conf", "locations.conf")


@dataclass(frozen=True)
class Settings:
    """The values a site fills in; the defaults are the production ones."""

    UPSTREAM: str = "127.0.0.1:8000"
    CACHE_DIR: str = "/var/cache/nginx/claim-registry"
    SESSION_COOKIE: str = "sessionid"
    MICRO_CACHE: str = "5s"
    PAGE_RATE: str = "10r/s"
    PAGE_BURST: str = "40"
    BADGE_RATE: str = "50r/s"
    BADGE_BURST: str = "200"
    MAX_BODY: str = "2m"


def render(name: str, settings: Settings) -> str:
    """One shipped file with the site's values in place of its @NAMES@."""
    text = (HERE / name).read_text(encoding="utf-8")
    for key, value in asdict(settings).items():
        text = text.replace(f"@{key}@", value)
    leftover = PLACEHOLDER.search(text)
    if leftover:
        raise ValueError(f"{name}: no value for {leftover.group(0)}")
    return text


WRAPPER = """\
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 1024; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/claim-registry.conf;
    server {{
        listen {listen};
        include {prefix}/locations.conf;
    }}
}}
"""


def write_config(prefix: Path, *, listen: str, settings: Settings) -> Path:
    """Write the two shipped files, filled in, and an nginx.conf that includes them."""
    prefix.mkdir(parents=True, exist_ok=True)
    for name in SHIPPED:
        (prefix / name).write_text(render(name, settings), encoding="utf-8")
    main = prefix / "nginx.conf"
    main.write_text(WRAPPER.format(prefix=prefix, listen=listen), encoding="utf-8")
    return main
