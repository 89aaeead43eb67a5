"""The whole product running for real: an SMTP sink, a Celery worker on
every queue and gunicorn, all on the test database and pointed at the sink."""

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.browser import require_chromium
from tests.support.processes import (
    Running,
    start_celery_worker,
    start_gunicorn,
    start_smtp_sink,
)


@dataclass
class Stack:
    sink: Running
    web: Running
    worker: Running
    logs: Path

    @property
    def url(self):
        return self.web.url

    def stop(self):
        for running in (self.web, self.worker, self.sink):
            running.stop()

    def print_logs(self):
        for running in (self.web, self.worker, self.sink):
            print(f"----- {Path(running.log_path).name} -----")
            print(running.log()[-6000:])


@pytest.fixture
def stack(transactional_db, tmp_path):
    require_chromium()
    sink = start_smtp_sink(tmp_path / "mail", tmp_path)
    mail = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": sink.port}
    web = start_gunicorn(tmp_path, **mail)
    # Links in campaign emails are built by the worker: same site as the web.
    worker = start_celery_worker(tmp_path, SITE_URL=web.url, **mail)
    running = Stack(sink=sink, web=web, worker=worker, logs=tmp_path)
    yield running
    running.stop()
    # Shown by pytest only when the test failed.
    running.print_logs()
