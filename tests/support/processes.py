"""Start the real pieces for process and browser tests.

Each helper starts one subprocess bound to 127.0.0.1, waits until it is
ready, and returns a handle whose `stop()` ends it. The worker and the web
server are given the test database and broker of the test run, so what the
test writes they read, and the other way round.
"""

import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited early with code {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


def database_url():
    """The URL of the database the test run is using right now."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def child_env(**extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="afrimail.settings",
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        CELERY_BROKER_DIR=str(settings.CELERY_BROKER_DIR),
        AFRIMAIL_VAR_DIR=str(settings.VAR_DIR),
        SITE_URL=settings.SITE_URL,
        EMAIL_HOST=settings.EMAIL_HOST,
        EMAIL_PORT=str(settings.EMAIL_PORT),
        CELERY_TASK_ALWAYS_EAGER="false",
        PYTHONUNBUFFERED="1",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


class Running:
    def __init__(self, proc, log_path, **info):
        self.proc = proc
        self.log_path = log_path
        self.__dict__.update(info)

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)

    def kill(self):
        """SIGKILL the whole process group, as a crash would."""
        self.stop(signal.SIGKILL)

    def log(self):
        return Path(self.log_path).read_text(errors="replace")


def spawn(args, log_path, env):
    log = open(log_path, "wb")
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def start_smtp_sink(directory, log_dir):
    port = free_port()
    log_path = Path(log_dir) / "smtp-sink.log"
    args = [sys.executable, "-m", "mailcatcher.sink", "--port", str(port)]
    proc = spawn(args + ["--dir", str(directory)], log_path, child_env())
    wait_for_port(port, proc)
    return Running(proc, log_path, port=port, directory=Path(directory))


def start_celery_worker(log_dir, queues="default,send,track,import", **env):
    log_path = Path(log_dir) / "celery-worker.log"
    args = [
        sys.executable, "-m", "celery", "-A", "afrimail", "worker",
        "-Q", queues, "--concurrency", "2", "--pool", "prefork",
        "--loglevel", "INFO", "--without-heartbeat", "--without-mingle",
        "--without-gossip",
    ]  # fmt: skip
    proc = spawn(args, log_path, child_env(**env))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("celery worker exited:\n" + log_path.read_text())
        if b"ready." in log_path.read_bytes():
            return Running(proc, log_path)
        time.sleep(0.2)
    raise TimeoutError("celery worker not ready:\n" + log_path.read_text())


_static_collected = False


def collect_static():
    """Gather static files once per run: gunicorn serves them via whitenoise,
    which only knows what collectstatic put in STATIC_ROOT."""
    global _static_collected
    if _static_collected:
        return
    args = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(args, cwd=ROOT, env=child_env(), check=True)
    _static_collected = True


def start_gunicorn(log_dir, **env):
    collect_static()
    port = free_port()
    log_path = Path(log_dir) / "gunicorn.log"
    args = [
        sys.executable, "-m", "gunicorn", "afrimail.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60",
    ]  # fmt: skip
    site = f"http://127.0.0.1:{port}"
    proc = spawn(args, log_path, child_env(SITE_URL=site, **env))
    wait_for_port(port, proc)
    return Running(proc, log_path, port=port, url=site)


def read_sink(directory):
    """Every message the sink stored, parsed, oldest first."""
    messages = []
    for path in sorted(Path(directory).glob("*.eml")):
        with open(path, "rb") as f:
            message = email.message_from_binary_file(f, policy=email.policy.default)
            messages.append(message)
    return messages


def wait_for(predicate, timeout=60, interval=0.25, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
