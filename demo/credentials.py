"""The demo login, printed by `make run` and created by `load_demo`."""

DEMO_EMAIL = "demo@afrimail.test"
DEMO_PASSWORD = "Wouri-Demo-2026"
