"""The ingest process's own health endpoint (ADR 0020), for a supervisor or a load balancer:
`GET /healthz` — the process answers; `GET /readyz` — 200 while it consumes or stands by, 503 while the
broker or the database is away (the body says which). It serves on its own port, since the ingest
process has no web server; nothing else is served."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve_health(consumer, port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 — the name http.server calls
            if self.path == "/healthz":
                status, body = 200, {"status": "ok"}
            elif self.path == "/readyz":
                status = 200 if consumer.ready else 503
                body = {
                    "status": "ready" if consumer.ready else "not_ready",
                    "state": str(consumer.state),
                    "broker": consumer.source.label,
                    "holds_lease": consumer.holds_lease,
                    "instance": consumer.instance_id,
                    "last_batch_at": consumer.last_batch_at.isoformat() if consumer.last_batch_at else None,
                    "received": consumer.stats.received,
                    "dead_letters": consumer.stats.dead_letters,
                }
            else:
                status, body = 404, {"status": "not_found"}
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):  # noqa: A002 — http.server's signature
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, name="ingest-health", daemon=True).start()
    return server
