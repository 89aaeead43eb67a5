"""Sender domains: SMTP settings, DKIM keys and DNS verification.

The sending pipeline asks `domains.sending_identity(company)` who a
company's campaigns go out as; see `domains.identity` for the contract.
"""

_IDENTITY_NAMES = {"sending_identity", "Identity", "DomainNotVerified"}


def __getattr__(name):
    # Resolved on first use: the models cannot load while settings import
    # this package for `domains.keys`.
    if name in _IDENTITY_NAMES:
        from . import identity

        return getattr(identity, name)
    raise AttributeError(f"module 'domains' has no attribute {name!r}")
