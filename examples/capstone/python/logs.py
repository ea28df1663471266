"""Structured logs: one JSON object per line on stdout, written whole under a lock so threads never interleave."""
import json
import sys
import threading
from datetime import datetime, timezone

_lock = threading.Lock()


def log(level, msg, **fields):
    line = json.dumps({"time": datetime.now(timezone.utc).isoformat(), "level": level, "msg": msg, **fields})
    with _lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
