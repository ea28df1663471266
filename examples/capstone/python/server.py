"""Entry point: serves on PORT with one thread per request; on SIGTERM finishes requests in flight, then exits 0."""
import os
import signal
import threading
from http.server import ThreadingHTTPServer

from handler import make_handler
from logs import log
from store import Store


class Server(ThreadingHTTPServer):
    # Non-daemon threads, joined by server_close(): that is what lets in-flight requests finish.
    daemon_threads = False
    block_on_close = True
    # The default backlog of 5 makes clients wait for SYN retries under load.
    request_queue_size = 128


def main():
    port = int(os.environ.get("PORT", "8080"))
    store = Store(os.environ.get("DATA_FILE", "data/bookmarks.db"))
    # 127.0.0.1 by default; the Dockerfile sets HOST=0.0.0.0 so the port is reachable from outside the container.
    server = Server((os.environ.get("HOST", "127.0.0.1"), port), make_handler(store))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # serve_forever runs in a thread because shutdown() must be called from another thread.
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    log("info", "listening", port=port)
    while not stop.wait(0.5):
        pass
    log("info", "shutting down")
    server.shutdown()
    server.server_close()
    log("info", "stopped")


if __name__ == "__main__":
    main()
