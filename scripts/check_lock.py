"""Check that the running environment is exactly the locks (requirements.lock,
and requirements-nodeps.lock: packages installed without their dependencies).

Why: an installer that quietly takes a newer release of one dependency (as pip
23 did for packages required with extras) leaves a venv that differs from the
lock while every command still succeeds. This check runs after every install
(`make venv`) and as a test, so such drift stops the build instead of changing
results without a word. Only the project itself may be installed beside the
locks. Standard library only: it must run before anything else is trusted.

    python scripts/check_lock.py requirements.lock requirements-nodeps.lock [--allow newstables]
"""
from __future__ import annotations

import argparse
import re
import sys
from importlib import metadata
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def normalize(name: str) -> str:
    """PEP 503 name: 'Smart_Open' and 'smart-open' are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path) -> dict[str, str]:
    """{normalized name: version} of every `name==version` line of a lock."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            pins[normalize(match.group(1))] = match.group(2)
    if not pins:
        raise SystemExit(f"{path}: no 'name==version' pins found")
    return pins


def installed() -> dict[str, str]:
    """{normalized name: version} of every distribution this interpreter sees."""
    return {normalize(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
            if dist.metadata["Name"]}


def differences(locked: dict[str, str], present: dict[str, str], allow: set[str]) -> list[str]:
    """One line per package that is missing, extra or at another version."""
    problems = []
    for name, version in sorted(locked.items()):
        if name not in present:
            problems.append(f"missing: {name}=={version}")
        elif present[name] != version:
            problems.append(f"wrong version: {name}=={present[name]} installed, lock says {version}")
    for name in sorted(set(present) - set(locked) - allow):
        problems.append(f"not in the lock: {name}=={present[name]}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locks", type=Path, nargs="+")
    parser.add_argument("--allow", action="append", default=["newstables"],
                        help="a package that may be installed beside the lock (default: newstables)")
    args = parser.parse_args(argv)
    locked: dict[str, str] = {}
    for lock in args.locks:
        for name, version in read_lock(lock).items():
            if locked.get(name, version) != version:
                raise SystemExit(f"{lock}: {name}=={version}, but another lock pins {name}=={locked[name]}")
            locked[name] = version
    names = " and ".join(str(lock) for lock in args.locks)
    problems = differences(locked, installed(), {normalize(a) for a in args.allow})
    if problems:
        print(f"{sys.prefix} does not match {names}:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"{sys.prefix}: {len(locked)} packages, exactly as in {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
