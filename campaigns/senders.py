"""Who a company's campaigns go out as, in the shape the pipeline needs.

`sender_for(company)` asks `domains.sending_identity` (the verified primary
domain, else the platform default) and keeps what sending uses: the From
address, Reply-To, SMTP settings, the DKIM signer and the rate limits. A
custom primary domain that is not verified refuses, with its reason; the
From domain is never switched silently.
"""

from dataclasses import dataclass, field

import domains


class SenderNotReady(Exception):
    """The company's sender cannot send yet; the message says why."""


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    username: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False
    timeout: float = 30


@dataclass(frozen=True)
class Sender:
    from_email: str
    smtp: Smtp
    reply_to: str = ""
    signer: object = None
    # {"second": n, "hour": n, "day": n}; a missing or empty one is no cap.
    rate_limits: dict = field(default_factory=dict)

    @property
    def domain(self):
        return self.from_email.rpartition("@")[2].lower()


def sender_for(company):
    try:
        identity = domains.sending_identity(company)
    except domains.DomainNotVerified as refusal:
        raise SenderNotReady(str(refusal)) from None
    return from_identity(identity)


def from_identity(identity):
    smtp, limits = identity.smtp, identity.rate_limits
    return Sender(
        from_email=identity.from_email,
        reply_to=identity.reply_to or "",
        signer=identity.dkim,
        rate_limits={
            "second": limits.per_second,
            "hour": limits.per_hour,
            "day": limits.per_day,
        },
        smtp=Smtp(
            host=smtp.host,
            port=smtp.port,
            username=smtp.username or "",
            password=smtp.password or "",
            use_tls=smtp.security == "starttls",
            use_ssl=smtp.security == "ssl",
            timeout=smtp.timeout,
        ),
    )
