"""One SMTP session reused for a whole batch, and what each reply means.

`Connection.send` answers an `Outcome` per message: accepted (250),
bounced (5xx for this recipient, at RCPT or after DATA), refused (5xx for
the sender at MAIL FROM: not the recipient's fault), or deferred (4xx,
421, a timeout, a connection that dropped and could not be re-opened). A
connection lost while a message was on its way is re-opened once and the
message sent again: the server never answered 250, so it was not
accepted. Refused authentication raises `AuthRefused`: no message of the
batch can go out until someone fixes the credentials.
"""

import logging
import smtplib
from dataclasses import dataclass

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class AuthRefused(Exception):
    """The SMTP server refused our credentials; says what to fix."""


@dataclass(frozen=True)
class Outcome:
    ACCEPTED = "accepted"
    BOUNCED = "bounced"
    REFUSED = "refused"
    DEFERRED = "deferred"

    kind: str
    reply: str


def reply_text(code, text):
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return f"{code} {text}"


def classify(code, text, permanent_kind):
    reply = reply_text(code, text)
    if code == 250:
        return Outcome(Outcome.ACCEPTED, reply)
    if 500 <= code < 600:
        return Outcome(permanent_kind, reply)
    return Outcome(Outcome.DEFERRED, reply)


class Connection:
    def __init__(self, smtp_settings):
        self.settings = smtp_settings
        self.smtp = None
        # Whether a session ever worked: only then is a drop worth a retry.
        self.was_open = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def open(self):
        s = self.settings
        cls = smtplib.SMTP_SSL if s.use_ssl else smtplib.SMTP
        smtp = cls(s.host, s.port, timeout=s.timeout)
        try:
            if s.use_tls:
                smtp.starttls()
            if s.username:
                smtp.login(s.username, s.password)
            smtp.ehlo_or_helo_if_needed()
        except smtplib.SMTPAuthenticationError as error:
            smtp.close()
            raise AuthRefused(
                _(
                    "Le serveur d'envoi refuse l'identifiant ou le mot de passe SMTP "
                    "(%(reply)s) : corrigez-les puis reprenez l'envoi."
                )
                % {"reply": reply_text(error.smtp_code, error.smtp_error)}
            ) from None
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, envelope_from, recipient, data):
        for attempt in (1, 2):
            try:
                self.smtp = self.smtp or self.open()
                outcome = self.transaction(envelope_from, recipient, data)
            except (smtplib.SMTPServerDisconnected, ConnectionError) as error:
                self.close()
                # A slow server may still accept what timed out: wait for the
                # back-off rather than resend at once.
                if timed_out(error):
                    return Outcome(Outcome.DEFERRED, failure_text(TimeoutError()))
                if attempt == 1 and self.was_open:
                    logger.info("SMTP connection dropped, reconnecting")
                    continue
                return Outcome(Outcome.DEFERRED, failure_text(error))
            except (OSError, smtplib.SMTPException) as error:
                self.close()
                logger.warning("SMTP failure: %s", error.__class__.__name__)
                return Outcome(Outcome.DEFERRED, failure_text(error))
            if outcome.reply.startswith("421"):
                self.close()
            return outcome

    def transaction(self, envelope_from, recipient, data):
        self.was_open = True
        code, text = self.smtp.mail(envelope_from)
        if code != 250:
            self.reset()
            return classify(code, text, Outcome.REFUSED)
        code, text = self.smtp.rcpt(recipient)
        if code not in (250, 251):
            self.reset()
            return classify(code, text, Outcome.BOUNCED)
        try:
            code, text = self.smtp.data(data)
        except smtplib.SMTPDataError as error:
            code, text = error.smtp_code, error.smtp_error
        outcome = classify(code, text, Outcome.BOUNCED)
        if outcome.kind != Outcome.ACCEPTED:
            self.reset()
        return outcome

    def reset(self):
        try:
            self.smtp.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self):
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None


def timed_out(error):
    return isinstance(error, TimeoutError) or isinstance(
        error.__context__, TimeoutError
    )


def failure_text(error):
    if isinstance(error, TimeoutError):
        return _("Délai dépassé : le serveur d'envoi ne répond pas.")
    return str(error) or error.__class__.__name__
