"""The whole embedded stack in one command: `make run`.

    python -m afrimail.devstack [--web-port 8000] [--smtp-port 1025]

Prepares the SQLite database under var/ (migrations, static files, the demo
workspace), then runs the mail catcher, the web server, a Celery worker on
every queue and Celery beat as child processes. Each child's output is
printed with its name in front. Ctrl-C or SIGTERM stops them all; if one of
them dies, the others are stopped too and the exit code is non-zero.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
QUEUES = "default,send,track,import"
# A warm Celery shutdown finishes the task in hand; ten seconds covers a
# batch of sends to the local sink with room to spare.
STOP_GRACE_SECONDS = 10
LEFTOVER_GRACE_SECONDS = 3
READY_TIMEOUT_SECONDS = 60
COLOURS = ["36", "35", "33", "32", "34"]


class Child:
    def __init__(self, name, args, colour):
        self.name = name
        self.args = args
        self.colour = colour
        self.proc = None

    def start(self, out, env):
        self.proc = subprocess.Popen(
            self.args,
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            # Its own process group: Ctrl-C reaches only this supervisor,
            # which then stops each child in order.
            start_new_session=True,
        )
        threading.Thread(target=out.relay, args=(self,), daemon=True).start()

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def signal_group(self, sig):
        try:
            os.killpg(self.proc.pid, sig)
        except ProcessLookupError:
            pass

    def group_alive(self):
        try:
            os.killpg(self.proc.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


class Output:
    """Writes lines from every child, each prefixed with the child's name."""

    def __init__(self, width):
        self.width = width
        self.lock = threading.Lock()
        self.colour = sys.stdout.isatty()

    def prefix(self, name, colour):
        label = f"{name:<{self.width}} |"
        return f"\033[{colour}m{label}\033[0m" if self.colour else label

    def line(self, name, colour, text):
        with self.lock:
            sys.stdout.write(f"{self.prefix(name, colour)} {text}\n")
            sys.stdout.flush()

    def relay(self, child):
        for raw in iter(child.proc.stdout.readline, b""):
            text = raw.decode(errors="replace").rstrip()
            self.line(child.name, child.colour, text)
        child.proc.stdout.close()

    def say(self, text):
        self.line("devstack", "1", text)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--web-port", type=int, default=8000)
    parser.add_argument("--smtp-port", type=int, default=1025)
    parser.add_argument("--no-demo", action="store_true", help="skip load_demo")
    return parser.parse_args(argv)


def configure_environment(smtp_port, web_port=8000):
    """The embedded defaults: debug pages, mail to the local catcher only."""
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "afrimail.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ["PYTHONUNBUFFERED"] = "1"
    # Whatever .env says, the development stack delivers every email,
    # account mail and campaigns alike, to the catcher it starts.
    os.environ.update(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=HOST,
        EMAIL_PORT=str(smtp_port),
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS="false",
        EMAIL_USE_SSL="false",
    )
    # Links in those emails (invitations, tracking, unsubscribe) must reach
    # the web server started here, on whichever port it was given.
    os.environ["SITE_URL"] = f"http://{HOST}:{web_port}"


def port_taken(port):
    with socket.socket() as s:
        return s.connect_ex((HOST, port)) == 0


def wait_for_port(port, child, out):
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if not child.running():
            return False
        if port_taken(port):
            return True
        time.sleep(0.2)
    out.say(f"{child.name} is not listening on {HOST}:{port}")
    return False


def setup_steps(settings, load_demo):
    """Commands run to completion before the servers start."""
    manage = [sys.executable, "manage.py"]
    steps = [manage + ["migrate", "--noinput"]]
    # With DEBUG off, whitenoise serves only what collectstatic gathered.
    if not settings.DEBUG:
        steps.append(manage + ["collectstatic", "--noinput", "--verbosity", "0"])
    if load_demo:
        steps.append(manage + ["load_demo"])
    return [Child("setup", args, "37") for args in steps]


def run_steps(steps, out, stopping):
    """Run each step in turn; the first non-zero exit code, or 0."""
    for step in steps:
        if stopping.is_set():
            return 130
        step.start(out, dict(os.environ))
        while step.running():
            if stopping.wait(0.2):
                step.proc.terminate()
        code = step.proc.wait()
        if code:
            out.say(f"{' '.join(step.args[1:])} failed with code {code}")
            return code
    return 0


def build_children(settings, web_port, smtp_port):
    python = sys.executable
    celery = [python, "-m", "celery", "-A", "afrimail"]
    specs = [
        ("mail", [python, "-m", "mailcatcher.sink", "--host", HOST,
                  "--port", str(smtp_port), "--dir", str(settings.MAILCATCHER_DIR)]),
        ("web", [python, "manage.py", "runserver", f"{HOST}:{web_port}"]),
        ("worker", celery + ["worker", "-Q", QUEUES, "--concurrency", "2",
                             "--loglevel", "INFO"]),
        ("beat", celery + ["beat", "--loglevel", "INFO", "--pidfile=",
                           "--scheduler", settings.CELERY_BEAT_SCHEDULER]),
    ]  # fmt: skip
    return [
        Child(name, args, COLOURS[i % len(COLOURS)])
        for i, (name, args) in enumerate(specs)
    ]


def alive(child):
    # Reap the leader first: a zombie still counts as a member of its group.
    child.proc.poll()
    return child.group_alive()


def wait_until(done, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not done():
        time.sleep(0.1)


def stop_all(children, out):
    """Stop each child, then whatever its process group still holds."""
    live = [c for c in children if c.proc is not None]
    # The leader first, so Celery stops its own pool in a warm shutdown.
    for child in live:
        if child.running():
            child.proc.terminate()
    wait_until(lambda: not any(c.running() for c in live), STOP_GRACE_SECONDS)

    # Left behind: runserver's reloaded child, a pool process past its grace.
    for child in live:
        if alive(child):
            child.signal_group(signal.SIGTERM)
    wait_until(lambda: not any(alive(c) for c in live), LEFTOVER_GRACE_SECONDS)

    for child in live:
        if alive(child):
            out.say(f"{child.name} did not stop: killed")
            child.signal_group(signal.SIGKILL)
        child.proc.wait()


def banner(out, web_port, smtp_port):
    from demo.credentials import DEMO_EMAIL, DEMO_PASSWORD

    url = f"http://{HOST}:{web_port}/"
    out.say("")
    out.say(f"AfriMail Pro is running at {url}")
    out.say(f"Demo login: {DEMO_EMAIL} / {DEMO_PASSWORD}")
    out.say(f"Mail catcher: {url}mailcatcher/ (SMTP on {HOST}:{smtp_port})")
    out.say("Press Ctrl-C to stop everything.")
    out.say("")


def supervise(children, out, stopping):
    """Block until a signal asks to stop or a child dies; the exit code."""
    while not stopping.is_set():
        for child in children:
            code = child.proc.poll()
            if code is not None:
                out.say(f"{child.name} exited with code {code}: stopping the rest")
                # A child killed by a signal reports -N; shells say 128 + N.
                return 128 - code if code < 0 else code or 1
        stopping.wait(0.2)
    out.say("stopping")
    return 0


def start(children, out, ports):
    """Start the children in order; False if one failed to come up."""
    for child in children:
        child.start(out, dict(os.environ))
        port = ports.get(child.name)
        if port and not wait_for_port(port, child, out):
            return False
    return True


def run(args, out, stopping):
    """Everything between the checks and the final stop; the exit code."""
    from django.conf import settings

    ports = {"mail": args.smtp_port, "web": args.web_port}
    children = build_children(settings, args.web_port, args.smtp_port)
    mail, servers = children[0], children[1:]
    try:
        # The catcher comes first: the demo's campaign is sent to it.
        if not start([mail], out, ports):
            return 1
        code = run_steps(setup_steps(settings, not args.no_demo), out, stopping)
        if code:
            return code
        if not start(servers, out, ports):
            return 1
        banner(out, args.web_port, args.smtp_port)
        return supervise(children, out, stopping)
    finally:
        stop_all(children, out)


def main(argv=None):
    args = parse_args(argv)
    out = Output(width=8)
    for port in (args.web_port, args.smtp_port):
        if port_taken(port):
            out.say(f"{HOST}:{port} is already in use: stop what runs there first")
            return 2

    configure_environment(args.smtp_port, args.web_port)
    sys.path.insert(0, str(BASE_DIR))
    stopping = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopping.set())

    code = run(args, out, stopping)
    out.say(f"all stopped (exit code {code})")
    return code


if __name__ == "__main__":
    sys.exit(main())
