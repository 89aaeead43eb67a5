"""`python -m afrimail.devstack`, the command behind `make run`, started for
real on free ports with its own var/ folder."""

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.support.processes import ROOT, free_port, wait_for

pytestmark = [pytest.mark.process]


class Devstack:
    def __init__(self, var_dir, log_path, web_port=None):
        self.web_port, self.smtp_port = web_port or free_port(), free_port()
        self.var_dir = str(var_dir)
        self.log_path = Path(log_path)
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"}
        }
        env["AFRIMAIL_VAR_DIR"] = self.var_dir
        args = [sys.executable, "-m", "afrimail.devstack", "--no-demo"]
        args += ["--web-port", str(self.web_port), "--smtp-port", str(self.smtp_port)]
        self.proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=self.log_path.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self):
        return self.log_path.read_text(errors="replace")

    def wait_until_ready(self):
        wait_for(lambda: "Press Ctrl-C" in self.log() or self.proc.poll(), 90)
        assert self.proc.poll() is None, self.log()

    def get(self, path):
        url = f"http://127.0.0.1:{self.web_port}{path}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status

    def descendants(self):
        """Processes still running with this stack's var folder."""
        marker = f"AFRIMAIL_VAR_DIR={self.var_dir}".encode()
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == self.proc.pid:
                continue
            try:
                if marker in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue
        return found

    def cleanup(self):
        for pid in self.descendants():
            os.kill(pid, signal.SIGKILL)
        if self.proc.poll() is None:
            self.proc.kill()


@pytest.fixture
def devstack(tmp_path):
    stack = Devstack(tmp_path / "var", tmp_path / "devstack.log")
    yield stack
    stack.cleanup()


def child_pid(stack, name):
    """The pid of a child, from the process table (its args name it)."""
    wanted = {"worker": b"worker", "beat": b"beat", "mail": b"mailcatcher.sink"}
    for pid in stack.descendants():
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        if wanted[name] in args and os.getpgid(pid) == pid:
            return pid
    raise AssertionError(f"no {name} process")


def test_it_serves_pages_and_stops_everything_on_ctrl_c(devstack):
    devstack.wait_until_ready()
    assert devstack.get("/") == 200
    assert devstack.get("/static/css/app.css") == 200
    wait_for(lambda: " ready." in devstack.log(), 60, what="the worker")
    wait_for(lambda: "beat: Starting" in devstack.log(), 60, what="beat")
    assert len(devstack.descendants()) >= 4

    os.kill(devstack.proc.pid, signal.SIGINT)

    assert devstack.proc.wait(40) == 0
    assert devstack.descendants() == []
    log = "\n" + devstack.log()
    for name in ("mail", "setup", "web", "worker", "beat"):
        assert f"\n{name:<8} | " in log, name
    assert "all stopped (exit code 0)" in log


def test_it_stops_the_others_and_fails_when_one_process_dies(devstack):
    devstack.wait_until_ready()

    os.kill(child_pid(devstack, "beat"), signal.SIGKILL)

    assert devstack.proc.wait(40) == 128 + signal.SIGKILL
    assert devstack.descendants() == []
    assert "beat exited with code -9: stopping the rest" in devstack.log()


def test_it_refuses_to_start_on_a_port_in_use(devstack, tmp_path):
    devstack.wait_until_ready()

    second = Devstack(tmp_path / "var2", tmp_path / "second.log", devstack.web_port)

    assert second.proc.wait(30) == 2
    assert f"127.0.0.1:{devstack.web_port} is already in use" in second.log()
    assert not (tmp_path / "var2").exists()
    assert devstack.get("/") == 200
