"""SMTP servers on 127.0.0.1 for connection tests, and a self-signed cert."""

import datetime
import ipaddress
import socket
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support.processes import free_port

USER = "apikey"


def self_signed_cert(folder):
    """(cert path, key path) for 127.0.0.1, valid for a day."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class Handler:
    """Accepts mail, except from intrus@ (553) and to relay@ (550)."""

    def __init__(self):
        self.messages = []

    async def handle_MAIL(self, server, session, envelope, address, options):
        if address.startswith("intrus@"):
            return "553 5.7.1 Sender address rejected: not owned by user"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("relay@"):
            return "550 5.7.1 Relaying denied"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


class Authenticator:
    def __init__(self, password):
        self.password = password

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (
            auth_data.login == USER.encode()
            and auth_data.password == self.password.encode()
        )
        return AuthResult(success=ok, handled=False)


def start_smtp(password, *, tls_context=None, implicit_tls=False):
    handler = Handler()
    options = {"authenticator": Authenticator(password), "auth_require_tls": False}
    if tls_context and not implicit_tls:
        options.update(tls_context=tls_context, require_starttls=True)
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        ssl_context=tls_context if implicit_tls else None,
        server_hostname="127.0.0.1",
        **options,
    )
    controller.start()
    return controller, handler


class SilentServer:
    """Accepts connections and never says a word."""

    def __init__(self):
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(4)
        self.port = self._socket.getsockname()[1]
        self._accepted = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        try:
            while True:
                connection, _ = self._socket.accept()
                self._accepted.append(connection)
        except OSError:
            return

    def stop(self):
        self._socket.close()
        for connection in self._accepted:
            connection.close()


def server_context(cert_path, key_path):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    return context


def client_context(cert_path):
    return ssl.create_default_context(cafile=str(cert_path))
