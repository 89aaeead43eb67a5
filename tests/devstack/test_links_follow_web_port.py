"""Emails sent by the development stack link to the port it serves on."""

import os

import environ

from afrimail import devstack


def configured(monkeypatch, **env):
    fake = {**os.environ, **env}
    monkeypatch.setattr(os, "environ", fake)
    monkeypatch.setattr(environ.Env, "ENVIRON", fake)
    devstack.configure_environment(smtp_port=1130, web_port=8130)
    return fake


def test_site_url_points_at_the_web_port_given(monkeypatch):
    env = configured(monkeypatch)

    assert env["SITE_URL"] == "http://127.0.0.1:8130"


def test_site_url_from_a_dotenv_file_does_not_send_links_elsewhere(monkeypatch):
    env = configured(monkeypatch, SITE_URL="http://127.0.0.1:8000")

    assert env["SITE_URL"] == "http://127.0.0.1:8130"
    assert env["EMAIL_PORT"] == "1130"
