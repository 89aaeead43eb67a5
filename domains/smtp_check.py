"""Connecting to a company's SMTP server, and saying plainly what failed.

`open_connection` is the one way to reach a sender's server (the pipeline
uses it too): connect, EHLO, STARTTLS or implicit TLS, AUTH. Any failure
becomes `SmtpCheckFailed`, whose message tells the user what to change.
"""

import contextlib
import logging
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from django.utils.translation import gettext as _

from . import presets
from .dkim import DkimSigner

logger = logging.getLogger(__name__)

# Long enough for a slow mobile uplink and a provider's greeting delay,
# short enough that the page answers before the user gives up.
CHECK_TIMEOUT = 15
AUTH_MECHANISMS = ("PLAIN", "LOGIN")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    username: str = ""
    password: str = ""
    timeout: float = CHECK_TIMEOUT

    def __repr__(self):
        return f"SmtpSettings({self.host}:{self.port}, {self.security})"

    @classmethod
    def for_domain(cls, sender_domain, **overrides):
        values = {
            "host": sender_domain.smtp_host,
            "port": sender_domain.smtp_port,
            "security": sender_domain.smtp_security,
            "username": sender_domain.smtp_username,
            "password": sender_domain.smtp_password,
        }
        values.update(overrides)
        return cls(**values)


class SmtpCheckFailed(Exception):
    """A connection test failed; `str()` is the message for the user."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


def open_connection(smtp, ssl_context=None):
    """A connected, encrypted and authenticated smtplib client."""
    context = ssl_context or ssl.create_default_context()
    with explained_failures(smtp, "connect"):
        if smtp.security == presets.SSL:
            client = smtplib.SMTP_SSL(
                smtp.host, smtp.port, timeout=smtp.timeout, context=context
            )
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
        client.ehlo()
    try:
        _secure_and_log_in(client, smtp, context)
    except BaseException:
        _close(client)
        raise
    return client


def _secure_and_log_in(client, smtp, context):
    if smtp.security == presets.STARTTLS:
        with explained_failures(smtp, "starttls"):
            client.starttls(context=context)
            client.ehlo()
    if smtp.username:
        with explained_failures(smtp, "auth"):
            _log_in(client, smtp)


def _log_in(client, smtp):
    # One mechanism only: smtplib's login() retries every one the server
    # offers, which doubles the failed attempts that get an account locked.
    if not client.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("AUTH not offered")
    offered = client.esmtp_features["auth"].upper().split()
    mechanism = next((m for m in AUTH_MECHANISMS if m in offered), None)
    if mechanism is None:
        client.login(smtp.username, smtp.password)
        return
    client.user, client.password = smtp.username, smtp.password
    client.auth(mechanism, getattr(client, f"auth_{mechanism.lower()}"))


def test_connection(smtp, ssl_context=None):
    """Connect, encrypt and log in, then hang up politely."""
    client = open_connection(smtp, ssl_context)
    _close(client)
    logger.info("SMTP connection test to port %s succeeded", smtp.port)


def send_test_email(sender_domain, to_address, smtp=None, ssl_context=None):
    """Send one short DKIM-signed email through the domain's own server."""
    smtp = smtp or SmtpSettings.for_domain(sender_domain)
    message = test_message(sender_domain, to_address)
    client = open_connection(smtp, ssl_context)
    try:
        with explained_failures(smtp, "send"):
            client.sendmail(sender_domain.from_email, [to_address], message)
    finally:
        _close(client)
    logger.info("test email sent for sender domain %s", sender_domain.pk)


def test_message(sender_domain, to_address):
    message = EmailMessage()
    message["From"] = formataddr((sender_domain.from_name, sender_domain.from_email))
    message["To"] = to_address
    message["Subject"] = _("Email de test AfriMail Pro")
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender_domain.domain)
    if sender_domain.reply_to:
        message["Reply-To"] = sender_domain.reply_to
    message.set_content(
        _(
            "Bonjour,\n\nCet email confirme que votre serveur SMTP accepte "
            "les envois d'AfriMail Pro pour %(domain)s.\n"
        )
        % {"domain": sender_domain.domain}
    )
    raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    signer = DkimSigner(
        sender_domain.domain,
        sender_domain.dkim_selector,
        sender_domain.dkim_private_key,
    )
    return signer.sign(raw) + raw


def _close(client):
    with contextlib.suppress(smtplib.SMTPException, OSError):
        client.quit()
    with contextlib.suppress(OSError):
        client.close()


@contextlib.contextmanager
def explained_failures(smtp, stage):
    try:
        yield
    except SmtpCheckFailed:
        raise
    except (smtplib.SMTPException, OSError) as error:
        logger.info("SMTP %s failed on port %s: %r", stage, smtp.port, error)
        raise explain(error, smtp, stage) from error


def explain(error, smtp, stage):
    """The SmtpCheckFailed a user can act on, for a low-level error."""
    where = {"host": smtp.host, "port": smtp.port}
    for kinds, build in _EXPLANATIONS:
        if isinstance(error, kinds):
            return build(error, smtp, stage, where)
    return SmtpCheckFailed(
        "other",
        _("Le serveur %(host)s:%(port)s a répondu par une erreur : %(error)s")
        % {**where, "error": _reply_text(error)},
    )


def _reply_text(error):
    code = getattr(error, "smtp_code", None)
    text = getattr(error, "smtp_error", b"")
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip() if code else str(error)


def _host_not_found(error, smtp, stage, where):
    return SmtpCheckFailed(
        "host",
        _(
            "Le serveur « %(host)s » est introuvable : vérifiez l'orthographe "
            "de l'adresse du serveur SMTP."
        )
        % where,
    )


def _certificate(error, smtp, stage, where):
    return SmtpCheckFailed(
        "certificate",
        _(
            "Le certificat du serveur %(host)s n'est pas valide pour ce nom : "
            "utilisez le nom de serveur exact donné par votre fournisseur."
        )
        % where,
    )


def _tls_mismatch(error, smtp, stage, where):
    return SmtpCheckFailed(
        "tls",
        _(
            "Le chiffrement choisi ne correspond pas au port %(port)s : le port "
            "587 utilise en général STARTTLS et le port 465 le SSL/TLS "
            "implicite. Changez la sécurité ou le port."
        )
        % where,
    )


def _timeout(error, smtp, stage, where):
    if smtp.port == 465 and smtp.security != presets.SSL:
        return _tls_mismatch(error, smtp, stage, where)
    return SmtpCheckFailed(
        "timeout",
        _(
            "Le serveur %(host)s:%(port)s ne répond pas (délai de %(seconds)s s "
            "dépassé) : vérifiez le port, et que votre fournisseur autorise "
            "les connexions SMTP depuis l'extérieur."
        )
        % {**where, "seconds": int(smtp.timeout) or smtp.timeout},
    )


def _refused(error, smtp, stage, where):
    return SmtpCheckFailed(
        "refused",
        _(
            "Le serveur %(host)s refuse les connexions sur le port %(port)s : "
            "vérifiez le numéro de port (587 ou 465 en général)."
        )
        % where,
    )


def _not_supported(error, smtp, stage, where):
    if stage == "starttls":
        message = _(
            "Le serveur %(host)s:%(port)s ne propose pas STARTTLS : choisissez "
            "le SSL/TLS implicite (port 465) ou vérifiez le port."
        )
    else:
        message = _(
            "Le serveur %(host)s:%(port)s n'accepte pas d'identifiant sur cette "
            "connexion : activez STARTTLS ou le SSL/TLS, ou videz l'identifiant."
        )
    return SmtpCheckFailed("tls" if stage == "starttls" else "auth", message % where)


def _auth_refused(error, smtp, stage, where):
    message = _(
        "Le serveur a refusé l'identifiant ou le mot de passe (%(reply)s) : "
        "vérifiez-les."
    ) % {"reply": _reply_text(error)}
    hint = presets.get_by_host(smtp.host).password_hint
    if hint:
        message += " " + _("Il faut %(hint)s.") % {"hint": hint}
    return SmtpCheckFailed("auth", message)


def _sender_refused(error, smtp, stage, where):
    return SmtpCheckFailed(
        "sender",
        _(
            "Le serveur refuse d'envoyer depuis %(sender)s (%(reply)s) : cette "
            "adresse doit appartenir au compte SMTP, ou être autorisée chez "
            "votre fournisseur."
        )
        % {"sender": _sender_of(error), "reply": _reply_text(error)},
    )


def _sender_of(error):
    sender = getattr(error, "sender", "")
    return sender.decode() if isinstance(sender, bytes) else sender


def _relay_denied(error, smtp, stage, where):
    replies = getattr(error, "recipients", {}).values()
    reply = "; ".join(
        f"{code} {text.decode('utf-8', 'replace')}" for code, text in replies
    )
    return SmtpCheckFailed(
        "relay",
        _(
            "Le serveur refuse de transmettre l'email au destinataire "
            "(%(reply)s) : il n'autorise pas le relais pour ce compte. "
            "Vérifiez que l'identifiant est bien renseigné et autorisé à "
            "envoyer vers l'extérieur."
        )
        % {"reply": reply},
    )


def _disconnected(error, smtp, stage, where):
    # smtplib reports a read timeout as a disconnection.
    if "timed out" in str(error):
        return _timeout(error, smtp, stage, where)
    if stage in {"connect", "starttls"}:
        return _tls_mismatch(error, smtp, stage, where)
    return SmtpCheckFailed(
        "other",
        _("Le serveur %(host)s:%(port)s a coupé la connexion.") % where,
    )


# Most specific first: SSLCertVerificationError is an SSLError, which is an
# OSError, like gaierror and timeouts.
_EXPLANATIONS = [
    (socket.gaierror, _host_not_found),
    (ssl.SSLCertVerificationError, _certificate),
    (ssl.SSLError, _tls_mismatch),
    ((TimeoutError, socket.timeout), _timeout),
    (ConnectionRefusedError, _refused),
    (smtplib.SMTPNotSupportedError, _not_supported),
    (smtplib.SMTPAuthenticationError, _auth_refused),
    (smtplib.SMTPSenderRefused, _sender_refused),
    (smtplib.SMTPRecipientsRefused, _relay_denied),
    (smtplib.SMTPServerDisconnected, _disconnected),
]
