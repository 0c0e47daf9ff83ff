"""`python -m deploy.nginx`: run the shipped nginx configuration in front of the app.

`make proxy` calls it. nginx runs in the foreground from a throwaway folder, on --listen, in
front of the app at --upstream (`make serve`); every other value is the production default
unless given as NAME=value (e.g. MICRO_CACHE=2s).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import fields, replace
from pathlib import Path

from deploy.nginx import Settings, write_config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:8080")
    parser.add_argument("--upstream", default="127.0.0.1:8000")
    parser.add_argument("values", nargs="*", metavar="NAME=value")
    args = parser.parse_args(argv)
    known = {field.name for field in fields(Settings)}
    overrides = dict(value.split("=", 1) for value in args.values)
    unknown = sorted(set(overrides) - known)
    if unknown:
        parser.error(f"unknown setting {', '.join(unknown)} (one of {', '.join(sorted(known))})")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        print("nginx is not installed: apt-get install nginx", file=sys.stderr)
        return 2
    prefix = Path(tempfile.mkdtemp(prefix="claim-registry-nginx-"))
    settings = replace(
        Settings(UPSTREAM=args.upstream, CACHE_DIR=str(prefix / "cache")), **overrides
    )
    main_conf = write_config(prefix, listen=args.listen, settings=settings)
    # nginx's workers may run as an unprivileged user: they must reach the cache folder.
    prefix.chmod(0o755)
    print(f"nginx on http://{args.listen} in front of {args.upstream} ({prefix})", flush=True)
    command = [nginx, "-p", str(prefix), "-c", str(main_conf), "-e", "stderr"]
    try:
        return subprocess.run(command, check=False).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
