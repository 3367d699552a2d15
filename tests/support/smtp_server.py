# A real SMTP server for the mail channel's tests (Debian's python3-aiosmtpd): one listener without TLS,
# one that requires STARTTLS and a login. Each message is stored as NNNN.eml with NNNN.json beside it
# (envelope, whether TLS was on, the login), the .json written last. Runs until its stdin closes.
import itertools
import json
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

outdir, plain_port, tls_port, cert, key = sys.argv[1:6]
counter = itertools.count()


class Handler:
    async def handle_DATA(self, server, session, envelope):
        n = next(counter)
        base = os.path.join(outdir, "%04d" % n)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        auth = session.auth_data
        meta = {"from": envelope.mail_from, "to": envelope.rcpt_tos,
                "tls": server._tls_protocol is not None,
                "login": auth.login.decode() if isinstance(auth, LoginPassword) else None}
        with open(base + ".tmp", "w") as f:
            json.dump(meta, f)
        os.rename(base + ".tmp", base + ".json")
        return "250 OK stored"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"mailer" and auth_data.password == b"s3cret-pw"
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
plain = Controller(Handler(), hostname="127.0.0.1", port=int(plain_port))
tls = Controller(Handler(), hostname="127.0.0.1", port=int(tls_port), tls_context=context,
                 require_starttls=True, authenticator=authenticate, auth_require_tls=True)
plain.start()
tls.start()
print("ready", flush=True)
sys.stdin.read()
plain.stop()
tls.stop()
