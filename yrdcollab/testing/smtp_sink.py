"""An SMTP server inside the test process for the fault tests (issue #13): it records every message
it accepts — recipients, subject, Message-ID, time — and can hold a sender just after accepting its
message, so a test can kill the sender before it records the delivery. Just enough SMTP for Django's
backend (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT)."""

import email
import email.policy
import socketserver
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Received:
    recipients: tuple[str, ...]
    subject: str
    message_id: str
    at: float


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT). A message is
    delivered when the sink answers 250 to its DATA, as with a real mail server."""

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        try:
            self._converse(self.server.sink)
        except OSError:
            pass  # the sender died (SIGKILL) mid-conversation

    def _converse(self, sink: "SmtpSink") -> None:
        self._reply("220 yrd-fault-sink ESMTP")
        recipients: list[str] = []
        stalled = False
        while line := self.rfile.readline():
            verb = line.split(b" ", 1)[0].strip().upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-yrd-fault-sink\r\n250 8BITMIME\r\n")
            elif verb in (b"HELO", b"NOOP"):
                self._reply("250 OK")
            elif verb == b"MAIL":
                recipients = []
                self._reply("250 OK")
            elif verb == b"RCPT":
                recipients.append(line.split(b":", 1)[1].strip().strip(b"<>").decode())
                self._reply("250 OK")
            elif verb == b"RSET":
                recipients = []
                self._reply("250 OK")
            elif verb == b"DATA":
                self._reply("354 end with <CRLF>.<CRLF>")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                if not data:
                    return  # the sender went away mid-message: not delivered
                stalled = sink.accept(tuple(recipients), b"".join(lines)) or stalled
                self._reply("250 OK queued")
            elif verb == b"QUIT":
                if stalled:
                    sink.release_event.wait(60)
                self._reply("221 bye")
                return
            else:
                self._reply("502 not implemented")


class _SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, sink: "SmtpSink"):
        self.sink = sink
        super().__init__(("127.0.0.1", 0), _SmtpHandler)


class SmtpSink:
    """Records every message accepted, in order, with its recipients, decoded subject and Message-ID.

    `stall_next()` makes the sink accept the next message (250 to its DATA: the message is delivered)
    and then keep the sender waiting for the answer to its QUIT until `release()` — the moment at which
    a sender that dies has delivered a message without knowing it."""

    def __init__(self):
        self.server = _SmtpServer(self)
        self.port = self.server.server_address[1]
        self._lock = threading.Lock()
        self._received: list[Received] = []
        self._stall_armed = False
        self.stalled: Received | None = None
        self.stalled_event = threading.Event()
        self.release_event = threading.Event()
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def accept(self, recipients: tuple[str, ...], raw: bytes) -> bool:
        """Records a message; True when its sender is to be stalled (see stall_next)."""
        message = email.message_from_bytes(raw, policy=email.policy.default)
        subject, message_id = str(message["Subject"] or ""), str(message["Message-ID"] or "")
        received = Received(recipients, subject, message_id, time.monotonic())
        with self._lock:
            self._received.append(received)
            stall, self._stall_armed = self._stall_armed, False
            if stall:
                self.stalled = received
        if stall:
            self.stalled_event.set()
        return stall

    def stall_next(self) -> threading.Event:
        """Arms the stall; the returned event is set once a sender is held after a delivered message."""
        with self._lock:
            self._stall_armed, self.stalled = True, None
            self.stalled_event.clear()
            self.release_event.clear()
        return self.stalled_event

    def release(self) -> None:
        with self._lock:
            self._stall_armed = False
        self.release_event.set()

    def received(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    def stop(self) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()
