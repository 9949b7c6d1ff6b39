"""A real SMTP server on 127.0.0.1 for Coop's notification tests and benchmark (aiosmtpd, PyPI).

It writes every message it accepts to DIR/NNNNNN.eml (atomically: a test that sees the file sees the
whole message) and its port to DIR/port once it listens. Flags make it misbehave the way mail
servers do:

  --refuse-first N --code 451   answer DATA of the first N messages with that code, then accept
  --refuse-all 550              answer every DATA with that code (a permanent refusal)
  --unknown WORD                answer RCPT with 550 for addresses containing WORD (no such mailbox)
  --auth USER:PASSWORD          require AUTH (PLAIN or LOGIN) with these credentials; others get 535
  --hold-at K                   after receiving message K (1-based), save it, create DIR/held, and
                                answer only once DIR/release exists (a client killed meanwhile never
                                hears the 250: the message was accepted, the client does not know)
"""
import argparse
import asyncio
import os
import signal
import socket

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.args = args
        self.received = 0
        self.refused = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.unknown and self.args.unknown in address:
            return "550 5.1.1 <%s>: no such mailbox here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.refuse_all:
            return "%d 5.7.1 Refused by policy" % self.args.refuse_all
        if self.refused < self.args.refuse_first:
            self.refused += 1
            return "%d 4.3.2 Busy, try again later" % self.args.code
        self.received += 1
        name = os.path.join(self.args.dir, "%06d.eml" % self.received)
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(name + ".tmp", name)
        if self.args.hold_at and self.received == self.args.hold_at:
            open(os.path.join(self.args.dir, "held"), "w").close()
            while not os.path.exists(os.path.join(self.args.dir, "release")):
                await asyncio.sleep(0.01)
        return "250 2.0.0 Accepted"


def authenticator_for(expected):
    user, password = expected.split(":", 1)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)
    return authenticate


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    # A test runner may start us with signals blocked (inherited mask): SIGTERM must stop the server.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--refuse-first", type=int, default=0)
    parser.add_argument("--code", type=int, default=451)
    parser.add_argument("--refuse-all", type=int, default=0)
    parser.add_argument("--unknown", default="")
    parser.add_argument("--hold-at", type=int, default=0)
    parser.add_argument("--auth", default="")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    port = args.port or free_port()
    options = {"data_size_limit": 10_000_000}
    if args.auth:
        # Plain-text AUTH on 127.0.0.1 only (a test cannot give libcurl a trusted certificate here).
        options.update(auth_required=True, auth_require_tls=False, authenticator=authenticator_for(args.auth))
    controller = Controller(Handler(args), hostname="127.0.0.1", port=port, **options)
    controller.start()
    with open(os.path.join(args.dir, "port.tmp"), "w") as f:
        f.write(str(port))
    os.rename(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
